/**
 * Assembles the local API from the same parts AppSync gets: schema.graphql, the resolver list in
 * resolvers/src/api.ts, and the resolver code bundled as for AppSync.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DATA_SOURCES, FUNCTIONS, RESOLVERS, type DataSourceName } from '@golive/resolvers/api';
import { bundleResolvers } from '@golive/resolvers/bundle';
import { join } from 'node:path';
import { REPO_ROOT } from '@golive/common/repo-paths';
import { tableNameOf } from '../dynamodb/ensure-tables';
import { noneDataSource, type DataSource } from './data-sources/data-source';
import { DynamoDBDataSource } from './data-sources/dynamodb-data-source';
import { LambdaDataSource, type LambdaHandler } from './data-sources/lambda-data-source';
import { PageTokens } from './data-sources/page-token';
import { GraphqlApi } from './graphql-api';
import type { FieldResolverPlan, Step } from './runtime/resolver-runner';
import { loadResolverModule } from './runtime/sandbox';
import { loadSchema } from './schema/load-schema';

export const SCHEMA_PATH = join(REPO_ROOT, 'schema.graphql');

export interface ApiParts {
  dynamodb: DynamoDBClient;
  /** Lambda handlers by the `handler` named in api.ts (run in-process). */
  lambdas: Record<string, LambdaHandler>;
  /** Seals pagination tokens; any stable secret. */
  secret: string;
  /** The API's environment variables (ctx.env), as AppSync's GraphQL API has them. */
  environment?: Record<string, string>;
  schemaPath?: string;
}

export async function buildApi(parts: ApiParts): Promise<GraphqlApi> {
  const schema = loadSchema(parts.schemaPath ?? SCHEMA_PATH);
  const bundles = await bundleResolvers();
  const pageTokens = new PageTokens(parts.secret);

  const dataSources = new Map<DataSourceName, DataSource>();
  for (const [name, definition] of Object.entries(DATA_SOURCES) as [
    DataSourceName,
    (typeof DATA_SOURCES)[DataSourceName],
  ][]) {
    if (definition.kind === 'NONE') dataSources.set(name, noneDataSource);
    else if (definition.kind === 'AMAZON_DYNAMODB') {
      dataSources.set(
        name,
        new DynamoDBDataSource(parts.dynamodb, tableNameOf(definition.table), pageTokens),
      );
    } else {
      const handler = parts.lambdas[definition.handler];
      if (!handler)
        throw new Error(`No local handler for Lambda data source ${name} (${definition.handler})`);
      dataSources.set(name, new LambdaDataSource(handler));
    }
  }

  const module = (code: string) => {
    const source = bundles.get(code);
    if (!source) throw new Error(`resolvers/src/${code}.ts was not bundled`);
    return loadResolverModule(code, source);
  };
  const step = (name: string, code: string, dataSource: DataSourceName): Step => {
    const found = dataSources.get(dataSource);
    if (!found) throw new Error(`${name} uses unknown data source ${dataSource}`);
    return { name, module: module(code), dataSource: found };
  };
  const functions = new Map(FUNCTIONS.map((fn) => [fn.name, step(fn.code, fn.code, fn.dataSource)]));

  const env = Object.freeze({ ...parts.environment });
  const plans = new Map<string, FieldResolverPlan>();
  for (const resolver of RESOLVERS) {
    const key = `${resolver.typeName}.${resolver.fieldName}`;
    const field = schema.getType(resolver.typeName);
    if (!field || !('getFields' in field) || !field.getFields()[resolver.fieldName]) {
      throw new Error(`resolvers/src/api.ts resolves ${key}, which schema.graphql does not define`);
    }
    if (resolver.kind === 'UNIT') {
      plans.set(key, { kind: 'UNIT', step: step(resolver.code, resolver.code, resolver.dataSource), env });
    } else {
      const steps = resolver.functions.map((name) => {
        const found = functions.get(name);
        if (!found) throw new Error(`${key} uses unknown function ${name}`);
        return found;
      });
      plans.set(key, {
        kind: 'PIPELINE',
        name: resolver.code,
        module: module(resolver.code),
        functions: steps,
        env,
      });
    }
  }
  return new GraphqlApi(schema, plans);
}
