/** The API contract, read from the top-level schema.graphql, and what the deployment derives from it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Kind,
  OperationTypeNode,
  parse,
  type DocumentNode,
  type FieldNode,
  type ObjectTypeDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { REPO_ROOT } from '../repo-root';

export const SCHEMA_PATH = join(REPO_ROOT, 'schema.graphql');

const AUTH_DIRECTIVES = new Set([
  'aws_iam',
  'aws_cognito_user_pools',
  'aws_api_key',
  'aws_oidc',
  'aws_lambda',
]);

export interface RootField {
  typeName: 'Query' | 'Mutation' | 'Subscription';
  fieldName: string;
}

/**
 * Root fields only IAM may call: what services (transwrap, EventBridge) do. Service roles are
 * granted these and nothing else.
 */
export function serviceFields(schema = readFileSync(SCHEMA_PATH, 'utf8')): RootField[] {
  const fields: RootField[] = [];
  for (const definition of parse(schema).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const type: ObjectTypeDefinitionNode = definition;
    const typeName = type.name.value;
    if (typeName !== 'Query' && typeName !== 'Mutation') continue;
    for (const field of type.fields ?? []) {
      const auth = (field.directives ?? [])
        .map((directive) => directive.name.value)
        .filter((name) => AUTH_DIRECTIVES.has(name));
      if (auth.length === 1 && auth[0] === 'aws_iam') fields.push({ typeName, fieldName: field.name.value });
    }
  }
  return fields;
}

const ROOT_TYPES: Record<OperationTypeNode, RootField['typeName']> = {
  [OperationTypeNode.QUERY]: 'Query',
  [OperationTypeNode.MUTATION]: 'Mutation',
  [OperationTypeNode.SUBSCRIPTION]: 'Subscription',
};

/** The root field an operation calls: what a caller needs permission for (appsync:GraphQL). */
export function rootFieldOf(document: DocumentNode | string): RootField {
  const parsed = typeof document === 'string' ? parse(document) : document;
  const operation = parsed.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const field = operation?.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD);
  if (!operation || !field) throw new Error('The document has no operation with a root field');
  return { typeName: ROOT_TYPES[operation.operation], fieldName: field.name.value };
}
