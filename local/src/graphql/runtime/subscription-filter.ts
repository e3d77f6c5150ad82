/**
 * Enhanced subscription filters: util.transform.toSubscriptionFilter builds them,
 * extensions.setSubscriptionFilter attaches one to a subscription, and `matchesFilter` decides
 * delivery. AppSync's rules: groups are OR-ed, filters within a group AND-ed, at most 10 groups
 * and 5 filters per group; fieldName may be a dotted path into the payload.
 */
import { ResolverError, UnsupportedFeatureError } from './errors';

export interface FilterRule {
  fieldName: string;
  operator: string;
  value: unknown;
}

export interface SubscriptionFilter {
  filterGroup: { filters: FilterRule[] }[];
}

export const MAX_FILTER_GROUPS = 10;
export const MAX_FILTERS_PER_GROUP = 5;

const OPERATORS = new Set([
  'eq',
  'ne',
  'le',
  'lt',
  'ge',
  'gt',
  'contains',
  'notContains',
  'beginsWith',
  'in',
  'notIn',
  'between',
  'containsAny',
]);

function invalid(message: string): never {
  throw new ResolverError({ message, errorType: 'ValidationError', data: null, errorInfo: null });
}

function rulesOf(object: Record<string, unknown>, ignored: Set<string>): FilterRule[] {
  const rules: FilterRule[] = [];
  for (const [fieldName, operand] of Object.entries(object)) {
    if (ignored.has(fieldName) || operand === undefined) continue;
    if (fieldName === 'and' || fieldName === 'or' || fieldName === 'not') {
      throw new UnsupportedFeatureError(`"${fieldName}" nested inside a subscription filter group`);
    }
    for (const [operator, value] of Object.entries(operand as Record<string, unknown>)) {
      if (!OPERATORS.has(operator)) invalid(`Unsupported subscription filter operator "${operator}".`);
      rules.push({ fieldName, operator, value });
    }
  }
  return rules;
}

/** { field: { op: value }, ... } or { or: [ {...}, {...} ] } to AppSync's filterGroup form. */
export function toSubscriptionFilter(
  object: Record<string, unknown>,
  ignoredFields: string[] = [],
): SubscriptionFilter {
  const ignored = new Set(ignoredFields);
  const branches = Array.isArray(object.or) ? (object.or as Record<string, unknown>[]) : [object];
  const filter = { filterGroup: branches.map((branch) => ({ filters: rulesOf(branch, ignored) })) };
  validateFilter(filter);
  return filter;
}

export function validateFilter(filter: SubscriptionFilter): void {
  if (!Array.isArray(filter?.filterGroup)) invalid('A subscription filter needs a filterGroup array.');
  if (filter.filterGroup.length > MAX_FILTER_GROUPS) {
    invalid(`A subscription filter may have at most ${MAX_FILTER_GROUPS} filter groups.`);
  }
  for (const group of filter.filterGroup) {
    if (group.filters.length > MAX_FILTERS_PER_GROUP) {
      invalid(`A subscription filter group may have at most ${MAX_FILTERS_PER_GROUP} filters.`);
    }
    for (const rule of group.filters) {
      if (!OPERATORS.has(rule.operator))
        invalid(`Unsupported subscription filter operator "${rule.operator}".`);
    }
  }
}

function valueAt(payload: unknown, path: string): unknown {
  let value = payload;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function holds({ fieldName, operator, value }: FilterRule, payload: unknown): boolean {
  const actual = valueAt(payload, fieldName);
  const compare = (test: (a: number | string, b: number | string) => boolean) =>
    (typeof actual === 'number' || typeof actual === 'string') &&
    typeof actual === typeof value &&
    test(actual, value as number | string);
  switch (operator) {
    case 'eq':
      return actual === value;
    case 'ne':
      return actual !== value;
    case 'lt':
      return compare((a, b) => a < b);
    case 'le':
      return compare((a, b) => a <= b);
    case 'gt':
      return compare((a, b) => a > b);
    case 'ge':
      return compare((a, b) => a >= b);
    case 'contains':
      return (typeof actual === 'string' || Array.isArray(actual)) && actual.includes(value as never);
    case 'notContains':
      return !((typeof actual === 'string' || Array.isArray(actual)) && actual.includes(value as never));
    case 'beginsWith':
      return typeof actual === 'string' && typeof value === 'string' && actual.startsWith(value);
    case 'in':
      return Array.isArray(value) && value.includes(actual);
    case 'notIn':
      return Array.isArray(value) && !value.includes(actual);
    case 'between': {
      const [low, high] = Array.isArray(value) ? (value as unknown[]) : [];
      return (
        (typeof actual === 'number' || typeof actual === 'string') &&
        typeof low === typeof actual &&
        typeof high === typeof actual &&
        actual >= (low as typeof actual) &&
        actual <= (high as typeof actual)
      );
    }
    case 'containsAny':
      return Array.isArray(actual) && Array.isArray(value) && value.some((item) => actual.includes(item));
    default:
      return false;
  }
}

export function matchesFilter(filter: SubscriptionFilter, payload: unknown): boolean {
  return filter.filterGroup.some((group) => group.filters.every((rule) => holds(rule, payload)));
}
