/**
 * How AWS events reach the API: EventBridge rules whose target is an AppSync mutation, with an
 * input transformer (no glue Lambda), so subscribers hear about them.
 * - IVS "Stream State Change" -> reportStreamStatus (LIVE, OFFLINE) -> onChannelStatus.
 * - ECS "Task State Change" to STOPPED -> setEndpointStatus STOPPED -> onEndpointChanged: a
 *   transwrap task that died without saying so (kill -9, out of memory, host failure) leaves the
 *   registry at once instead of when its heartbeat goes stale.
 * amplify/ deploys these rules; the local stack delivers its events through the same rules
 * (local/src/events/event-delivery.ts).
 */

// What subscribers of onChannelStatus / onEndpointChanged select: the mutation must select it for them.
import { CHANNEL_FIELDS, ENDPOINT_FIELDS } from '@golive/common/api-selections';

export interface AppSyncEventRule {
  name: string;
  /** EventBridge event pattern: each detail field lists the values that match. */
  eventPattern: { source: string[]; 'detail-type': string[]; detail: Record<string, string[]> };
  /** The AppSync target's GraphQL operation. */
  graphQLOperation: string;
  /** EventBridge input transformer: JSONPath per placeholder, and the variables template. */
  inputPathsMap: Record<string, string>;
  inputTemplate: string;
}

const REPORT_STREAM_STATUS = `mutation ReportStreamStatus($input: ReportStreamStatusInput!) { reportStreamStatus(input: $input) { ${CHANNEL_FIELDS} } }`;
const SET_ENDPOINT_STATUS = `mutation SetEndpointStatus($id: ID!, $status: EndpointStatus!) { setEndpointStatus(id: $id, status: $status) { ${ENDPOINT_FIELDS} } }`;

/** One rule per event, because an input transformer substitutes values but cannot map them. */
function streamStateRule(eventName: string, status: 'LIVE' | 'OFFLINE'): AppSyncEventRule {
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
  streamStateRule('Stream Start', 'LIVE'),
  streamStateRule('Stream End', 'OFFLINE'),
];

/**
 * A transwrap task stopped. Its endpoint id is the task's id, so the task ARN names it
 * (setEndpointStatus takes either). amplify/ narrows the pattern to its cluster's ARN.
 */
export const TASK_STATE_RULES: AppSyncEventRule[] = [
  {
    name: 'ecs-task-stopped',
    eventPattern: {
      source: ['aws.ecs'],
      'detail-type': ['ECS Task State Change'],
      detail: { lastStatus: ['STOPPED'] },
    },
    graphQLOperation: SET_ENDPOINT_STATUS,
    inputPathsMap: { task: '$.detail.taskArn' },
    inputTemplate: '{"id": <task>, "status": "STOPPED"}',
  },
];

export const EVENT_RULES: AppSyncEventRule[] = [...STREAM_STATE_RULES, ...TASK_STATE_RULES];
