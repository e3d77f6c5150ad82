/**
 * The stash types (lib/stash.ts) hold together with the wiring (api.ts). Each pipeline's table
 * row below names its resolver, whose request handler's Context gives the pipeline's stash type,
 * and its functions; tsc then fails, naming the function, when the pipeline's stash lacks an entry
 * a function's Context asks for or holds a wider type there (`channel` possibly null where the
 * function takes a channel), and when the resolver's response takes another stash. TypeScript
 * checks writes as loosely as reads (getSeller, which may stash a null seller, would fit
 * suspendSeller's stash, where the seller is never null), and not the order of the steps. The test
 * checks that the table is api.ts's wiring.
 */
import type { Context } from '@aws-appsync/utils';
import { RESOLVERS } from './api';
import type * as applyStreamStatus from './functions/applyStreamStatus';
import type * as checkBroadcastQuotas from './functions/checkBroadcastQuotas';
import type * as checkChannelQuota from './functions/checkChannelQuota';
import type * as checkProductQuota from './functions/checkProductQuota';
import type * as createIvsChannel from './functions/createIvsChannel';
import type * as deleteChannelItem from './functions/deleteChannelItem';
import type * as deleteIvsChannel from './functions/deleteIvsChannel';
import type * as deleteProductItem from './functions/deleteProductItem';
import type * as findChannel from './functions/findChannel';
import type * as findOnAirChannels from './functions/findOnAirChannels';
import type * as getChannel from './functions/getChannel';
import type * as getClaimingEndpoint from './functions/getClaimingEndpoint';
import type * as getProduct from './functions/getProduct';
import type * as getSeller from './functions/getSeller';
import type * as markBroadcastStopped from './functions/markBroadcastStopped';
import type * as pickEndpoint from './functions/pickEndpoint';
import type * as putChannel from './functions/putChannel';
import type * as putPinMetadata from './functions/putPinMetadata';
import type * as putProduct from './functions/putProduct';
import type * as putSuspension from './functions/putSuspension';
import type * as putTicket from './functions/putTicket';
import type * as readIngest from './functions/readIngest';
import type * as recordClaim from './functions/recordClaim';
import type * as recordLiveTime from './functions/recordLiveTime';
import type * as redeemTicket from './functions/redeemTicket';
import type * as refuseRevokedTicket from './functions/refuseRevokedTicket';
import type * as renameChannelItem from './functions/renameChannelItem';
import type * as savePin from './functions/savePin';
import type * as stopIvsStream from './functions/stopIvsStream';
import type * as stopIvsStreams from './functions/stopIvsStreams';
import type * as updateProductItem from './functions/updateProductItem';
import type * as checkChatSender from './functions/checkChatSender';
import type * as claimChatName from './functions/claimChatName';
import type * as deleteChatMessageItem from './functions/deleteChatMessageItem';
import type * as findChatMutes from './functions/findChatMutes';
import type * as getChatProfile from './functions/getChatProfile';
import type * as putChatMessage from './functions/putChatMessage';
import type * as putChatMute from './functions/putChatMute';
import type * as putChatProfile from './functions/putChatProfile';
import type * as readChatMessages from './functions/readChatMessages';
import type * as takeChatTurn from './functions/takeChatTurn';
import type * as updateChatSettings from './functions/updateChatSettings';
import type * as addProduct from './Mutation/addProduct';
import type * as claimIngest from './Mutation/claimIngest';
import type * as createChannel from './Mutation/createChannel';
import type * as deleteChannel from './Mutation/deleteChannel';
import type * as pinProduct from './Mutation/pinProduct';
import type * as removeProduct from './Mutation/removeProduct';
import type * as renameChannel from './Mutation/renameChannel';
import type * as reportStreamStatus from './Mutation/reportStreamStatus';
import type * as startBroadcast from './Mutation/startBroadcast';
import type * as stopBroadcast from './Mutation/stopBroadcast';
import type * as suspendSeller from './Mutation/suspendSeller';
import type * as unpinProduct from './Mutation/unpinProduct';
import type * as updateProduct from './Mutation/updateProduct';
import type * as deleteChatMessage from './Mutation/deleteChatMessage';
import type * as muteChatUser from './Mutation/muteChatUser';
import type * as sendChatMessage from './Mutation/sendChatMessage';
import type * as setChatName from './Mutation/setChatName';
import type * as setChatSettings from './Mutation/setChatSettings';
import type * as unmuteChatUser from './Mutation/unmuteChatUser';
import type * as broadcastStopped from './Query/broadcastStopped';
import type * as chatMessages from './Query/chatMessages';
import type * as chatMutes from './Query/chatMutes';
import type * as broadcastTakenOver from './Query/broadcastTakenOver';

