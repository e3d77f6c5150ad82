/**
 * Every operation clients send, by name: typed documents generated from operations.graphql
 * (`npm run codegen`), so each carries its result and variables types from schema.graphql.
 */
export {
  MeDocument as ME,
  MyChannelsDocument as MY_CHANNELS,
  ChannelDocument as CHANNEL,
  ChannelOwnerDocument as CHANNEL_OWNER,
  ChannelOwnerEmailDocument as CHANNEL_OWNER_EMAIL,
  LiveChannelsDocument as LIVE_CHANNELS,
  ChannelsDocument as CHANNELS,
  EndpointsDocument as ENDPOINTS,
  SellerDocument as SELLER,
  SuspendedSellersDocument as SUSPENDED_SELLERS,
  BroadcastStoppedDocument as BROADCAST_STOPPED,
  BroadcastTakenOverDocument as BROADCAST_TAKEN_OVER,
  CreateChannelDocument as CREATE_CHANNEL,
  DeleteChannelDocument as DELETE_CHANNEL,
  StartBroadcastDocument as START_BROADCAST,
  StopBroadcastDocument as STOP_BROADCAST,
  ProductsDocument as PRODUCTS,
  AddProductDocument as ADD_PRODUCT,
  UpdateProductDocument as UPDATE_PRODUCT,
  RemoveProductDocument as REMOVE_PRODUCT,
  SuspendSellerDocument as SUSPEND_SELLER,
  ReinstateSellerDocument as REINSTATE_SELLER,
  ClaimIngestDocument as CLAIM_INGEST,
  RegisterEndpointDocument as REGISTER_ENDPOINT,
  HeartbeatEndpointDocument as HEARTBEAT_ENDPOINT,
  SetEndpointStatusDocument as SET_ENDPOINT_STATUS,
  ReportStreamStatusDocument as REPORT_STREAM_STATUS,
  OnChannelStatusDocument as ON_CHANNEL_STATUS,
  OnEndpointChangedDocument as ON_ENDPOINT_CHANGED,
} from './generated/operations';
export type * from './generated/operations';
