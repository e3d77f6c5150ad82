/**
 * What one request may cost, as AppSync limits it for amplify/'s API (resolvers/src/api-limits.ts):
 * a viewer with the public API key who aliases `liveChannels` thousands of times gets its first
 * API_LIMITS.resolverCount resolvers run and AppSync's ResolverExecutionLimitReached for every
 * other one, so the table sees a handful of queries instead of thousands; an operation nested
 * deeper than API_LIMITS.queryDepth is refused with QueryDepthLimitReached before anything runs.
 * DynamoDB is watched the way an operator would (requests counted in front of it).
 */
import { API_LIMITS } from '@golive/resolvers/api-limits';
import * as op from '@golive/common/api-operations';
import { getIntrospectionQuery } from 'graphql';
import { call } from '../testing/api-clients';
import { useApiStack } from '../testing/api-stack';
import {
  startDynamodbRequestCounter,
  type DynamodbRequestCounter,
} from '../testing/dynamodb-request-counter';

let dynamodb: DynamodbRequestCounter;
beforeAll(async () => {
  dynamodb = await startDynamodbRequestCounter();
});
const api = useApiStack('request-limits', () => ({ DYNAMODB_ENDPOINT: dynamodb.endpoint }));
afterAll(() => dynamodb?.stop());

interface GraphqlError {
  path: (string | number)[] | null;
  errorType: string | null;
  message: string;
  locations: { line: number; column: number }[] | null;
}

async function post(query: string, headers: Record<string, string>) {
  const response = await fetch(api.stack.info.graphql.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data: Record<string, unknown> | null; errors?: GraphqlError[] },
  };
}

const withApiKey = () => ({ 'x-api-key': api.stack.info.graphql.apiKey });
const asAdmin = () => ({ authorization: api.who.tokens.admin });

/** `count` aliases of liveChannels, one per line, as the attacker sent them. */
const aliasedLiveChannels = (count: number) =>
  `{\n${Array.from({ length: count }, (_, i) => `a${i}: liveChannels { items { id name } nextToken }`).join('\n')}\n}`;

/** `__schema { types { ofType { ofType ... { name } } } } }`, `depth` levels deep: nesting, no resolver. */
const nestedIntrospection = (depth: number) =>
  ['__schema', 'types', ...Array<string>(depth - 3).fill('ofType')].reduceRight(
    (inner, field) => `${field} { ${inner} }`,
    'name',
  );

describe('resolvers per request', () => {
  test.each([1_000, 10_000])(
    '%i aliases of liveChannels with the public API key: the first ones run, the rest fail with ResolverExecutionLimitReached',
    async (aliases) => {
      dynamodb.reset();
      const { status, body } = await post(aliasedLiveChannels(aliases), withApiKey());

      expect(status).toBe(200);
      // liveChannels is non-null, so the first alias past the limit nulls the whole result.
      expect(body.data).toBeNull();
      expect(new Set(body.errors?.map((e) => e.errorType))).toEqual(
        new Set(['ResolverExecutionLimitReached']),
      );
      expect(body.errors?.[0]).toEqual({
        path: [`a${API_LIMITS.resolverCount}`],
        data: null,
        errorType: 'ResolverExecutionLimitReached',
        errorInfo: null,
        locations: [{ line: API_LIMITS.resolverCount + 2, column: 1, sourceName: null }],
        message: 'Resolver invocation limit reached.',
      });
      // The table saw the resolvers within the limit, not one query per alias.
      expect(dynamodb.count('Query')).toBe(API_LIMITS.resolverCount);
    },
    120_000,
  );

  test('up to the limit, every alias is answered', async () => {
    dynamodb.reset();
    const { body } = await post(aliasedLiveChannels(API_LIMITS.resolverCount), withApiKey());
    expect(body.errors).toBeUndefined();
    expect(Object.keys(body.data ?? {})).toHaveLength(API_LIMITS.resolverCount);
    expect(dynamodb.count('Query')).toBe(API_LIMITS.resolverCount);
  });

  test('while an attack is answered, other viewers are served', async () => {
    const attack = post(aliasedLiveChannels(10_000), withApiKey());
    const { data, errors } = await call<{ liveChannels: { items: unknown[] } }>(
      api.who.clients.viewer,
      op.LIVE_CHANNELS,
    );
    expect(errors).toEqual([]);
    expect(data?.liveChannels.items).toEqual(expect.any(Array));
    expect((await attack).body.errors?.[0]?.errorType).toBe('ResolverExecutionLimitReached');
  });
});

describe('depth', () => {
  test('an operation nested deeper than the limit is refused whole with QueryDepthLimitReached; nothing runs', async () => {
    dynamodb.reset();
    const depth = API_LIMITS.queryDepth + 1;
    const { status, body } = await post(
      `{ liveChannels { nextToken } ${nestedIntrospection(depth)} }`,
      withApiKey(),
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      data: null,
      errors: [
        {
          path: null,
          data: null,
          errorType: 'QueryDepthLimitReached',
          errorInfo: null,
          locations: [expect.objectContaining({ line: 1 })],
          message: `Query depth limit of ${API_LIMITS.queryDepth} reached: name is nested ${depth} levels deep.`,
        },
      ],
    });
    expect(dynamodb.count('Query')).toBe(0);
  });

  test('a document nested 10,000 deep (too deep for the parser): QueryDepthLimitReached, and the server serves on', async () => {
    const { status, body } = await post(`{ ${nestedIntrospection(10_000)} }`, withApiKey());
    expect(status).toBe(200);
    expect(body.errors?.[0]).toMatchObject({
      errorType: 'QueryDepthLimitReached',
      message: `Query depth limit of ${API_LIMITS.queryDepth} reached: the document is nested too deeply to read.`,
    });
    const { errors } = await call(api.who.clients.viewer, op.LIVE_CHANNELS);
    expect(errors).toEqual([]);
  });

  test('an operation exactly at the limit runs', async () => {
    const { body } = await post(`{ ${nestedIntrospection(API_LIMITS.queryDepth)} }`, withApiKey());
    expect(body.errors).toBeUndefined();
    expect(body.data).toHaveProperty('__schema.types');
  });
});

test('introspection answers, as the admins’ GraphiQL console asks for it', async () => {
  const query = getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true });
  const { body } = await post(query, asAdmin());
  expect(body.errors).toBeUndefined();
  expect(body.data).toHaveProperty('__schema.queryType.name', 'Query');
});
