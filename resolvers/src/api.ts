/**
 * How the API is wired: data sources, and which code resolves each field. The local server
 * (local/src/graphql) and the AWS deployment (amplify/) both build the API from this list, so
 * they cannot drift apart. Paths are relative to resolvers/src, without `.ts`.
 */
type TableSourceName =
  | 'channels'
  | 'endpoints'
  | 'tickets'
  | 'sellers'
  | 'products'
  | 'chatMessages'
  | 'chatMembers'
  | 'chatProfiles';

export type DataSourceName = TableSourceName | 'ivsControl' | 'none';

export type DataSource =
  | { kind: 'AMAZON_DYNAMODB'; table: TableSourceName }
  | { kind: 'AWS_LAMBDA'; handler: 'lambda/ivs-control' }
  | { kind: 'NONE' };

export const DATA_SOURCES: Record<DataSourceName, DataSource> = {
  channels: { kind: 'AMAZON_DYNAMODB', table: 'channels' },
  endpoints: { kind: 'AMAZON_DYNAMODB', table: 'endpoints' },
  tickets: { kind: 'AMAZON_DYNAMODB', table: 'tickets' },
  sellers: { kind: 'AMAZON_DYNAMODB', table: 'sellers' },
  products: { kind: 'AMAZON_DYNAMODB', table: 'products' },
  chatMessages: { kind: 'AMAZON_DYNAMODB', table: 'chatMessages' },
  chatMembers: { kind: 'AMAZON_DYNAMODB', table: 'chatMembers' },
  chatProfiles: { kind: 'AMAZON_DYNAMODB', table: 'chatProfiles' },
  ivsControl: { kind: 'AWS_LAMBDA', handler: 'lambda/ivs-control' },
  none: { kind: 'NONE' },
};

export interface PipelineFunction {
  name: string;
  code: string;
  dataSource: DataSourceName;
}

export type FieldResolver =
  | { typeName: string; fieldName: string; kind: 'UNIT'; code: string; dataSource: DataSourceName }
  | { typeName: string; fieldName: string; kind: 'PIPELINE'; code: string; functions: string[] };

const fn = (name: string, dataSource: DataSourceName): PipelineFunction => ({
  name,
  code: `functions/${name}`,
  dataSource,
});

export const FUNCTIONS: PipelineFunction[] = [
  fn('checkChannelQuota', 'channels'),
  fn('createIvsChannel', 'ivsControl'),
  fn('putChannel', 'channels'),
  fn('getChannel', 'channels'),
  fn('deleteIvsChannel', 'ivsControl'),
  fn('deleteChannelItem', 'channels'),
  fn('markBroadcastStopped', 'channels'),
  fn('stopIvsStream', 'ivsControl'),
  fn('pickEndpoint', 'endpoints'),
  fn('putTicket', 'tickets'),
  fn('getClaimingEndpoint', 'endpoints'),
  fn('redeemTicket', 'tickets'),
  fn('refuseRevokedTicket', 'none'),
  fn('recordClaim', 'channels'),
  fn('readIngest', 'ivsControl'),
  fn('applyStreamStatus', 'channels'),
  fn('getSeller', 'sellers'),
  fn('checkBroadcastQuotas', 'channels'),
  fn('recordLiveTime', 'sellers'),
  fn('putSuspension', 'sellers'),
  fn('findOnAirChannels', 'channels'),
  fn('stopIvsStreams', 'ivsControl'),
  fn('findChannel', 'channels'),
  fn('checkProductQuota', 'products'),
  fn('putProduct', 'products'),
  fn('updateProductItem', 'products'),
  fn('deleteProductItem', 'products'),
  fn('getProduct', 'products'),
  fn('putPinMetadata', 'ivsControl'),
  fn('savePin', 'channels'),
  fn('renameChannelItem', 'channels'),
  fn('getChatProfile', 'chatProfiles'),
  fn('claimChatName', 'chatProfiles'),
  fn('putChatProfile', 'chatProfiles'),
  fn('checkChatSender', 'chatMembers'),
  fn('takeChatTurn', 'chatMembers'),
  fn('putChatMessage', 'chatMessages'),
  fn('deleteChatMessageItem', 'chatMessages'),
  fn('putChatMute', 'chatMembers'),
  fn('updateChatSettings', 'channels'),
  fn('findChatMutes', 'chatMembers'),
  fn('readChatMessages', 'chatMessages'),
];

const unit = (typeName: string, fieldName: string, dataSource: DataSourceName): FieldResolver => ({
  typeName,
  fieldName,
  kind: 'UNIT',
  code: `${typeName}/${fieldName}`,
  dataSource,
});

