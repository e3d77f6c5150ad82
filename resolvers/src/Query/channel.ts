/** Query.channel (channels table): one channel's public view; null when there is none. */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { raiseDataSourceError } from '../lib/results';
import { identifier } from '../lib/validate';
import type { QueryChannelArgs } from '@golive/common/generated/schema-types';

export function request(ctx: Context<QueryChannelArgs>) {
  return get({ key: { id: identifier('id', ctx.args.id) } });
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return ctx.result as unknown;
}
