/**
 * Stream State Change events have IVS's EventBridge shape, and reach the API through the same
 * rules (pattern + input transformer + AppSync operation) that amplify/ deploys.
 */
import { STREAM_STATE_RULES } from '@golive/resolvers/events/event-rules';
import { matches, readPath, transformInput } from '../events/event-delivery';
import { streamStateChange } from './stream-events';

const channel = { arn: 'arn:aws:ivs:us-east-1:000000000000:channel/AbCdEf123456', name: 'golive-seller' };
const where = { region: 'us-east-1', accountId: '000000000000' };

test('an event has exactly the fields IVS sends to EventBridge', () => {
  const event = streamStateChange('Stream Start', channel, 'st-1', where);
  expect(Object.keys(event).sort()).toEqual([
    'account',
    'detail',
    'detail-type',
    'id',
    'region',
    'resources',
    'source',
    'time',
    'version',
  ]);
  expect(event).toMatchObject({
    version: '0',
    'detail-type': 'IVS Stream State Change',
    source: 'aws.ivs',
    account: '000000000000',
    region: 'us-east-1',
    resources: [channel.arn],
    detail: { event_name: 'Stream Start', channel_name: 'golive-seller', stream_id: 'st-1' },
  });
  expect(event.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
});

test.each([
  ['Stream Start', 'LIVE'],
  ['Stream End', 'OFFLINE'],
] as const)(
  '"%s" matches one rule, which reports %s for the channel ARN at the event time',
  (name, status) => {
    const event = streamStateChange(name, channel, 'st-1', where);
    const rules = STREAM_STATE_RULES.filter((rule) => matches(rule, event));
    expect(rules).toHaveLength(1);
    expect(transformInput(rules[0]!, event)).toEqual({
      input: { channelArn: channel.arn, status, at: event.time },
    });
    expect(rules[0]!.graphQLOperation).toMatch(
      /^mutation ReportStreamStatus\(\$input: ReportStreamStatusInput!\)/,
    );
  },
);

test('"Session Created" matches no rule: it changes no status', () => {
  const event = streamStateChange('Session Created', channel, 'st-1', where);
  expect(STREAM_STATE_RULES.filter((rule) => matches(rule, event))).toEqual([]);
});

test('input paths read fields and array items', () => {
  const event = streamStateChange('Stream End', channel, 'st-9', where);
  expect(readPath(event, '$.resources[0]')).toBe(channel.arn);
  expect(readPath(event, '$.detail.stream_id')).toBe('st-9');
  expect(readPath(event, '$.detail.nothing')).toBeUndefined();
});
