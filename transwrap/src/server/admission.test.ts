/**
 * The admission rules on their own (the flood and proxied-limits tests drive them through a real
 * server): who is shed when the waiting budget is full, and how the refused-hello budget renews.
 */
import { Admission, type ShedReason } from './admission';

const LIMITS = {
  maxPending: 4,
  maxPendingPerAddress: 2,
  maxSessionsPerAddress: 2,
  maxRefusedHellosPerAddress: 2,
  refusedHelloWindowMs: 60_000,
};

function waiting(admission: Admission, shed: [string, ShedReason][], group: string, name: string) {
  return admission.enterPending(group, (reason) => shed.push([name, reason]));
}

test("past its address's budget, that address's oldest waiting connection is shed, no one else's", () => {
  const admission = new Admission(LIMITS);
  const shed: [string, ShedReason][] = [];
  waiting(admission, shed, 'a', 'a1');
  waiting(admission, shed, 'b', 'b1');
  waiting(admission, shed, 'a', 'a2');
  waiting(admission, shed, 'a', 'a3');
  expect(shed).toEqual([['a1', 'address-pending-full']]);
  expect(admission.pendingCount).toBe(3);
});

test('past the whole budget, the oldest waiting connection anywhere is shed', () => {
  const admission = new Admission(LIMITS);
  const shed: [string, ShedReason][] = [];
  for (const group of ['a', 'b', 'c', 'd', 'e']) waiting(admission, shed, group, group);
  expect(shed).toEqual([['a', 'pending-full']]);
  expect(admission.pendingCount).toBe(4);
});

test('a connection that has left the waiting budget (proven, or closed) is never shed', () => {
  const admission = new Admission(LIMITS);
  const shed: [string, ShedReason][] = [];
  waiting(admission, shed, 'a', 'seller').leave();
  waiting(admission, shed, 'a', 'a2');
  waiting(admission, shed, 'a', 'a3');
  expect(shed).toEqual([]);
});

test('sessions per address are counted apart from waiting connections', () => {
  const admission = new Admission(LIMITS);
  const shed: [string, ShedReason][] = [];
  waiting(admission, shed, 'a', 'a1');
  waiting(admission, shed, 'a', 'a2');
  expect([admission.takeSession('a'), admission.takeSession('a'), admission.takeSession('a')]).toEqual([
    true,
    true,
    false,
  ]);
  admission.releaseSession('a');
  expect(admission.takeSession('a')).toBe(true);
  expect(shed).toEqual([]);
});

test('refused hellos: an address past its budget is refused until its window has passed', () => {
  const admission = new Admission(LIMITS);
  const start = 1_000_000;
  admission.helloRefused('a', start);
  expect(admission.tooManyRefusedHellos('a', start)).toBe(false);
  admission.helloRefused('a', start + 10);
  expect(admission.tooManyRefusedHellos('a', start + 20)).toBe(true);
  expect(admission.tooManyRefusedHellos('b', start + 20)).toBe(false);
  expect(admission.tooManyRefusedHellos('a', start + LIMITS.refusedHelloWindowMs)).toBe(false);
});
