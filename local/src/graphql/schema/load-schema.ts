/**
 * Loads schema.graphql as AppSync does: the AWS scalars and auth/subscription directives are
 * predefined, so the file declares neither. Directives AppSync has but this server does not
 * implement are refused at load time rather than ignored.
 */
import { buildASTSchema, Kind, parse, visit, type GraphQLSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AWS_SCALARS } from './aws-scalars';

export const PREDEFINED_SCHEMA_PATH = join(__dirname, 'aws-appsync.graphql');

const UNSUPPORTED_DIRECTIVES = new Set(['aws_oidc', 'aws_lambda', 'aws_auth', 'aws_publish']);

export function loadSchema(path: string): GraphQLSchema {
  const source = readFileSync(path, 'utf8');
  const document = parse(`${readFileSync(PREDEFINED_SCHEMA_PATH, 'utf8')}\n${source}`);
  visit(document, {
    Directive(node) {
      if (UNSUPPORTED_DIRECTIVES.has(node.name.value)) {
        throw new Error(
          `${path}: @${node.name.value} is not supported by the local AppSync server (see local/README.md).`,
        );
      }
    },
  });
  const schema = buildASTSchema(document);
  // buildASTSchema makes pass-through scalars; give them AppSync's validation.
  for (const scalar of AWS_SCALARS) {
    if (!schema.getType(scalar.name))
      throw new Error(`${PREDEFINED_SCHEMA_PATH} does not declare ${scalar.name}`);
    const { serialize, parseValue, parseLiteral, description } = scalar;
    Object.assign(schema.getType(scalar.name) ?? {}, { serialize, parseValue, parseLiteral, description });
  }
  return schema;
}

/** Which subscription fields each mutation triggers (from @aws_subscribe). */
export function subscriptionTriggers(schema: GraphQLSchema): Map<string, string[]> {
  const triggers = new Map<string, string[]>();
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
    const directive = field.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
    const mutations = directive?.arguments?.find((a) => a.name.value === 'mutations')?.value;
    if (mutations?.kind !== Kind.LIST) continue;
    for (const value of mutations.values) {
      if (value.kind !== Kind.STRING) continue;
      triggers.set(value.value, [...(triggers.get(value.value) ?? []), field.name]);
    }
  }
  return triggers;
}
