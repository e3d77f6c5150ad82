/** Mutation.claimIngest (IAM): pipeline redeemTicket -> getChannel (service) -> readIngest. */
import type { Context } from '@aws-appsync/utils';
import { identifier } from '../lib/validate';

export function request(ctx: Context<{ token: string; endpointId: string }>) {
  identifier('token', ctx.args.token);
  identifier('endpointId', ctx.args.endpointId);
  return {};
}

export { response } from '../lib/pipeline';
