/**
 * The real-time endpoint speaks AppSync's protocol message by message
 * (https://docs.aws.amazon.com/appsync/latest/devguide/real-time-websocket-client.html), and answers
 * bad frames with `error` messages without dropping the connection or crashing.
 */
import { print } from 'graphql';
import { WebSocket } from 'ws';
import { MessageLog } from '@golive/common/testing/message-log';
import { call } from '../../testing/api-clients';
import * as op from '@golive/common/api-operations';
import { useApiStack } from '../../testing/api-stack';

const api = useApiStack('realtime', { GRAPHQL_KEEPALIVE_MS: '200' });

let channelId: string;

beforeAll(async () => {
  const created = await call<{ createChannel: { id: string } }>(api.who.clients.seller, op.CREATE_CHANNEL, {
    name: 'Realtime',
  });
  channelId = created.data!.createChannel.id;
});

interface Message {
  type: string;
  id?: string;
  payload?: {
    connectionTimeoutMs?: number;
    errors?: { errorType: string; message: string; errorCode?: number }[];
    data?: unknown;
  };
}

/** A raw protocol client: every message is kept; tests wait for the ones they expect. */
class RawClient {
  readonly log = new MessageLog<Message>();
  readonly socket: WebSocket;
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly opened: Promise<void>;

  constructor(url: string, protocols: string[]) {
    this.socket = new WebSocket(url, protocols);
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
    this.closed = new Promise((resolve) =>
      this.socket.once('close', (code, reason) => {
        this.log.end(`the socket closed (${code} ${reason.toString()})`);
        resolve({ code, reason: reason.toString() });
      }),
    );
    this.socket.on('message', (data: Buffer) => this.log.push(JSON.parse(data.toString()) as Message));
  }

  async send(message: unknown): Promise<void> {
    await this.opened;
    this.socket.send(
      typeof message === 'string' || Buffer.isBuffer(message) ? message : JSON.stringify(message),
    );
  }

  /**
   * The first message of `type` (for the operation `id`, if given) that came or comes, at or
   * after the index `after` (MessageLog's semantics: nothing is taken out of the log).
   */
  next(type: string, { id, after }: { id?: string; after?: number } = {}): Promise<Message> {
    return this.log.next(
      id === undefined ? `a ${type} message` : `a ${type} message for ${id}`,
      (message) => message.type === type && (id === undefined || message.id === id),
      { after, timeoutMs: 5000 },
    );
  }

  /** Every message of one of `types` for each of `ids`, once all have come (in any order). */
  async each(ids: string[], types: string[]): Promise<Message[]> {
    for (const id of ids)
      await this.log.next(
        `a ${types.join(' or ')} message for ${id}`,
        (message) => message.id === id && types.includes(message.type),
        { timeoutMs: 10_000 },
      );
    return this.log.messages.filter(
      (message) => message.id !== undefined && ids.includes(message.id) && types.includes(message.type),
    );
  }

  close(): void {
    this.socket.close();
  }
}

const apiKeyHeader = () => ({
  host: new URL(api.stack.info.graphql.url).host,
  'x-api-key': api.stack.info.graphql.apiKey,
});
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const subscribeData = (id = channelId) =>
  JSON.stringify({ query: print(op.ON_CHANNEL_STATUS), variables: { id } });
const start = (id: string, data = subscribeData(), authorization: unknown = apiKeyHeader()) => ({
  id,
  type: 'start',
  payload: { data, extensions: { authorization } },
});

async function connected(): Promise<RawClient> {
  const client = new RawClient(api.stack.info.graphql.realtimeUrl, [
    'graphql-ws',
    `header-${encode(apiKeyHeader())}`,
  ]);
  await client.send({ type: 'connection_init' });
  await client.next('connection_ack');
  return client;
}

test('connection_init is answered with connection_ack {connectionTimeoutMs} and then regular ka', async () => {
  const client = new RawClient(api.stack.info.graphql.realtimeUrl, [
    'graphql-ws',
    `header-${encode(apiKeyHeader())}`,
  ]);
  await client.send({ type: 'connection_init' });
  expect(await client.next('connection_ack')).toEqual({
    type: 'connection_ack',
    payload: { connectionTimeoutMs: 300000 },
  });
  const first = await client.next('ka');
  await client.next('ka', { after: client.log.indexOf(first) + 1 }); // the next one, after GRAPHQL_KEEPALIVE_MS
  client.close();
});

test('auth may come as the documented `header` and `payload` query parameters instead', async () => {
  const header = Buffer.from(JSON.stringify(apiKeyHeader())).toString('base64');
  const client = new RawClient(
    `${api.stack.info.graphql.realtimeUrl}?header=${encodeURIComponent(header)}&payload=e30=`,
    ['graphql-ws'],
  );
  await client.send({ type: 'connection_init' });
  await client.next('connection_ack');
  client.close();
});

test('start -> start_ack, a matching mutation -> data, stop -> complete and nothing more', async () => {
  const client = await connected();
  await client.send(start('sub-1'));
  await client.next('start_ack', { id: 'sub-1' });
  await call(api.who.clients.service, op.REPORT_STREAM_STATUS, {
    input: { channelId, status: 'CONNECTING', at: new Date().toISOString() },
  });
  const data = await client.next('data');
  expect(data).toMatchObject({
    id: 'sub-1',
    payload: { data: { onChannelStatus: { id: channelId, status: 'CONNECTING' } } },
  });
  await client.send({ type: 'stop', id: 'sub-1' });
  await client.next('complete', { id: 'sub-1' });
  // A witness: the same subscription again on the same connection. Subscribers with the same
  // query, variables and auth are sent one result in one pass, in the order they started: had
  // sub-1 still been subscribed, its data would have come before the witness's.
  await client.send(start('witness'));
  await client.next('start_ack', { id: 'witness' });
  await call(api.who.clients.service, op.REPORT_STREAM_STATUS, {
    input: { channelId, status: 'OFFLINE', at: new Date().toISOString() },
  });
  await client.next('data', { id: 'witness' });
  expect(client.log.messages.filter((m) => m.type === 'data' && m.id === 'sub-1')).toEqual([data]);
  client.close();
});