/** A module whose handlers can be given a context with this stash. */
interface TakesStash<Stash extends Context['stash']> {
  request: (ctx: Context<never, Stash>) => unknown;
  response: (ctx: Context<never, Stash>) => unknown;
}

interface Functions {
  applyStreamStatus: typeof applyStreamStatus;
  checkBroadcastQuotas: typeof checkBroadcastQuotas;
  checkChannelQuota: typeof checkChannelQuota;
  checkProductQuota: typeof checkProductQuota;
  createIvsChannel: typeof createIvsChannel;
  deleteChannelItem: typeof deleteChannelItem;
  deleteIvsChannel: typeof deleteIvsChannel;
  deleteProductItem: typeof deleteProductItem;
  findChannel: typeof findChannel;
  findOnAirChannels: typeof findOnAirChannels;
  getChannel: typeof getChannel;
  getClaimingEndpoint: typeof getClaimingEndpoint;
  getProduct: typeof getProduct;
  getSeller: typeof getSeller;
  markBroadcastStopped: typeof markBroadcastStopped;
  pickEndpoint: typeof pickEndpoint;
  putChannel: typeof putChannel;
  putPinMetadata: typeof putPinMetadata;
  putProduct: typeof putProduct;
  putSuspension: typeof putSuspension;
  putTicket: typeof putTicket;
  readIngest: typeof readIngest;
  recordClaim: typeof recordClaim;
  recordLiveTime: typeof recordLiveTime;
  redeemTicket: typeof redeemTicket;
  refuseRevokedTicket: typeof refuseRevokedTicket;
  renameChannelItem: typeof renameChannelItem;
  savePin: typeof savePin;
  stopIvsStream: typeof stopIvsStream;
  stopIvsStreams: typeof stopIvsStreams;
  updateProductItem: typeof updateProductItem;
  checkChatSender: typeof checkChatSender;
  claimChatName: typeof claimChatName;
  deleteChatMessageItem: typeof deleteChatMessageItem;
  findChatMutes: typeof findChatMutes;
  getChatProfile: typeof getChatProfile;
  putChatMessage: typeof putChatMessage;
  putChatMute: typeof putChatMute;
  putChatProfile: typeof putChatProfile;
  readChatMessages: typeof readChatMessages;
  takeChatTurn: typeof takeChatTurn;
  updateChatSettings: typeof updateChatSettings;
}

/** The functions a pipeline with this stash can run. */
type FunctionFor<Stash extends Context['stash']> = {
  [Name in keyof Functions]: Functions[Name] extends TakesStash<Stash> ? Name : never;
}[keyof Functions];

/** The stash a pipeline resolver's request writes: its pipeline's. */
type StashOf<Resolver> = Resolver extends { request: (ctx: Context<never, infer Stash>) => unknown }
  ? Stash
  : never;

/** A pipeline's functions, checked against the stash its resolver's handlers take. */
function pipeline<Resolver extends TakesStash<StashOf<Resolver>>>() {
  return <const Names extends readonly FunctionFor<StashOf<Resolver>>[]>(
    functions: Names,
  ): readonly string[] => functions;
}

