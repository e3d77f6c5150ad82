/**
 * The `@aws-appsync/utils/dynamodb` module: helpers that build DynamoDB request objects from
 * plain objects. The request objects are the documented ones, executed by data-sources/dynamodb.ts.
 */
import { toMapValues, dynamodbUtil } from './dynamodb-values';
import { UnsupportedFeatureError } from './errors';
import {
  conditionExpression,
  ExpressionBuilder,
  keyConditionExpression,
  type ConditionObject,
} from './expressions';

type Key = Record<string, unknown>;

/** An update operation other than "set this value" (see `operations`). */
export class UpdateOperation {
  constructor(
    readonly kind: 'remove' | 'add' | 'increment' | 'decrement' | 'append' | 'prepend',
    readonly value?: unknown,
  ) {}
}

export const operations = {
  replace: (value: unknown) => value,
  remove: () => new UpdateOperation('remove'),
  add: (value: unknown) => new UpdateOperation('add', value),
  increment: (by: number) => new UpdateOperation('increment', by),
  decrement: (by: number) => new UpdateOperation('decrement', by),
  append: (items: unknown[]) => new UpdateOperation('append', items),
  prepend: (items: unknown[]) => new UpdateOperation('prepend', items),
  updateListItem: () => {
    throw new UnsupportedFeatureError('operations.updateListItem');
  },
};

const withCondition = (condition?: ConditionObject) =>
  condition ? { condition: conditionExpression(condition) } : {};

function projection(fields?: string[]) {
  if (!fields) return {};
  const builder = new ExpressionBuilder('p');
  return { projection: builder.build(fields.map((field) => builder.name(field)).join(', ')) };
}

export function get(input: { key: Key; consistentRead?: boolean; projection?: string[] }) {
  return {
    operation: 'GetItem',
    key: toMapValues(input.key),
    consistentRead: input.consistentRead ?? false,
    ...projection(input.projection),
  };
}

export function put(input: { key: Key; item: Record<string, unknown>; condition?: ConditionObject }) {
  const attributes = Object.fromEntries(Object.entries(input.item).filter(([name]) => !(name in input.key)));
  return {
    operation: 'PutItem',
    key: toMapValues(input.key),
    attributeValues: toMapValues(attributes),
    ...withCondition(input.condition),
  };
}

export function remove(input: { key: Key; condition?: ConditionObject }) {
  return { operation: 'DeleteItem', key: toMapValues(input.key), ...withCondition(input.condition) };
}

export function update(input: { key: Key; update: Record<string, unknown>; condition?: ConditionObject }) {
  const builder = new ExpressionBuilder('u');
  const set: string[] = [];
  const add: string[] = [];
  const removeNames: string[] = [];
  for (const [field, change] of Object.entries(input.update)) {
    if (change === undefined) continue;
    const name = builder.name(field);
    if (!(change instanceof UpdateOperation)) {
      set.push(`${name} = ${builder.value(change)}`);
      continue;
    }
    switch (change.kind) {
      case 'remove':
        removeNames.push(name);
        break;
      case 'add':
      case 'increment':
        add.push(`${name} ${builder.value(change.value)}`);
        break;
      case 'decrement':
        add.push(`${name} ${builder.value(-(change.value as number))}`);
        break;
      case 'append':
        set.push(
          `${name} = list_append(if_not_exists(${name}, ${builder.value([])}), ${builder.value(change.value)})`,
        );
        break;
      case 'prepend':
        set.push(
          `${name} = list_append(${builder.value(change.value)}, if_not_exists(${name}, ${builder.value([])}))`,
        );
        break;
    }
  }
  const clauses = [
    set.length ? `SET ${set.join(', ')}` : '',
    add.length ? `ADD ${add.join(', ')}` : '',
    removeNames.length ? `REMOVE ${removeNames.join(', ')}` : '',
  ].filter(Boolean);
  return {
    operation: 'UpdateItem',
    key: toMapValues(input.key),
    update: builder.build(clauses.join(' ')),
    ...withCondition(input.condition),
  };
}

interface ReadInput {
  filter?: ConditionObject;
  index?: string;
  limit?: number;
  nextToken?: string;
  consistentRead?: boolean;
  projection?: string[];
}

function readOptions(input: ReadInput) {
  return {
    ...(input.filter ? { filter: conditionExpression(input.filter, 'f') } : {}),
    ...(input.index ? { index: input.index } : {}),
    ...(input.limit !== undefined ? { limit: input.limit } : {}),
    ...(input.nextToken ? { nextToken: input.nextToken } : {}),
    consistentRead: input.consistentRead ?? false,
    ...projection(input.projection),
  };
}

export function query(input: ReadInput & { query: ConditionObject; scanIndexForward?: boolean }) {
  return {
    operation: 'Query',
    query: keyConditionExpression(input.query),
    scanIndexForward: input.scanIndexForward ?? true,
    ...readOptions(input),
  };
}

export function scan(input: ReadInput & { segment?: number; totalSegments?: number }) {
  return {
    operation: 'Scan',
    ...readOptions(input),
    ...(input.totalSegments !== undefined
      ? { segment: input.segment, totalSegments: input.totalSegments }
      : {}),
  };
}

const unsupported = (name: string) => () => {
  throw new UnsupportedFeatureError(`@aws-appsync/utils/dynamodb ${name}`);
};

export const dynamodbHelpers = {
  get,
  put,
  remove,
  update,
  query,
  scan,
  operations,
  toStringSet: dynamodbUtil.toStringSet,
  toNumberSet: dynamodbUtil.toNumberSet,
  sync: unsupported('sync'),
  batchGet: unsupported('batchGet'),
  batchPut: unsupported('batchPut'),
  batchDelete: unsupported('batchDelete'),
  transactGet: unsupported('transactGet'),
  transactWrite: unsupported('transactWrite'),
  toBinarySet: unsupported('toBinarySet'),
};
