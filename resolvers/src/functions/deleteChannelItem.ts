/** channels table: removes ctx.stash.channel's item and returns it as it was. */
import type { Context } from '@aws-appsync/utils';
import { remove } from '@aws-appsync/utils/dynamodb';
import type { ChannelItem } from '../lib/channel';
import { raiseDataSourceError } from '../lib/results';
import type { DeleteChannelStash } from '../lib/stash';

export function request(ctx: Context<unknown, DeleteChannelStash>) {
  return remove({ key: { id: ctx.stash.channel.id }, condition: { id: { attributeExists: true } } });
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return ctx.result as ChannelItem;
}
