/** channels table: gives ctx.stash.channel its new name; returns the channel renamed. */
import { util, type Context } from '@aws-appsync/utils';
import type { ChannelItem } from '../lib/channel';
import { raiseDataSourceError } from '../lib/results';
import type { RenameChannelStash } from '../lib/stash';

export function request(ctx: Context<unknown, RenameChannelStash>) {
  return {
    operation: 'UpdateItem' as const,
    key: util.dynamodb.toMapValues({ id: ctx.stash.channel.id }),
    update: {
      expression: 'SET #name = :name, updatedAt = :now',
      expressionNames: { '#name': 'name' },
      expressionValues: util.dynamodb.toMapValues({
        ':name': ctx.stash.name,
        ':now': util.time.nowISO8601(),
      }),
    },
    condition: { expression: 'attribute_exists(id)' },
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return ctx.result as ChannelItem;
}
