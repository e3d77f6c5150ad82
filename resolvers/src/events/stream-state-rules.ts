/**
 * How IVS "Stream State Change" events reach the API: EventBridge rules whose target is the AppSync
 * mutation reportStreamStatus, with an input transformer (no glue Lambda), so onChannelStatus
 * subscribers hear about it. amplify/ deploys these rules; the local IVS delivers events through
 * the same rules (local/src/ivs/event-delivery.ts).
 */

export interface AppSyncEventRule {
  name: string;
  /** EventBridge event pattern. */
  eventPattern: { source: string[]; 'detail-type': string[]; detail: { event_name: string[] } };
  /** The AppSync target's GraphQL operation. */
  graphQLOperation: string;
  /** EventBridge input transformer: JSONPath per placeholder, and the variables template. */
  inputPathsMap: Record<string, string>;
  inputTemplate: string;
}

/** What subscribers of onChannelStatus may select: the mutation must select it for them. */
const CHANNEL_SELECTION = 'id name status health playbackUrl liveSince createdAt updatedAt';

const REPORT_STREAM_STATUS = `mutation ReportStreamStatus($input: ReportStreamStatusInput!) { reportStreamStatus(input: $input) { ${CHANNEL_SELECTION} } }`;

/** One rule per event, because an input transformer substitutes values but cannot map them. */
function rule(eventName: string, status: 'LIVE' | 'OFFLINE'): AppSyncEventRule {
  return {
    name: `ivs-${eventName.toLowerCase().replace(/ /g, '-')}`,
    eventPattern: {
      source: ['aws.ivs'],
      'detail-type': ['IVS Stream State Change'],
      detail: { event_name: [eventName] },
    },
    graphQLOperation: REPORT_STREAM_STATUS,
    inputPathsMap: { arn: '$.resources[0]', time: '$.time' },
    inputTemplate: `{"input": {"channelArn": <arn>, "status": "${status}", "at": <time>}}`,
  };
}

export const STREAM_STATE_RULES: AppSyncEventRule[] = [
  rule('Stream Start', 'LIVE'),
  rule('Stream End', 'OFFLINE'),
];
