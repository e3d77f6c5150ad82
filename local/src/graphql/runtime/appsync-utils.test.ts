/**
 * Conformance of the local `util`, `runtime` and `extensions` with AppSync's documented behaviour
 * (APPSYNC_JS runtime reference: https://docs.aws.amazon.com/appsync/latest/devguide/resolver-util-reference-js.html).
 */
import { extensions, runtime, util } from './appsync-utils';
import { EarlyReturn, ResolverError, UnsupportedFeatureError } from './errors';
import { withInvocation, type Invocation } from './invocation';
import { poll } from '@golive/common/testing/poll';

const invocation = (parentTypeName = 'Query', fieldName = 'channel'): Invocation => ({
  authType: 'API Key Authorization',
  parentTypeName,
  fieldName,
  errors: [],
});

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('util', () => {
  test('autoUlid returns a ULID that sorts after one made a millisecond earlier', async () => {
    const first = util.autoUlid();
    expect(first).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const later = Date.now() + 1;
    await poll('the next millisecond', () => (Date.now() > later ? true : undefined));
    expect(util.autoUlid() > first).toBe(true);
  });

  test('autoId returns a random v4 UUID', () => {
    const id = util.autoId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(util.autoId()).not.toBe(id);
  });

  test('error(message, type, data, info) ends the handler with all four fields', () => {
    const error = thrown(() => util.error('bad name', 'ValidationError', { field: 'name' }, { hint: 1 }));
    expect(error).toBeInstanceOf(ResolverError);
    expect((error as ResolverError).fields).toEqual({
      message: 'bad name',
      errorType: 'ValidationError',
      data: { field: 'name' },
      errorInfo: { hint: 1 },
    });
  });

  test('appendError records an error and lets the handler go on', () => {
    const current = invocation();
    withInvocation(current, () => util.appendError('partial', 'Warning'));
    expect(current.errors).toEqual([
      { message: 'partial', errorType: 'Warning', data: null, errorInfo: null },
    ]);
  });

  test('unauthorized names the field and type, with errorType Unauthorized', () => {
    const error = thrown(() =>
      withInvocation(invocation('Mutation', 'deleteChannel'), () => util.unauthorized()),
    );
    expect((error as ResolverError).fields).toMatchObject({
      message: 'Not Authorized to access deleteChannel on type Mutation',
      errorType: 'Unauthorized',
    });
  });

  test('authType reports the mode of the request being resolved', () => {
    expect(withInvocation(invocation(), () => util.authType())).toBe('API Key Authorization');
  });

  test.each([
    ['^[a-z]+$', 'abc', true],
    ['[a-z]+', 'abc1', false], // the whole value must match, as Java's String.matches
    ['a.c', 'abc', true],
    ['^[^\\x00-\\x1f]+$', 'tab\there', false],
  ])('matches(%p, %p) is %p', (pattern, value, expected) => {
    expect(util.matches(pattern, value)).toBe(expected);
  });

  test.each([
    ['isNull', null, true],
    ['isNull', '', false],
    ['isNullOrEmpty', '', true],
    ['isNullOrEmpty', ' ', false],
    ['isNullOrBlank', ' \t', true],
    ['isNullOrBlank', 'x', false],
  ] as const)('%s(%p) is %p', (name, value, expected) => {
    expect(util[name](value)).toBe(expected);
  });

  test('urlEncode, urlDecode, base64Encode, base64Decode round-trip', () => {
    expect(util.urlEncode('a b&c')).toBe('a%20b%26c');
    expect(util.urlDecode('a%20b%26c')).toBe('a b&c');
    expect(util.base64Encode('héllo')).toBe('aMOpbGxv');
    expect(util.base64Decode('aMOpbGxv')).toBe('héllo');
  });

  test('a util member the local runtime lacks fails loudly instead of being undefined', () => {
    expect(() => (util as unknown as Record<string, unknown>).xml).toThrow(UnsupportedFeatureError);
    expect(() => (util.time as unknown as Record<string, unknown>).nowFormatted).toThrow(
      /util\.time\.nowFormatted is not supported/,
    );
  });
});

