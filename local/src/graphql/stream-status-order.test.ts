/**
 * A channel's status follows its broadcast however its reports arrive. transwrap reports with
 * millisecond times; IVS's events (by ARN, through EventBridge) carry whole seconds and are
 * delivered concurrently, so a "Stream Start" can land after the OFFLINE that ended its stream in
 * the same second. Each row plays reports in arrival order on a fresh channel, through the real
 * resolvers over the local DynamoDB, and says what viewers are left seeing. The viewer count, which
 * the poller reports while a channel is on air, goes with the status.
 */
import * as op from '@golive/common/api-operations';
import { call, ivsChannelArn } from '../testing/api-clients';
import { useApiStack } from '../testing/api-stack';

const api = useApiStack('stream-status-order');

type Source = 'transwrap' | 'ivs';
/** A report: who sends it, the status, and when it happened (ms after the row's start). */
type Report = [Source, 'CONNECTING' | 'LIVE' | 'INTERRUPTED' | 'OFFLINE', number];

/** A start on a whole second, so "the same second" in a row means what it says. */
function secondStart(): number {
  return Math.floor(Date.now() / 1000) * 1000 - 60_000;
}

async function play(reports: Report[]): Promise<string> {
  const { data, errors } = await call<{ createChannel: { id: string } }>(
    api.who.clients.seller,
    op.CREATE_CHANNEL,
    { name: 'Status order' },
  );
  expect(errors).toEqual([]);
  const id = data!.createChannel.id;
  const arn = ivsChannelArn(api.stack.info, id);
  const start = secondStart();
  for (const [source, status, afterMs] of reports) {
    const time = start + afterMs;
    // EventBridge writes whole seconds.
    const at = new Date(source === 'ivs' ? Math.floor(time / 1000) * 1000 : time).toISOString();
    const where = source === 'ivs' ? { channelArn: arn } : { channelId: id };
    const report = await call(api.who.clients.service, op.REPORT_STREAM_STATUS, {
      input: { ...where, status, at },
    });
    expect(report.errors).toEqual([]);
  }
  const channel = await call<{ channel: { status: string } }>(api.who.clients.seller, op.CHANNEL, { id });
  await call(api.who.clients.seller, op.DELETE_CHANNEL, { id });
  return channel.data!.channel.status;
}

test.each<[string, Report[], string]>([
  [
    "IVS's start, stamped to the second, after transwrap's CONNECTING later in that second",
    [
      ['transwrap', 'CONNECTING', 300],
      ['ivs', 'LIVE', 800],
    ],
    'LIVE',
  ],
  [
    'a broadcast stopped within a second of starting: its start arrives after the OFFLINE',
    [
      ['transwrap', 'CONNECTING', 100],
      ['transwrap', 'OFFLINE', 700],
      ['ivs', 'LIVE', 400],
    ],
    'OFFLINE',
  ],
  [
    "the same, with IVS's end and start of that stream both delivered after it, end first",
    [
      ['transwrap', 'CONNECTING', 100],
      ['transwrap', 'OFFLINE', 700],
      ['ivs', 'OFFLINE', 900],
      ['ivs', 'LIVE', 300],
    ],
    'OFFLINE',
  ],
  [
    'a report a minute older than the last one applied',
    [
      ['ivs', 'LIVE', 60_000],
      ['ivs', 'OFFLINE', 0],
    ],
    'LIVE',
  ],
  [
    'live again a second after going off air',
    [
      ['ivs', 'LIVE', 0],
      ['transwrap', 'OFFLINE', 200],
      ['ivs', 'LIVE', 1200],
    ],
    'LIVE',
  ],
  [
    "IVS's end of the stream before, while a new broadcast of the channel connects",
    [
      ['ivs', 'LIVE', 0],
      ['transwrap', 'CONNECTING', 5000],
      ['ivs', 'OFFLINE', 5500],
    ],
    'CONNECTING',
  ],
  [
    "transwrap's OFFLINE for a broadcast that never reached IVS",
    [
      ['transwrap', 'CONNECTING', 0],
      ['transwrap', 'OFFLINE', 5000],
    ],
    'OFFLINE',
  ],
])('%s', async (_case, reports, expected) => {
  expect(await play(reports)).toBe(expected);
});

test("the viewer-count poller's figure applies while on air; off air it is NotFound and the channel says 0", async () => {
  const { data } = await call<{ createChannel: { id: string } }>(api.who.clients.seller, op.CREATE_CHANNEL, {
    name: 'Viewers',
  });
  const id = data!.createChannel.id;
  const channelArn = ivsChannelArn(api.stack.info, id);
  const report = (viewerCount: number) =>
    call<op.ReportViewerCountMutation>(api.who.clients.service, op.REPORT_VIEWER_COUNT, {
      channelArn,
      viewerCount,
    });
  const status = (status: string) =>
    call(api.who.clients.service, op.REPORT_STREAM_STATUS, {
      input: { channelId: id, status, at: new Date().toISOString() },
    });

  expect((await report(3)).errors[0]).toMatchObject({ errorType: 'NotFound' });
  await status('LIVE');
  expect((await report(3)).data?.reportViewerCount.viewerCount).toBe(3);
  expect((await report(-1)).errors[0]).toMatchObject({ errorType: 'ValidationError' });
  await status('OFFLINE');
  const channel = await call<op.ChannelQuery>(api.who.clients.viewer, op.CHANNEL, { id });
  expect(channel.data?.channel?.viewerCount).toBe(0);
  expect((await report(2)).errors[0]).toMatchObject({ errorType: 'NotFound' });
});
