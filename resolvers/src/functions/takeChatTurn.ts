/**
 * chatMembers table: moves the sender's turn on (checkChatSender's nextTurnAtMs), only if no other
 * message of theirs moved it since checkChatSender read it; else Throttled, so two messages sent at
 * once cannot both pass on one read.
 */
import { util, type Context } from '@aws-appsync/utils';
import { THROTTLED } from '../lib/chat';
import { refuseFailedCondition } from '../lib/results';
import type { SendChatMessageStash } from '../lib/stash';

export function request(ctx: Context<unknown, SendChatMessageStash>) {
  const previous = ctx.stash.member?.turnAtMs;
  return {
    operation: 'UpdateItem' as const,
    key: util.dynamodb.toMapValues({ channelId: ctx.stash.channel.id, userId: ctx.stash.userId }),
    update: {
      expression: 'SET turnAtMs = :next',
      expressionValues: util.dynamodb.toMapValues({
        ':next': ctx.stash.nextTurnAtMs,
        ...(previous ? { ':previous': previous } : {}),
      }),
    },
    condition: {
      expression: previous ? 'turnAtMs = :previous' : 'attribute_not_exists(turnAtMs)',
    },
  };
}

export function response(ctx: Context<unknown, SendChatMessageStash>) {
  refuseFailedCondition(
    ctx,
    'Another message of yours was being sent at the same moment: try again.',
    THROTTLED,
  );
  return null;
}
