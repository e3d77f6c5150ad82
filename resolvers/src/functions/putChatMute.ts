/**
 * chatMembers table: mutes ctx.stash.userId in ctx.stash.channel's chat until ctx.stash.mutedUntil,
 * keeping their chat name (ctx.stash.profile) for the moderators' list, or unmutes them (null).
 * The channel's owner cannot be muted in their own chat.
 */
import { util, type Context } from '@aws-appsync/utils';
import type { ChatMute } from '@golive/common/generated/schema-types';
import { muteView, type ChatMemberItem } from '../lib/chat';
import { signedInUser } from '../lib/identity';
import { raiseDataSourceError } from '../lib/results';
import type { ChatMuteStash } from '../lib/stash';
import { VALIDATION_ERROR } from '../lib/validate';

export function request(ctx: Context<unknown, ChatMuteStash>) {
  const { channel, userId, mutedUntil, profile } = ctx.stash;
  if (mutedUntil && userId === channel.owner)
    util.error("The channel's seller cannot be muted in their own chat.", VALIDATION_ERROR);
  const key = util.dynamodb.toMapValues({ channelId: channel.id, userId });
  if (!mutedUntil)
    return {
      operation: 'UpdateItem' as const,
      key,
      update: { expression: 'REMOVE mutedUntil, mutedChannelId, mutedBy, mutedName, mutedAt' },
    };
  return {
    operation: 'UpdateItem' as const,
    key,
    update: {
      expression:
        'SET mutedUntil = :until, mutedChannelId = :channelId, mutedBy = :by, mutedAt = :at' +
        (profile ? ', mutedName = :name' : ' REMOVE mutedName'),
      expressionValues: util.dynamodb.toMapValues({
        ':until': mutedUntil,
        ':channelId': channel.id,
        ':by': signedInUser(ctx).sub,
        ':at': util.time.nowISO8601(),
        ...(profile ? { ':name': profile.name } : {}),
      }),
    },
  };
}

export function response(ctx: Context<unknown, ChatMuteStash>): ChatMute {
  raiseDataSourceError(ctx);
  const member = ctx.result as ChatMemberItem;
  return {
    ...muteView(member, member.mutedAt ?? util.time.nowISO8601()),
    userName: ctx.stash.profile?.name ?? null,
  };
}
