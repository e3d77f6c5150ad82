/** channels table: turns ctx.stash.channel's chat on or off and sets its word list; returns the channel. */
import { util, type Context } from '@aws-appsync/utils';
import type { ChannelItem } from '../lib/channel';
import { raiseDataSourceError } from '../lib/results';
import type { ChatSettingsStash } from '../lib/stash';

export function request(ctx: Context<unknown, ChatSettingsStash>) {
  const { enabled, blockedWords } = ctx.stash;
  return {
    operation: 'UpdateItem' as const,
    key: util.dynamodb.toMapValues({ id: ctx.stash.channel.id }),
    update: {
      expression: blockedWords
        ? 'SET chatEnabled = :enabled, chatBlockedWords = :words, updatedAt = :now'
        : 'SET chatEnabled = :enabled, updatedAt = :now',
      expressionValues: util.dynamodb.toMapValues({
        ':enabled': enabled,
        ':now': util.time.nowISO8601(),
        ...(blockedWords ? { ':words': blockedWords } : {}),
      }),
    },
    condition: { expression: 'attribute_exists(id)' },
  };
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return ctx.result as ChannelItem;
}
