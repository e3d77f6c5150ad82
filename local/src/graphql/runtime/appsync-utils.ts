/**
 * The `@aws-appsync/utils` module as the local runtime provides it: `util`, `runtime` and
 * `extensions`. Anything AppSync has that is not implemented here throws UnsupportedFeatureError
 * when touched, so resolver code never silently behaves differently from AppSync.
 */
import { randomUUID } from 'node:crypto';
import { ulid } from 'ulid';
import { dynamodbUtil } from './dynamodb-values';
import { EarlyReturn, ResolverError, UnsupportedFeatureError, type AppSyncErrorFields } from './errors';
import { conditionExpression, type ConditionObject } from './expressions';
import { currentInvocation } from './invocation';
import { toSubscriptionFilter, validateFilter, type SubscriptionFilter } from './subscription-filter';

/** Properties of a module object that bundlers probe; reading them must not count as "unsupported". */
const PROBES = new Set(['__esModule', 'default', 'then', 'toJSON', 'constructor', 'valueOf', 'toString']);

/** Wraps an API object so that reading a member it lacks fails loudly, naming the member. */
export function strict<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (typeof property === 'symbol' || property in object || PROBES.has(property)) {
        return Reflect.get(object, property, receiver) as unknown;
      }
      throw new UnsupportedFeatureError(`${name}.${property}`);
    },
  });
}

function errorFields(
  message: string,
  errorType?: string,
  data?: unknown,
  errorInfo?: unknown,
): AppSyncErrorFields {
  return {
    message: String(message),
    errorType: errorType ?? null,
    data: data ?? null,
    errorInfo: errorInfo ?? null,
  };
}

/** AppSync's ISO 8601 form: UTC with milliseconds, e.g. 2026-11-24T21:48:07.123Z. */
function epochMillisToISO(millis: number): string {
  return new Date(millis).toISOString();
}

function parseISO(value: string): number {
  const millis = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(millis))
    throw new ResolverError(
      errorFields(`"${String(value)}" is not an ISO 8601 date-time.`, 'ValidationError'),
    );
  return millis;
}

const time = strict('util.time', {
  nowISO8601: () => epochMillisToISO(Date.now()),
  nowEpochSeconds: () => Math.floor(Date.now() / 1000),
  nowEpochMilliSeconds: () => Date.now(),
  parseISO8601ToEpochMilliSeconds: parseISO,
  epochMilliSecondsToSeconds: (millis: number) => Math.floor(millis / 1000),
  epochMilliSecondsToISO8601: epochMillisToISO,
});

const transform = strict('util.transform', {
  toSubscriptionFilter,
  toDynamoDBConditionExpression: (object: ConditionObject) => conditionExpression(object),
  toDynamoDBFilterExpression: (object: ConditionObject) => conditionExpression(object, 'f'),
});

const isNull = (value: unknown) => value === null || value === undefined;

export const util = strict('util', {
  autoId: () => randomUUID(),
  // Time first, then randomness: ids that sort by creation (to the millisecond), as AppSync's do.
  autoUlid: () => ulid(),
  error(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): never {
    throw new ResolverError(errorFields(message, errorType, data, errorInfo));
  },
  appendError(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): void {
    currentInvocation('util.appendError').errors.push(errorFields(message, errorType, data, errorInfo));
  },
  unauthorized(): never {
    const { parentTypeName, fieldName } = currentInvocation('util.unauthorized');
    throw new ResolverError(
      errorFields(`Not Authorized to access ${fieldName} on type ${parentTypeName}`, 'Unauthorized'),
    );
  },
  authType: () => currentInvocation('util.authType').authType,
  /** Java's String.matches, as AppSync documents: the pattern must match the whole value. */
  matches: (pattern: string, value: string) => new RegExp(`^(?:${pattern})$`).test(String(value)),
  isNull,
  isNullOrEmpty: (value: unknown) => isNull(value) || value === '',
  isNullOrBlank: (value: unknown) => isNull(value) || (typeof value === 'string' && value.trim() === ''),
  defaultIfNull: <T>(value: T, fallback: T) => (isNull(value) ? fallback : value),
  defaultIfNullOrEmpty: <T>(value: T, fallback: T) => (isNull(value) || value === '' ? fallback : value),
  escapeJavaScript: (value: string) => JSON.stringify(String(value)).slice(1, -1),
  urlEncode: (value: string) => encodeURIComponent(value),
  urlDecode: (value: string) => decodeURIComponent(value),
  base64Encode: (value: string) => Buffer.from(value, 'utf8').toString('base64'),
  base64Decode: (value: string) => Buffer.from(value, 'base64').toString('utf8'),
  time,
  dynamodb: strict('util.dynamodb', dynamodbUtil),
  transform,
});

export const runtime = strict('runtime', {
  earlyReturn(value?: unknown, options?: { skipTo?: 'END' | 'NEXT' }): never {
    throw new EarlyReturn(value ?? null, options?.skipTo ?? 'END');
  },
});

export const extensions = strict('extensions', {
  setSubscriptionFilter(filter: SubscriptionFilter): void {
    const invocation = currentInvocation('extensions.setSubscriptionFilter');
    if (invocation.parentTypeName !== 'Subscription') {
      throw new ResolverError(
        errorFields(
          'setSubscriptionFilter may only be called by a subscription resolver.',
          'ValidationError',
        ),
      );
    }
    validateFilter(filter);
    invocation.subscriptionFilter = filter;
  },
});
