/**
 * DynamoDB expressions from AppSync's object syntax ({ field: { op: value }, and, or, not }), as
 * used by the @aws-appsync/utils/dynamodb helpers and util.transform. Placeholders are numbered,
 * so any attribute name (including reserved words) is safe.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { toDynamoDB } from './dynamodb-values';
import { UnsupportedFeatureError } from './errors';

export interface Expression {
  expression: string;
  expressionNames?: Record<string, string>;
  expressionValues?: Record<string, AttributeValue>;
}

type Operators = Record<string, unknown>;
export type ConditionObject = Record<string, unknown>;

const KEY_OPERATORS = new Set(['eq', 'le', 'lt', 'ge', 'gt', 'between', 'beginsWith']);
const COMPARISONS: Record<string, string> = { eq: '=', ne: '<>', le: '<=', lt: '<', ge: '>=', gt: '>' };

/** Builds one expression; names and values accumulate across calls so several parts can share them. */
export class ExpressionBuilder {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};
  private count = 0;

  constructor(private readonly prefix: string) {}

  name(attribute: string): string {
    const placeholder = `#${this.prefix}${this.count++}`;
    this.names[placeholder] = attribute;
    return placeholder;
  }

  value(value: unknown): string {
    const placeholder = `:${this.prefix}${this.count++}`;
    this.values[placeholder] = toDynamoDB(value);
    return placeholder;
  }

  /** A condition or filter: every entry must hold; `and`, `or` and `not` nest. */
  condition(object: ConditionObject, keyCondition = false): string {
    const parts: string[] = [];
    for (const [field, operand] of Object.entries(object)) {
      if (operand === undefined) continue;
      if (field === 'and' || field === 'or') {
        if (keyCondition) throw new UnsupportedFeatureError(`"${field}" in a key condition`);
        const branches = (operand as ConditionObject[]).map((branch) => `(${this.condition(branch)})`);
        parts.push(branches.join(field === 'and' ? ' AND ' : ' OR '));
      } else if (field === 'not') {
        parts.push(`NOT (${this.condition(operand as ConditionObject)})`);
      } else {
        for (const [operator, value] of Object.entries(operand as Operators)) {
          parts.push(this.comparison(field, operator, value, keyCondition));
        }
      }
    }
    return parts.join(' AND ');
  }

  private comparison(field: string, operator: string, value: unknown, keyCondition: boolean): string {
    if (keyCondition && !KEY_OPERATORS.has(operator)) {
      throw new UnsupportedFeatureError(
        `operator "${operator}" in a key condition (DynamoDB allows ${[...KEY_OPERATORS].join(', ')})`,
      );
    }
    const name = this.name(field);
    const comparison = COMPARISONS[operator];
    if (comparison) return `${name} ${comparison} ${this.value(value)}`;
    switch (operator) {
      case 'between': {
        const [low, high] = value as [unknown, unknown];
        return `${name} BETWEEN ${this.value(low)} AND ${this.value(high)}`;
      }
      case 'beginsWith':
        return `begins_with(${name}, ${this.value(value)})`;
      case 'contains':
        return `contains(${name}, ${this.value(value)})`;
      case 'notContains':
        return `NOT contains(${name}, ${this.value(value)})`;
      case 'attributeExists':
        return value ? `attribute_exists(${name})` : `attribute_not_exists(${name})`;
      case 'attributeType':
        return `attribute_type(${name}, ${this.value(value)})`;
      case 'in':
        return `${name} IN (${(value as unknown[]).map((item) => this.value(item)).join(', ')})`;
      case 'size': {
        const [sizeOperator, size] = Object.entries(value as Operators)[0] ?? [];
        const sizeComparison = COMPARISONS[sizeOperator ?? ''];
        if (!sizeComparison) throw new UnsupportedFeatureError(`size operator "${String(sizeOperator)}"`);
        return `size(${name}) ${sizeComparison} ${this.value(size)}`;
      }
      default:
        throw new UnsupportedFeatureError(`condition operator "${operator}"`);
    }
  }

  build(expression: string): Expression {
    return {
      expression,
      ...(Object.keys(this.names).length ? { expressionNames: { ...this.names } } : {}),
      ...(Object.keys(this.values).length ? { expressionValues: { ...this.values } } : {}),
    };
  }
}

export function conditionExpression(object: ConditionObject, prefix = 'c'): Expression {
  const builder = new ExpressionBuilder(prefix);
  return builder.build(builder.condition(object));
}

export function keyConditionExpression(object: ConditionObject): Expression {
  const builder = new ExpressionBuilder('k');
  return builder.build(builder.condition(object, true));
}
