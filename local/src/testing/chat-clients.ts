/** Chat steps tests share: a channel on air, chat names, and sending at the rate the API allows. */
import type { ApolloClient } from '@apollo/client';
import * as op from '@golive/common/api-operations';
import { poll } from '@golive/common/testing/poll';
import { call, type Identities } from './api-clients';

/** A new channel of the demo seller's, reported LIVE (the chat takes messages while on air). */
export async function liveChannel(who: Identities, name = 'Chat'): Promise<string> {
  const created = await call<op.CreateChannelMutation>(who.clients.seller, op.CREATE_CHANNEL, { name });
  const channelId = created.data!.createChannel.id;
  const reported = await call(who.clients.service, op.REPORT_STREAM_STATUS, {
    input: { channelId, status: 'LIVE', at: new Date().toISOString() },
  });
  if (reported.errors.length) throw new Error(reported.errors[0]!.message);
  return channelId;
}

/** Gives the user behind `client` a chat name unless they have one; returns the name they chat under. */
export async function chatName(client: ApolloClient, wanted: string): Promise<string> {
  const mine = await call<op.MyChatProfileQuery>(client, op.MY_CHAT_PROFILE);
  if (mine.data?.myChatProfile) return mine.data.myChatProfile.name;
  const set = await call<op.SetChatNameMutation>(client, op.SET_CHAT_NAME, { name: wanted });
  if (set.errors.length) throw new Error(set.errors[0]!.message);
  return set.data!.setChatName.name;
}

/** Sends a message, waiting out Throttled answers (tests that are not about the rate send a lot). */
export async function say(client: ApolloClient, channelId: string, text: string) {
  return poll(`"${text}" to be sent`, async () => {
    const sent = await call<op.SendChatMessageMutation>(client, op.SEND_CHAT_MESSAGE, { channelId, text });
    if (sent.errors[0]?.errorType === 'Throttled') return undefined;
    if (sent.errors.length) throw new Error(`${sent.errors[0]!.errorType}: ${sent.errors[0]!.message}`);
    return sent.data!.sendChatMessage;
  });
}

export async function history(client: ApolloClient, channelId: string, limit?: number) {
  const read = await call<op.ChatMessagesQuery>(client, op.CHAT_MESSAGES, { channelId, limit });
  if (read.errors.length) throw new Error(read.errors[0]!.message);
  return read.data!.chatMessages;
}
