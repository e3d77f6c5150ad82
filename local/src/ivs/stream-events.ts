/**
 * IVS "Stream State Change" events in the exact EventBridge shape IVS emits
 * (https://docs.aws.amazon.com/ivs/latest/LowLatencyUserGuide/eventbridge.html).
 */
import { randomUUID } from 'node:crypto';
import { eventTime, type AwsEvent } from '../events/aws-event';

export type StreamEventName = 'Stream Start' | 'Stream End' | 'Session Created';

export type StreamStateChangeEvent = AwsEvent<
  'IVS Stream State Change',
  { event_name: StreamEventName; channel_name: string; stream_id: string }
>;

export function streamStateChange(
  eventName: StreamEventName,
  channel: { arn: string; name: string },
  streamId: string,
  where: { region: string; accountId: string },
): StreamStateChangeEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'IVS Stream State Change',
    source: 'aws.ivs',
    account: where.accountId,
    time: eventTime(),
    region: where.region,
    resources: [channel.arn],
    detail: { event_name: eventName, channel_name: channel.name, stream_id: streamId },
  };
}