const PIPELINES: Record<string, readonly string[]> = {
  'Query/broadcastStopped': pipeline<typeof broadcastStopped>()(['findChannel', 'getSeller']),
  'Query/broadcastTakenOver': pipeline<typeof broadcastTakenOver>()(['findChannel']),
  'Mutation/createChannel': pipeline<typeof createChannel>()([
    'getSeller',
    'checkChannelQuota',
    'createIvsChannel',
    'putChannel',
  ]),
  'Mutation/renameChannel': pipeline<typeof renameChannel>()(['getChannel', 'renameChannelItem']),
  'Mutation/deleteChannel': pipeline<typeof deleteChannel>()([
    'getChannel',
    'deleteIvsChannel',
    'deleteChannelItem',
  ]),
  'Mutation/startBroadcast': pipeline<typeof startBroadcast>()([
    'getChannel',
    'getSeller',
    'checkBroadcastQuotas',
    'pickEndpoint',
    'putTicket',
  ]),
  'Mutation/stopBroadcast': pipeline<typeof stopBroadcast>()([
    'getChannel',
    'markBroadcastStopped',
    'stopIvsStream',
  ]),
  'Mutation/claimIngest': pipeline<typeof claimIngest>()([
    'getClaimingEndpoint',
    'redeemTicket',
    'getChannel',
    'refuseRevokedTicket',
    'getSeller',
    'checkBroadcastQuotas',
    'recordClaim',
    'readIngest',
  ]),
  'Mutation/addProduct': pipeline<typeof addProduct>()(['getChannel', 'checkProductQuota', 'putProduct']),
  'Mutation/updateProduct': pipeline<typeof updateProduct>()(['getChannel', 'updateProductItem']),
  'Mutation/removeProduct': pipeline<typeof removeProduct>()(['getChannel', 'deleteProductItem']),
  'Mutation/pinProduct': pipeline<typeof pinProduct>()([
    'getChannel',
    'getProduct',
    'putPinMetadata',
    'savePin',
  ]),
  'Mutation/unpinProduct': pipeline<typeof unpinProduct>()(['getChannel', 'putPinMetadata', 'savePin']),
  'Mutation/reportStreamStatus': pipeline<typeof reportStreamStatus>()([
    'getChannel',
    'applyStreamStatus',
    'recordLiveTime',
  ]),
  'Mutation/suspendSeller': pipeline<typeof suspendSeller>()([
    'putSuspension',
    'findOnAirChannels',
    'stopIvsStreams',
  ]),
  'Query/chatMessages': pipeline<typeof chatMessages>()(['findChannel', 'findChatMutes', 'readChatMessages']),
  'Mutation/setChatName': pipeline<typeof setChatName>()([
    'getChatProfile',
    'claimChatName',
    'putChatProfile',
  ]),
  'Mutation/sendChatMessage': pipeline<typeof sendChatMessage>()([
    'getChannel',
    'getChatProfile',
    'checkChatSender',
    'takeChatTurn',
    'putChatMessage',
  ]),
  'Mutation/deleteChatMessage': pipeline<typeof deleteChatMessage>()(['getChannel', 'deleteChatMessageItem']),
  'Query/chatMutes': pipeline<typeof chatMutes>()(['getChannel', 'findChatMutes']),
  'Mutation/muteChatUser': pipeline<typeof muteChatUser>()(['getChannel', 'getChatProfile', 'putChatMute']),
  'Mutation/unmuteChatUser': pipeline<typeof unmuteChatUser>()([
    'getChannel',
    'getChatProfile',
    'putChatMute',
  ]),
  'Mutation/setChatSettings': pipeline<typeof setChatSettings>()(['getChannel', 'updateChatSettings']),
};

test("every pipeline's stash type is checked against the functions api.ts wires into it", () => {
  const wired: Record<string, readonly string[]> = {};
  for (const resolver of RESOLVERS) {
    if (resolver.kind === 'PIPELINE') wired[resolver.code] = resolver.functions;
  }
  expect(PIPELINES).toEqual(wired);
});