test('a handshake with a bad API key gets connection_error (401) and is closed', async () => {
  const client = new RawClient(api.stack.info.graphql.realtimeUrl, [
    'graphql-ws',
    `header-${encode({ ...apiKeyHeader(), 'x-api-key': 'da2-wrong' })}`,
  ]);
  await client.send({ type: 'connection_init' });
  const refused = await client.next('connection_error');
  expect(refused.payload?.errors?.[0]).toMatchObject({ errorType: 'UnauthorizedException', errorCode: 401 });
  await client.closed;
});

test('a connection without the graphql-ws subprotocol is refused', async () => {
  // Auth in the query string, so that no subprotocol at all is offered.
  const header = Buffer.from(JSON.stringify(apiKeyHeader())).toString('base64');
  const client = new RawClient(
    `${api.stack.info.graphql.realtimeUrl}?header=${encodeURIComponent(header)}`,
    [],
  );
  await client.send({ type: 'connection_init' });
  const refused = await client.next('connection_error');
  expect(refused.payload?.errors?.[0]?.errorType).toBe('UnsupportedProtocol');
  await client.closed;
});

describe('bad frames get an error message and the connection stays usable', () => {
  test.each([
    ['not JSON', () => 'garbage{', 'UnsupportedOperation'],
    ['an unknown type', () => ({ type: 'subscribe', id: 'x' }), 'UnsupportedOperation'],
    ['a binary frame', () => Buffer.from([1, 2, 3]), 'UnsupportedOperation'],
    [
      'start without an id',
      () => ({ type: 'start', payload: { data: subscribeData() } }),
      'UnsupportedOperation',
    ],
    ['start with data that is not JSON', () => start('bad-data', '{nope'), 'MalformedHttpRequestException'],
    [
      'start without authorization',
      () => ({ id: 'no-auth', type: 'start', payload: { data: subscribeData() } }),
      'UnauthorizedException',
    ],
    [
      'start with a bad API key',
      () => start('bad-key', subscribeData(), { ...apiKeyHeader(), 'x-api-key': 'da2-wrong' }),
      'UnauthorizedException',
    ],
    [
      'start with an invalid query',
      () => start('bad-query', JSON.stringify({ query: 'subscription { nope }' })),
      'ValidationError',
    ],
    [
      'start with a query, not a subscription',
      () => start('query', JSON.stringify({ query: '{ liveChannels { items { id } } }' })),
      'ValidationError',
    ],
  ])('%s', async (_case, frame: () => unknown, errorType) => {
    const client = await connected();
    await client.send(frame());
    const error = await client.next('error');
    expect(error.payload?.errors?.[0]?.errorType).toBe(errorType);
    await client.send(start('after'));
    await client.next('start_ack', { id: 'after' });
    client.close();
  });

  test('a second start with a running id is a DuplicatedOperationError', async () => {
    const client = await connected();
    await client.send(start('dup'));
    await client.next('start_ack');
    await client.send(start('dup'));
    expect((await client.next('error')).payload?.errors?.[0]?.errorType).toBe('DuplicatedOperationError');
    client.close();
  });

  test('start before connection_init is refused', async () => {
    const client = new RawClient(api.stack.info.graphql.realtimeUrl, [
      'graphql-ws',
      `header-${encode(apiKeyHeader())}`,
    ]);
    await client.send(start('early'));
    expect((await client.next('error')).payload?.errors?.[0]?.message).toMatch(/connection_init first/);
    client.close();
  });
});

test('a burst of 300 starts on one connection: exactly 100 begin, the rest get MaxSubscriptionsReachedError, and the connection stays up', async () => {
  const client = await connected();
  const ids = Array.from({ length: 300 }, (_, i) => `burst-${i}`);
  // All at once, as fast as the socket takes them: each start's checks are still running when the next arrives.
  for (const id of ids) client.socket.send(JSON.stringify(start(id)));
  const answers = await client.each(ids, ['start_ack', 'error']);

  const begun = answers.filter((m) => m.type === 'start_ack').map((m) => m.id!);
  const refused = answers.filter((m) => m.type === 'error');
  expect(begun).toHaveLength(100);
  expect(refused).toHaveLength(200);
  for (const error of refused)
    expect(error.payload?.errors).toEqual([
      { errorType: 'MaxSubscriptionsReachedError', message: 'At most 100 subscriptions per connection.' },
    ]);

  // The hundred are live: each gets the next status change of its channel.
  await call(api.who.clients.service, op.REPORT_STREAM_STATUS, {
    input: { channelId, status: 'CONNECTING', at: new Date().toISOString() },
  });
  await client.each(begun, ['data']);
  // The connection stays usable, and a stop frees a slot for a new start.
  await client.send({ type: 'stop', id: begun[0] });
  await client.next('complete', { id: begun[0] });
  await client.send(start('after-stop'));
  await client.next('start_ack', { id: 'after-stop' });
  client.close();
});

test('a frame over 240 kB closes the socket with 1009; the server keeps serving', async () => {
  const client = await connected();
  await client.send(JSON.stringify({ type: 'start', id: 'big', payload: { data: 'x'.repeat(300 * 1024) } }));
  expect((await client.closed).code).toBe(1009);
  const again = await connected();
  again.close();
  const { errors } = await call(api.who.clients.viewer, op.LIVE_CHANNELS);
  expect(errors).toEqual([]);
});
