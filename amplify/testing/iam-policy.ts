/**
 * IAM's decision for one request against identity-policy statements read from a synthesized
 * template, for what the tests ask: Allow and Deny statements, Action and Resource wildcards,
 * and StringEquals / StringLike conditions on the request's keys (aws:ResourceTag/…,
 * aws:RequestTag/…). A key the request lacks matches no condition, as in IAM. Anything else in a
 * statement (NotAction, other operators) is refused rather than guessed at.
 */
import { asList, type CfnValue, type PolicyStatement } from './cfn-shapes';

export interface IamRequest {
  action: string;
  /** Every resource the service authorizes the action against (some actions need two). */
  resources: { arn: string; tags?: Record<string, string> }[];
  /** Tags the request asks to put on what it creates. */
  requestTags?: Record<string, string>;
}

/** Pseudo parameters the deploying account resolves (Ref AWS::Region, AWS::AccountId, AWS::Partition). */
export interface Account {
  region: string;
  accountId: string;
}

function resolve(value: CfnValue, account: Account): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const ref = value.Ref;
    if (ref === 'AWS::Region') return account.region;
    if (ref === 'AWS::AccountId') return account.accountId;
    if (ref === 'AWS::Partition') return 'aws';
    const join = value['Fn::Join'];
    if (Array.isArray(join)) {
      const [separator, parts] = join as [string, CfnValue[]];
      return parts.map((part) => resolve(part, account)).join(separator);
    }
  }
  throw new Error(`Not a value this evaluator resolves: ${JSON.stringify(value)}`);
}

/** IAM's wildcards: * any run of characters, ? one. */
function globMatches(pattern: string, text: string, ignoreCase = false): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(text);
}

function contextValue(key: string, request: IamRequest, resource: IamRequest['resources'][number]) {
  const resourceTag = key.match(/^aws:ResourceTag\/(.+)$/)?.[1];
  if (resourceTag) return resource.tags?.[resourceTag];
  const requestTag = key.match(/^aws:RequestTag\/(.+)$/)?.[1];
  if (requestTag) return request.requestTags?.[requestTag];
  throw new Error(`No context key ${key} in this evaluator`);
}

function conditionsHold(
  statement: PolicyStatement,
  request: IamRequest,
  resource: IamRequest['resources'][number],
  account: Account,
): boolean {
  return Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) => {
      const actual = contextValue(key, request, resource);
      if (actual === undefined) return false;
      const values = asList(expected).map((value) => resolve(value, account));
      if (operator === 'StringEquals') return values.includes(actual);
      if (operator === 'StringLike') return values.some((value) => globMatches(value, actual));
      throw new Error(`No condition operator ${operator} in this evaluator`);
    }),
  );
}

function applies(
  statement: PolicyStatement,
  request: IamRequest,
  resource: IamRequest['resources'][number],
  account: Account,
): boolean {
  for (const unsupported of ['NotAction', 'NotResource', 'NotPrincipal'])
    if (unsupported in statement) throw new Error(`${unsupported} is not evaluated here`);
  return (
    asList(statement.Action).some((action) => globMatches(action, request.action, true)) &&
    asList(statement.Resource).some((pattern) => globMatches(resolve(pattern, account), resource.arn)) &&
    conditionsHold(statement, request, resource, account)
  );
}

/** Allowed when every resource the action needs is allowed by some statement and denied by none. */
export function isAllowed(statements: PolicyStatement[], request: IamRequest, account: Account): boolean {
  return request.resources.every((resource) => {
    const matching = statements.filter((statement) => applies(statement, request, resource, account));
    return matching.some((s) => s.Effect === 'Allow') && !matching.some((s) => s.Effect === 'Deny');
  });
}
