/** channels table: removes ctx.stash.channel's item and returns it as it was. */
import type { Context } from '@aws-appsync/utils';
import { remove } from '@aws-appsync/utils/dynamodb';
import type { ChannelItem } from '../lib/channel';
import { raiseDataSourceError } from '../lib/results';

export function request(ctx: Context) {
  const channel = ctx.stash.channel as ChannelItem;
  return remove({ key: { id: channel.id }, condition: { id: { attributeExists: true } } });
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return ctx.result as ChannelItem;
}
