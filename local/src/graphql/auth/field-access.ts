/**
 * AppSync's auth directives, enforced per field: a field's own directives decide; without any, its
 * type's; without those, the default mode (Cognito user pools, any group). `cognito_groups`
 * limits user-pool callers to members of at least one listed group.
 */
import {
  isObjectType,
  Kind,
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { AuthMode, Caller } from './caller';

export interface AccessRule {
  mode: AuthMode;
  /** For user pools: allowed groups; undefined means any signed-in user. */
  groups?: string[];
}

const DIRECTIVE_MODES: Record<string, AuthMode> = {
  aws_cognito_user_pools: 'AMAZON_COGNITO_USER_POOLS',
  aws_api_key: 'API_KEY',
  aws_iam: 'AWS_IAM',
};
export const DEFAULT_RULES: AccessRule[] = [{ mode: 'AMAZON_COGNITO_USER_POOLS' }];

function rulesOf(directives: readonly ConstDirectiveNode[] | undefined): AccessRule[] {
  const rules: AccessRule[] = [];
  for (const directive of directives ?? []) {
    const mode = DIRECTIVE_MODES[directive.name.value];
    if (!mode) continue;
    const groupsArgument = directive.arguments?.find((argument) => argument.name.value === 'cognito_groups');
    const groups =
      groupsArgument?.value.kind === Kind.LIST
        ? groupsArgument.value.values.flatMap((value) => (value.kind === Kind.STRING ? [value.value] : []))
        : undefined;
    rules.push({ mode, ...(groups ? { groups } : {}) });
  }
  return rules;
}

export type FieldAccess = Map<string, AccessRule[]>;

export function fieldAccessOf(schema: GraphQLSchema): FieldAccess {
  const access: FieldAccess = new Map();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeRules = rulesOf(typeDirectives(type));
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      const fieldRules = rulesOf(field.astNode?.directives);
      access.set(
        `${type.name}.${field.name}`,
        fieldRules.length ? fieldRules : typeRules.length ? typeRules : DEFAULT_RULES,
      );
    }
  }
  return access;
}

function typeDirectives(type: GraphQLObjectType): ConstDirectiveNode[] {
  return [type.astNode, ...type.extensionASTNodes].flatMap((node) => [...(node?.directives ?? [])]);
}

export function isAllowed(rules: AccessRule[], caller: Caller): boolean {
  return rules.some(
    (rule) =>
      rule.mode === caller.mode &&
      (caller.mode !== 'AMAZON_COGNITO_USER_POOLS' ||
        !rule.groups ||
        rule.groups.some((group) => caller.groups.includes(group))),
  );
}
