/** Query.myChatProfile (chatProfiles table): the caller's chat name, null until they choose one. */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { signedInUser } from '../lib/identity';
import { raiseDataSourceError } from '../lib/results';

export function request(ctx: Context) {
  return get({ key: { id: signedInUser(ctx).sub } });
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return ctx.result as unknown;
}
