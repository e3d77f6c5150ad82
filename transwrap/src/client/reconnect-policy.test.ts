/** What the broadcaster's client does when its socket closes (PROTOCOL.md, flow 5), case by case. */
import { CloseCode } from '../protocol/messages';
import { afterClose, afterDrain, type CloseSituation } from './reconnect-policy';

/** A live broadcast whose socket just closed after it had opened: the usual starting point. */
const live: CloseSituation = {
  code: 1006,
  opened: true,
  stopping: false,
  resuming: false,
  hasSession: true,
  unreachableBefore: 0,
  hasFallbackTicket: false,
  graceLeftMs: 15_000,
};

test.each<[string, Partial<CloseSituation>, ReturnType<typeof afterClose>]>([
  ['a live socket drops', {}, { decision: { do: 'resume', wait: false }, unreachable: 0 }],
  [
    'transwrap closes an idle socket (4008): the session is held',
    { code: CloseCode.Idle },
    { decision: { do: 'resume', wait: false }, unreachable: 0 },
  ],
  [
    'a resume is dropped again: wait before the next',
    { resuming: true, graceLeftMs: 9000 },
    { decision: { do: 'resume', wait: true }, unreachable: 0 },
  ],
  [
    'a resume cannot connect once',
    { resuming: true, opened: false, graceLeftMs: 9000 },
    { decision: { do: 'resume', wait: true }, unreachable: 1 },
  ],
  [
    'a resume cannot connect twice in a row: ask the API whether it is us or the endpoint',
    { resuming: true, opened: false, unreachableBefore: 1, graceLeftMs: 9000 },
    { decision: { do: 'ask api' }, unreachable: 2 },
  ],
  [
    'still unreachable after the API answered: the endpoint is gone, go with its ticket',
    { resuming: true, opened: false, unreachableBefore: 2, hasFallbackTicket: true, graceLeftMs: 9000 },
    { decision: { do: 'use fallback ticket' }, unreachable: 3 },
  ],
  [
    'the fallback resume connected and dropped: resume again, the ticket is not needed',
    { resuming: true, opened: true, unreachableBefore: 2, hasFallbackTicket: true, graceLeftMs: 9000 },
    { decision: { do: 'resume', wait: true }, unreachable: 0 },
  ],
  [
    "the server's grace is over: a new session at once",
    { resuming: true, graceLeftMs: 0 },
    { decision: { do: 'new session', wait: false }, unreachable: 0 },
  ],
  [
    'the resume is refused (4006): a new ticket',
    { resuming: true, code: CloseCode.ResumeRefused },
    { decision: { do: 'new session', wait: true }, unreachable: 0 },
  ],
  [
    'the endpoint is draining (1001): a new ticket',
    { code: CloseCode.GoingAway },
    { decision: { do: 'new session', wait: true }, unreachable: 0 },
  ],
  [
    'the endpoint is full (4013): a new ticket',
    { code: CloseCode.AtCapacity, hasSession: false },
    { decision: { do: 'new session', wait: true }, unreachable: 0 },
  ],
  [
    'no session yet and the first socket cannot connect: a new ticket after a wait',
    { hasSession: false, opened: false },
    { decision: { do: 'new session', wait: true }, unreachable: 0 },
  ],
  [
    'too many from this address (4029) before any session: a new ticket after a wait',
    { hasSession: false, code: CloseCode.TooManyFromAddress },
    { decision: { do: 'new session', wait: true }, unreachable: 0 },
  ],
  [
    'stopped by the seller or an admin (4012): the end',
    { code: CloseCode.BroadcastStopped },
    { decision: { do: 'end', code: CloseCode.BroadcastStopped }, unreachable: 0 },
  ],
  [
    'the media cannot be parsed (4010): the end, even while resuming',
    { code: CloseCode.BadMedia, resuming: true },
    { decision: { do: 'end', code: CloseCode.BadMedia }, unreachable: 0 },
  ],
  [
    'stopping, and the server confirms (1000): the end',
    { stopping: true, code: CloseCode.Normal },
    { decision: { do: 'end', code: CloseCode.Normal }, unreachable: 0 },
  ],
  [
    'stopping, and the connection is lost: the end the seller asked for',
    { stopping: true, code: 1006 },
    { decision: { do: 'end', code: CloseCode.Normal }, unreachable: 0 },
  ],
  [
    'stopping, and the server closes for a fault (4011): that fault, not a move',
    { stopping: true, code: CloseCode.RelayFailed },
    { decision: { do: 'end', code: CloseCode.RelayFailed }, unreachable: 0 },
  ],
])('%s', (_case, situation, expected) => {
  expect(afterClose({ ...live, ...situation })).toEqual(expected);
});

test('a drain moves the broadcast at once, unless it is being stopped', () => {
  expect(afterDrain(false)).toBe('move');
  expect(afterDrain(true)).toBe('stay');
});
