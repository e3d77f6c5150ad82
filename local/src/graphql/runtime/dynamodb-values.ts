/** util.dynamodb: plain values to DynamoDB's typed JSON (AttributeValue), as AppSync converts them. */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ResolverError } from './errors';

export function toDynamoDB(value: unknown): AttributeValue {
  if (value === null) return { NULL: true };
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'number':
      return { N: String(value) };
    case 'boolean':
      return { BOOL: value };
    case 'object':
      return Array.isArray(value)
        ? { L: value.map(toDynamoDB) }
        : { M: toMapValues(value as Record<string, unknown>) };
    default:
      throw new ResolverError({
        message: `util.dynamodb cannot convert a value of type ${typeof value}.`,
        errorType: 'ValidationError',
        data: null,
        errorInfo: null,
      });
  }
}

/** Keys whose value is undefined are left out, as they are when AppSync serialises a JS object. */
export function toMapValues(values: Record<string, unknown>): Record<string, AttributeValue> {
  const map: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) map[key] = toDynamoDB(value);
  return map;
}

export const dynamodbUtil = {
  toDynamoDB,
  toMapValues,
  toString: (value: string): AttributeValue => ({ S: value }),
  toNumber: (value: number): AttributeValue => ({ N: String(value) }),
  toBoolean: (value: boolean): AttributeValue => ({ BOOL: value }),
  toNull: (): AttributeValue => ({ NULL: true }),
  toList: (values: unknown[]): AttributeValue => ({ L: values.map(toDynamoDB) }),
  toMap: (values: Record<string, unknown>): AttributeValue => ({ M: toMapValues(values) }),
  toStringSet: (values: string[]): AttributeValue => ({ SS: values }),
  toNumberSet: (values: number[]): AttributeValue => ({ NS: values.map(String) }),
};
