/** channels table: records a channel just created in IVS (ctx.prev.result), owned by the caller. */
import { util, type Context } from '@aws-appsync/utils';
import { put } from '@aws-appsync/utils/dynamodb';
import type { ChannelItem } from '../lib/channel';
import { signedInUser, verifiedEmail } from '../lib/identity';
import type { CreatedIvsChannel } from '../lib/ivs-control';
import { raiseDataSourceError } from '../lib/results';
import type { CreateChannelStash } from '../lib/stash';

export function request(ctx: Context<unknown, CreateChannelStash>) {
  const ivs = (ctx.prev as { result: CreatedIvsChannel }).result;
  const now = util.time.nowISO8601();
  const user = signedInUser(ctx);
  // What admins see as the owner's address: only one the token says is verified (else none).
  const email = verifiedEmail(user);
  const item: ChannelItem = {
    id: ivs.id,
    name: ctx.stash.name,
    owner: user.sub,
    ...(email ? { ownerEmail: email } : {}),
    status: 'OFFLINE',
    chatEnabled: true,
    playbackUrl: ivs.playbackUrl,
    ivsArn: ivs.arn,
    statusAt: now,
    createdAt: now,
    updatedAt: now,
  };
  return put({ key: { id: item.id }, item, condition: { id: { attributeExists: false } } });
}

export function response(ctx: Context) {
  raiseDataSourceError(ctx);
  return ctx.result as ChannelItem;
}
