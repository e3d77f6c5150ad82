/**
 * AppSync's scalars (https://docs.aws.amazon.com/appsync/latest/devguide/scalars.html), validated
 * on input and output as AppSync does. Values travel as strings (AWSTimestamp as an integer).
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

function stringScalar(name: string, description: string, valid: (value: string) => boolean) {
  const check = (value: unknown): string => {
    if (typeof value !== 'string' || !valid(value)) {
      throw new GraphQLError(`Invalid ${name} value: ${JSON.stringify(value)} (expected ${description}).`);
    }
    return value;
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: check,
    parseValue: check,
    parseLiteral(node: ValueNode) {
      if (node.kind !== Kind.STRING)
        throw new GraphQLError(`${name} must be given as a string (expected ${description}).`);
      return check(node.value);
    },
  });
}

const DATE = '\\d{4}-\\d{2}-\\d{2}';
const ZONE = '(Z|[+-]\\d{2}(:\\d{2}(:\\d{2})?)?)';
const TIME = '\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?';
const full = (pattern: string) => new RegExp(`^${pattern}$`);
const validDate = (value: string) => !Number.isNaN(Date.parse(value.slice(0, 10)));

export const AWS_SCALARS = [
  stringScalar(
    'AWSDate',
    'an extended ISO 8601 date, YYYY-MM-DD',
    (v) => full(`${DATE}${ZONE}?`).test(v) && validDate(v),
  ),
  stringScalar('AWSTime', 'an extended ISO 8601 time, hh:mm:ss.sss', (v) => full(`${TIME}${ZONE}?`).test(v)),
  stringScalar(
    'AWSDateTime',
    'an extended ISO 8601 date-time with offset, YYYY-MM-DDThh:mm:ss.sssZ',
    (v) => full(`${DATE}T${TIME}${ZONE}`).test(v) && !Number.isNaN(Date.parse(v)),
  ),
  stringScalar('AWSEmail', 'an email address, local@domain', (v) => /^[^\s@]+@[^\s@]+$/.test(v)),
  stringScalar('AWSURL', 'a URL with a scheme, such as https://example.com/', (v) => {
    const match = /^[a-zA-Z][a-zA-Z0-9+.-]*:(.*)$/.exec(v);
    return Boolean(match && URL.canParse(v) && !(match[1] ?? '').replace(/^\/\//, '').includes('//'));
  }),
  stringScalar('AWSPhone', 'a phone number, such as +1 555 123 4567', (v) => /^\+?[\d\s()-]{3,}$/.test(v)),
  stringScalar('AWSIPAddress', 'an IPv4 or IPv6 address, optionally with a /prefix', (v) =>
    /^((\d{1,3}\.){3}\d{1,3}|[0-9a-fA-F:]+)(\/\d{1,3})?$/.test(v),
  ),
  new GraphQLScalarType({
    name: 'AWSJSON',
    description: 'a JSON string',
    serialize: (value) => (typeof value === 'string' ? value : JSON.stringify(value)),
    parseValue(value) {
      if (typeof value !== 'string') throw new GraphQLError('AWSJSON must be a string containing JSON.');
      try {
        return JSON.parse(value) as unknown;
      } catch {
        throw new GraphQLError('Invalid AWSJSON value: not valid JSON.');
      }
    },
  }),
  new GraphQLScalarType({
    name: 'AWSTimestamp',
    description: 'seconds since 1970-01-01T00:00Z',
    serialize: (value) => {
      if (!Number.isInteger(value))
        throw new GraphQLError(`Invalid AWSTimestamp value: ${JSON.stringify(value)}.`);
      return value;
    },
    parseValue(value) {
      if (!Number.isInteger(value))
        throw new GraphQLError(`Invalid AWSTimestamp value: ${JSON.stringify(value)}.`);
      return value;
    },
    parseLiteral(node) {
      if (node.kind !== Kind.INT) throw new GraphQLError('AWSTimestamp must be an integer.');
      return Number(node.value);
    },
  }),
];
