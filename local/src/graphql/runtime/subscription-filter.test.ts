/** Enhanced subscription filter semantics, per AppSync's filter reference (groups OR-ed, filters AND-ed). */
import { matchesFilter, toSubscriptionFilter, type SubscriptionFilter } from './subscription-filter';

const payload = {
  id: 'c1',
  status: 'LIVE',
  viewers: 12,
  tags: ['music', 'live'],
  name: 'Morning market',
  owner: { region: 'eu' },
};
const one = (fieldName: string, operator: string, value: unknown): SubscriptionFilter => ({
  filterGroup: [{ filters: [{ fieldName, operator, value }] }],
});

test.each([
  ['eq', 'id', 'c1', true],
  ['eq', 'id', 'c2', false],
  ['ne', 'status', 'OFFLINE', true],
  ['lt', 'viewers', 20, true],
  ['le', 'viewers', 12, true],
  ['gt', 'viewers', 12, false],
  ['ge', 'viewers', 12, true],
  ['gt', 'viewers', '5', false], // types must agree
  ['contains', 'tags', 'music', true],
  ['contains', 'name', 'market', true],
  ['notContains', 'tags', 'sport', true],
  ['beginsWith', 'name', 'Morning', true],
  ['in', 'status', ['LIVE', 'CONNECTING'], true],
  ['notIn', 'status', ['LIVE'], false],
  ['between', 'viewers', [10, 15], true],
  ['containsAny', 'tags', ['sport', 'live'], true],
  ['eq', 'owner.region', 'eu', true], // dotted paths reach into nested objects
  ['eq', 'missing', 'x', false],
])('%s on %s with %p: %p', (operator, fieldName, value, expected) => {
  expect(matchesFilter(one(fieldName, operator, value), payload)).toBe(expected);
});

test('all filters of a group must hold; any group may', () => {
  const filter = toSubscriptionFilter({
    or: [{ id: { eq: 'c1' }, status: { eq: 'OFFLINE' } }, { viewers: { gt: 10 } }],
  });
  expect(matchesFilter(filter, payload)).toBe(true);
  expect(matchesFilter(filter, { ...payload, viewers: 1 })).toBe(false);
});

test('more than 5 filters in a group is refused', () => {
  expect(() =>
    toSubscriptionFilter({
      a: { eq: 1 },
      b: { eq: 1 },
      c: { eq: 1 },
      d: { eq: 1 },
      e: { eq: 1 },
      f: { eq: 1 },
    }),
  ).toThrow(/at most 5 filters/);
});
