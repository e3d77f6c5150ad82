/** Every operation of schema.graphql, as clients (transwrap, tests, benchmarks, the PWA) send them. */
import { gql } from '@apollo/client';
import { CHANNEL_FIELDS, ENDPOINT_FIELDS } from './api-selections';

export const ME = gql`
  query Me {
    me {
      id
      email
      groups
    }
  }
`;
export const MY_CHANNELS = gql`query MyChannels($limit: Int, $nextToken: String) { myChannels(limit: $limit, nextToken: $nextToken) { items { ${CHANNEL_FIELDS} owner } nextToken } }`;
export const CHANNEL = gql`query Channel($id: ID!) { channel(id: $id) { ${CHANNEL_FIELDS} } }`;
export const CHANNEL_OWNER = gql`
  query ChannelOwner($id: ID!) {
    channel(id: $id) {
      id
      owner
    }
  }
`;
export const LIVE_CHANNELS = gql`query LiveChannels($limit: Int, $nextToken: String) { liveChannels(limit: $limit, nextToken: $nextToken) { items { ${CHANNEL_FIELDS} } nextToken } }`;
export const CHANNELS = gql`query Channels($limit: Int, $nextToken: String) { channels(limit: $limit, nextToken: $nextToken) { items { ${CHANNEL_FIELDS} owner } nextToken } }`;
export const ENDPOINTS = gql`query Endpoints { endpoints { items { ${ENDPOINT_FIELDS} } nextToken } }`;
export const BROADCAST_STOPPED = gql`
  query BroadcastStopped($channelId: ID!, $since: AWSDateTime!) {
    broadcastStopped(channelId: $channelId, since: $since)
  }
`;

export const CREATE_CHANNEL = gql`mutation CreateChannel($name: String!) { createChannel(name: $name) { ${CHANNEL_FIELDS} owner } }`;
export const DELETE_CHANNEL = gql`
  mutation DeleteChannel($id: ID!) {
    deleteChannel(id: $id) {
      id
    }
  }
`;
export const START_BROADCAST = gql`
  mutation StartBroadcast($channelId: ID!) {
    startBroadcast(channelId: $channelId) {
      url
      token
      expiresAt
      endpoint {
        id
        url
      }
    }
  }
`;
export const STOP_BROADCAST = gql`
  mutation StopBroadcast($channelId: ID!) {
    stopBroadcast(channelId: $channelId) {
      id
      status
    }
  }
`;
export const CLAIM_INGEST = gql`
  mutation ClaimIngest($token: String!, $endpointId: ID!) {
    claimIngest(token: $token, endpointId: $endpointId) {
      channelId
      owner
      ingestUrl
      streamKey
      claimedAt
    }
  }
`;
export const REGISTER_ENDPOINT = gql`mutation RegisterEndpoint($input: RegisterEndpointInput!) { registerEndpoint(input: $input) { ${ENDPOINT_FIELDS} } }`;
export const HEARTBEAT_ENDPOINT = gql`mutation HeartbeatEndpoint($input: HeartbeatEndpointInput!) { heartbeatEndpoint(input: $input) { ${ENDPOINT_FIELDS} } }`;
export const SET_ENDPOINT_STATUS = gql`mutation SetEndpointStatus($id: ID!, $status: EndpointStatus!) { setEndpointStatus(id: $id, status: $status) { ${ENDPOINT_FIELDS} } }`;
export const REPORT_STREAM_STATUS = gql`mutation ReportStreamStatus($input: ReportStreamStatusInput!) { reportStreamStatus(input: $input) { ${CHANNEL_FIELDS} } }`;

export const ON_CHANNEL_STATUS = gql`subscription OnChannelStatus($id: ID!) { onChannelStatus(id: $id) { ${CHANNEL_FIELDS} } }`;
export const ON_ENDPOINT_CHANGED = gql`subscription OnEndpointChanged { onEndpointChanged { ${ENDPOINT_FIELDS} } }`;