describe('util.time', () => {
  test('nowISO8601 is UTC with milliseconds; epoch seconds and milliseconds agree', () => {
    const before = Date.now();
    const iso = util.time.nowISO8601();
    expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(iso)).toBeGreaterThanOrEqual(before);
    expect(
      Math.abs(util.time.nowEpochSeconds() - Math.floor(util.time.nowEpochMilliSeconds() / 1000)),
    ).toBeLessThanOrEqual(1);
  });

  test('converts between ISO 8601 and epoch milliseconds, honouring offsets', () => {
    expect(util.time.parseISO8601ToEpochMilliSeconds('2018-02-01T17:21:05.180+08:00')).toBe(1517476865180);
    expect(util.time.epochMilliSecondsToISO8601(1517476865180)).toBe('2018-02-01T09:21:05.180Z');
    expect(util.time.epochMilliSecondsToSeconds(1517476865180)).toBe(1517476865);
  });

  test('an unparseable date is a ValidationError', () => {
    expect(() => util.time.parseISO8601ToEpochMilliSeconds('yesterday')).toThrow(ResolverError);
  });
});

describe('util.dynamodb', () => {
  test('toDynamoDB types every JSON value', () => {
    expect(
      util.dynamodb.toDynamoDB({ s: 'x', n: 1.5, b: true, z: null, l: ['a', 2], m: { k: 'v' } }),
    ).toEqual({
      M: {
        s: { S: 'x' },
        n: { N: '1.5' },
        b: { BOOL: true },
        z: { NULL: true },
        l: { L: [{ S: 'a' }, { N: '2' }] },
        m: { M: { k: { S: 'v' } } },
      },
    });
  });

  test('toMapValues converts each value and leaves out undefined ones', () => {
    expect(util.dynamodb.toMapValues({ id: 'a', count: 2, gone: undefined })).toEqual({
      id: { S: 'a' },
      count: { N: '2' },
    });
  });

  test('typed helpers', () => {
    expect(util.dynamodb.toString('a')).toEqual({ S: 'a' });
    expect(util.dynamodb.toNumber(3)).toEqual({ N: '3' });
    expect(util.dynamodb.toStringSet(['a', 'b'])).toEqual({ SS: ['a', 'b'] });
    expect(util.dynamodb.toNumberSet([1, 2])).toEqual({ NS: ['1', '2'] });
    expect(util.dynamodb.toNull()).toEqual({ NULL: true });
  });
});

describe('util.transform', () => {
  test('toSubscriptionFilter makes one AND-ed group, or one group per `or` branch', () => {
    expect(util.transform.toSubscriptionFilter({ id: { eq: 'c1' }, status: { ne: 'OFFLINE' } })).toEqual({
      filterGroup: [
        {
          filters: [
            { fieldName: 'id', operator: 'eq', value: 'c1' },
            { fieldName: 'status', operator: 'ne', value: 'OFFLINE' },
          ],
        },
      ],
    });
    expect(
      util.transform.toSubscriptionFilter({ or: [{ id: { eq: 'a' } }, { id: { eq: 'b' } }] }).filterGroup,
    ).toHaveLength(2);
  });

  test('toDynamoDBConditionExpression builds an expression with placeholders', () => {
    const condition = util.transform.toDynamoDBConditionExpression({ id: { attributeExists: false } });
    expect(condition.expression).toMatch(/^attribute_not_exists\(#c\d+\)$/);
    expect(Object.values(condition.expressionNames ?? {})).toEqual(['id']);
  });
});

describe('runtime.earlyReturn', () => {
  test('skips to the end by default, or to the next function', () => {
    const end = thrown(() => runtime.earlyReturn({ a: 1 }));
    expect(end).toEqual(expect.any(EarlyReturn));
    expect(end).toMatchObject({ value: { a: 1 }, skipTo: 'END' });
    expect(thrown(() => runtime.earlyReturn(null, { skipTo: 'NEXT' }))).toMatchObject({ skipTo: 'NEXT' });
  });
});

describe('extensions.setSubscriptionFilter', () => {
  test('attaches the filter to the subscription being resolved', () => {
    const current = invocation('Subscription', 'onChannelStatus');
    const filter = { filterGroup: [{ filters: [{ fieldName: 'id', operator: 'eq', value: 'c1' }] }] };
    withInvocation(current, () => extensions.setSubscriptionFilter(filter));
    expect(current.subscriptionFilter).toEqual(filter);
  });

  test('is refused outside subscription resolvers, and over AppSync limits', () => {
    expect(() =>
      withInvocation(invocation(), () => extensions.setSubscriptionFilter({ filterGroup: [] })),
    ).toThrow(ResolverError);
    const tooMany = { filterGroup: Array.from({ length: 11 }, () => ({ filters: [] })) };
    expect(() =>
      withInvocation(invocation('Subscription', 'x'), () => extensions.setSubscriptionFilter(tooMany)),
    ).toThrow(/at most 10 filter groups/);
  });
});
