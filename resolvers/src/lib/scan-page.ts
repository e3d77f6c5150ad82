/** A page of a whole table, for admin listings. */
import type { Context } from '@aws-appsync/utils';
import { scan } from '@aws-appsync/utils/dynamodb';
import { page } from './results';
import { pageSize } from './validate';
import type { QueryChannelsArgs } from '@golive/common/generated/schema-types';

type Args = QueryChannelsArgs;

export function request(ctx: Context<Args>) {
  return scan({ limit: pageSize(ctx.args.limit), nextToken: ctx.args.nextToken ?? undefined });
}

export function response(ctx: Context) {
  return page(ctx);
}
