/** The admin tables' short wording for times, loads and live-updated lists. */
import { percent, replaceById, timeAgo } from './format';

const NOW = Date.parse('2025-06-01T12:00:00.000Z');

test.each([
  ['2025-06-01T12:00:00.000Z', 'just now'],
  ['2025-06-01T12:00:05.000Z', 'just now'], // a server clock a little ahead of the phone's
  ['2025-06-01T11:59:59.000Z', '1 s ago'],
  ['2025-06-01T11:59:01.000Z', '59 s ago'],
  ['2025-06-01T11:59:00.000Z', '1 min ago'],
  ['2025-06-01T11:00:01.000Z', '59 min ago'],
  ['2025-06-01T09:00:00.000Z', '3 h ago'],
  ['2025-05-30T12:00:00.000Z', '2 d ago'],
  ['not a date', 'unknown'],
])('%s is said as "%s"', (iso, expected) => {
  expect(timeAgo(iso, NOW)).toBe(expected);
});

test.each([
  [0, '0%'],
  [0.123, '12%'],
  [0.996, '100%'],
  [1.4, '100%'],
  [-0.2, '0%'],
])('load %d is %s', (load, expected) => {
  expect(percent(load)).toBe(expected);
});

test('an event replaces the item with its id in place, and a new id joins at the end', () => {
  const items = [
    { id: 'a', load: 0.1 },
    { id: 'b', load: 0.2 },
  ];
  expect(replaceById(items, { id: 'a', load: 0.5 })).toEqual([
    { id: 'a', load: 0.5 },
    { id: 'b', load: 0.2 },
  ]);
  expect(replaceById(items, { id: 'c', load: 0 })).toEqual([...items, { id: 'c', load: 0 }]);
  expect(items[0]!.load).toBe(0.1); // the list it was given is left as it was
});