const pipeline = (typeName: string, fieldName: string, functions: string[]): FieldResolver => ({
  typeName,
  fieldName,
  kind: 'PIPELINE',
  code: `${typeName}/${fieldName}`,
  functions,
});

export const RESOLVERS: FieldResolver[] = [
  unit('Query', 'me', 'none'),
  unit('Query', 'myChannels', 'channels'),
  unit('Query', 'channel', 'channels'),
  unit('Query', 'liveChannels', 'channels'),
  unit('Query', 'channels', 'channels'),
  unit('Query', 'endpoints', 'endpoints'),
  pipeline('Query', 'broadcastStopped', ['findChannel', 'getSeller']),
  pipeline('Query', 'broadcastTakenOver', ['findChannel']),
  unit('Query', 'products', 'products'),
  unit('Query', 'seller', 'sellers'),
  unit('Query', 'suspendedSellers', 'sellers'),
  pipeline('Mutation', 'createChannel', ['getSeller', 'checkChannelQuota', 'createIvsChannel', 'putChannel']),
  pipeline('Mutation', 'renameChannel', ['getChannel', 'renameChannelItem']),
  pipeline('Mutation', 'deleteChannel', ['getChannel', 'deleteIvsChannel', 'deleteChannelItem']),
  pipeline('Mutation', 'startBroadcast', [
    'getChannel',
    'getSeller',
    'checkBroadcastQuotas',
    'pickEndpoint',
    'putTicket',
  ]),
  pipeline('Mutation', 'stopBroadcast', ['getChannel', 'markBroadcastStopped', 'stopIvsStream']),
  pipeline('Mutation', 'addProduct', ['getChannel', 'checkProductQuota', 'putProduct']),
  pipeline('Mutation', 'updateProduct', ['getChannel', 'updateProductItem']),
  pipeline('Mutation', 'removeProduct', ['getChannel', 'deleteProductItem']),
  pipeline('Mutation', 'pinProduct', ['getChannel', 'getProduct', 'putPinMetadata', 'savePin']),
  pipeline('Mutation', 'unpinProduct', ['getChannel', 'putPinMetadata', 'savePin']),
  unit('Channel', 'pinnedProduct', 'products'),
  unit('Channel', 'chatBlockedWords', 'none'),
  pipeline('Query', 'chatMessages', ['findChannel', 'findChatMutes', 'readChatMessages']),
  unit('Query', 'myChatProfile', 'chatProfiles'),
  pipeline('Mutation', 'setChatName', ['getChatProfile', 'claimChatName', 'putChatProfile']),
  pipeline('Mutation', 'sendChatMessage', [
    'getChannel',
    'getChatProfile',
    'checkChatSender',
    'takeChatTurn',
    'putChatMessage',
  ]),
  pipeline('Mutation', 'deleteChatMessage', ['getChannel', 'deleteChatMessageItem']),
  pipeline('Query', 'chatMutes', ['getChannel', 'findChatMutes']),
  pipeline('Mutation', 'muteChatUser', ['getChannel', 'getChatProfile', 'putChatMute']),
  pipeline('Mutation', 'unmuteChatUser', ['getChannel', 'getChatProfile', 'putChatMute']),
  pipeline('Mutation', 'setChatSettings', ['getChannel', 'updateChatSettings']),
  pipeline('Mutation', 'claimIngest', [
    'getClaimingEndpoint',
    'redeemTicket',
    'getChannel',
    'refuseRevokedTicket',
    'getSeller',
    'checkBroadcastQuotas',
    'recordClaim',
    'readIngest',
  ]),
  unit('Mutation', 'registerEndpoint', 'endpoints'),
  unit('Mutation', 'heartbeatEndpoint', 'endpoints'),
  unit('Mutation', 'setEndpointStatus', 'endpoints'),
  pipeline('Mutation', 'reportStreamStatus', ['getChannel', 'applyStreamStatus', 'recordLiveTime']),
  pipeline('Mutation', 'suspendSeller', ['putSuspension', 'findOnAirChannels', 'stopIvsStreams']),
  unit('Mutation', 'reinstateSeller', 'sellers'),
  unit('Mutation', 'reportViewerCount', 'channels'),
  unit('Subscription', 'onChannelStatus', 'none'),
  unit('Subscription', 'onEndpointChanged', 'none'),
  unit('Subscription', 'onProductPin', 'none'),
  unit('Subscription', 'onChatMessage', 'none'),
  unit('Subscription', 'onChatMute', 'none'),
];
