/**
 * The deployed API is the API the local stack runs: every field schema.graphql declares on Query,
 * Mutation and Subscription is resolved in AppSync by the same bundled APPSYNC_JS code, through the
 * same data sources and pipeline functions (resolvers/src/api.ts), behind the same auth modes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  getIntrospectionQuery,
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ObjectTypeDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { DATA_SOURCES, FUNCTIONS, RESOLVERS } from '@golive/resolvers/api';
import { API_LIMITS } from '@golive/resolvers/api-limits';
import { QUOTA_DEFAULTS, QUOTA_VARIABLES } from '@golive/resolvers/quotas';
import { fieldBeyondDepth } from '@golive/local/graphql/request-limits';
import { loadSchema } from '@golive/local/graphql/schema/load-schema';
import { bundleResolvers, type Bundles } from '@golive/resolvers/bundle';
import { TABLES } from '@golive/resolvers/tables';
import { REPO_ROOT } from '@golive/common/repo-paths';
import {
  textOf,
  type AppSyncApi,
  type AppSyncDataSource,
  type AppSyncFunction,
  type AppSyncResolver,
  type DynamoDbTable,
} from '../testing/cfn-shapes';
import { propertiesOfType, resourcesOfType, useSynthesizedBackend } from '../testing/synthesize';

const schema = readFileSync(join(REPO_ROOT, 'schema.graphql'), 'utf8');

/** Every root field the schema declares, as "Type.field". */
function schemaRootFields(): string[] {
  return parse(schema)
    .definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION)
    .filter((type) => ['Query', 'Mutation', 'Subscription'].includes(type.name.value))
    .flatMap((type) => (type.fields ?? []).map((field) => `${type.name.value}.${field.name.value}`));
}

/** The operations the PWA, transwrap and EventBridge send, one document each. */
function appOperations(): { name: string; document: DocumentNode; operation: OperationDefinitionNode }[] {
  const all = parse(readFileSync(join(REPO_ROOT, 'common/src/operations.graphql'), 'utf8'));
  return all.definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => ({ name: operation.name?.value ?? '', document: all, operation }));
}

/** Fields of the operation that have a resolver (each list item would run its own, if any were nested). */
function resolverFields(document: DocumentNode, operation: OperationDefinitionNode): number {
  const resolved = new Set(RESOLVERS.map((r) => `${r.typeName}.${r.fieldName}`));
  const typeInfo = new TypeInfo(loadSchema(join(REPO_ROOT, 'schema.graphql')));
  let count = 0;
  visit(
    { ...document, definitions: [operation] },
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (resolved.has(`${typeInfo.getParentType()?.name}.${node.name.value}`)) count += 1;
      },
    }),
  );
  return count;
}

const JS_RUNTIME = { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' };

const backend = useSynthesizedBackend();
let bundles: Bundles;
beforeAll(async () => {
  bundles = await bundleResolvers();
});

const api = () => backend().stacks.api;

describe('the AppSync API', () => {
  it('serves schema.graphql as written', () => {
    const [definition] = propertiesOfType(api(), 'AWS::AppSync::GraphQLSchema');
    expect(definition?.Definition).toBe(schema);
  });

  it('takes Cognito user pools by default, the API key for public reads and IAM for services', () => {
    const [graphqlApi] = propertiesOfType<AppSyncApi>(api(), 'AWS::AppSync::GraphQLApi');
    expect(graphqlApi?.AuthenticationType).toBe('AMAZON_COGNITO_USER_POOLS');
    expect(graphqlApi?.UserPoolConfig.DefaultAction).toBe('ALLOW');
    // The pool is the one defineAuth created (passed in from the auth stack).
    expect(textOf(graphqlApi?.UserPoolConfig.UserPoolId)).toMatch(/amplifyAuthUserPool/);
    expect(graphqlApi?.AdditionalAuthenticationProviders).toEqual([
      { AuthenticationType: 'API_KEY' },
      { AuthenticationType: 'AWS_IAM' },
    ]);
    const [key] = propertiesOfType<{ Expires: number }>(api(), 'AWS::AppSync::ApiKey');
    // AppSync's longest: a year from this deployment.
    expect((key?.Expires ?? 0) * 1000 - Date.now()).toBeGreaterThan(360 * 24 * 3600 * 1000);
  });

  it('logs errors without request or response bodies (claimIngest returns a stream key)', () => {
    const [graphqlApi] = propertiesOfType<AppSyncApi>(api(), 'AWS::AppSync::GraphQLApi');
    expect(graphqlApi?.LogConfig).toMatchObject({ FieldLogLevel: 'ERROR', ExcludeVerboseContent: true });
  });

  describe('limits what one request may ask (the local server enforces the same, resolvers/src/api-limits.ts)', () => {
    type Limits = { QueryDepthLimit?: number; ResolverCountLimit?: number; IntrospectionConfig?: string };
    const limits = () => propertiesOfType<Limits>(api(), 'AWS::AppSync::GraphQLApi')[0];

    it('deploys the shared limits, set deliberately within what AppSync accepts', () => {
      expect(limits()).toMatchObject({
        QueryDepthLimit: API_LIMITS.queryDepth,
        ResolverCountLimit: API_LIMITS.resolverCount,
        IntrospectionConfig: API_LIMITS.introspection ? 'ENABLED' : 'DISABLED',
      });
      // 0 would mean no depth limit, and 10000 resolvers: one aliased request could run them all.
      expect(API_LIMITS.queryDepth).toBeGreaterThanOrEqual(1);
      expect(API_LIMITS.queryDepth).toBeLessThanOrEqual(75);
      expect(API_LIMITS.resolverCount).toBeGreaterThanOrEqual(1);
      expect(API_LIMITS.resolverCount).toBeLessThan(10000);
    });

    it.each(appOperations().map((o) => [o.name, o] as const))(
      'leaves room for the app’s operation %s',
      (_name, { document, operation }) => {
        expect(fieldBeyondDepth(document, operation, API_LIMITS.queryDepth)).toBeUndefined();
        expect(resolverFields(document, operation)).toBeLessThanOrEqual(API_LIMITS.resolverCount);
      },
    );

    it('lets the admins’ GraphiQL console introspect the schema, within the depth limit', () => {
      expect(API_LIMITS.introspection).toBe(true);
      const query = parse(getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }));
      const operation = query.definitions[0] as OperationDefinitionNode;
      expect(fieldBeyondDepth(query, operation, API_LIMITS.queryDepth)).toBeUndefined();
    });
  });

  it('gives the resolvers the deployment’s quotas as the API’s environment variables (ctx.env)', () => {
    type Environment = { EnvironmentVariables?: Record<string, string> };
    const [graphqlApi] = propertiesOfType<Environment>(api(), 'AWS::AppSync::GraphQLApi');
    expect(graphqlApi?.EnvironmentVariables).toEqual({
      [QUOTA_VARIABLES.channelsPerSeller]: String(QUOTA_DEFAULTS.channelsPerSeller),
      [QUOTA_VARIABLES.liveBroadcastsPerSeller]: String(QUOTA_DEFAULTS.liveBroadcastsPerSeller),
      [QUOTA_VARIABLES.liveHoursPerMonth]: String(QUOTA_DEFAULTS.liveHoursPerMonth),
      [QUOTA_VARIABLES.chatRetentionHours]: String(QUOTA_DEFAULTS.chatRetentionHours),
    });
    // AppSync's rules for keys: a letter first, 2-64 letters, digits and underscores.
    for (const key of Object.keys(graphqlApi?.EnvironmentVariables ?? {}))
      expect(key).toMatch(/^[A-Za-z][A-Za-z0-9_]{1,63}$/);
  });

  it('resolves every root field of the schema and the fields read elsewhere or per caller, nothing else', () => {
    const resolved = propertiesOfType<AppSyncResolver>(api(), 'AWS::AppSync::Resolver').map(
      (resolver) => `${resolver.TypeName}.${resolver.FieldName}`,
    );
    // Channel.chatBlockedWords: owner and admins only, which only a resolver can tell.
    expect(resolved.sort()).toEqual(
      [...schemaRootFields(), 'Channel.pinnedProduct', 'Channel.chatBlockedWords'].sort(),
    );
  });

  it('runs each resolver and pipeline function as APPSYNC_JS with the bundle the local server runs', () => {
    const resolvers = propertiesOfType<AppSyncResolver>(api(), 'AWS::AppSync::Resolver');
    for (const expected of RESOLVERS) {
      const resolver = resolvers.find(
        (r) => r.TypeName === expected.typeName && r.FieldName === expected.fieldName,
      );
      expect({ field: `${expected.typeName}.${expected.fieldName}`, runtime: resolver?.Runtime }).toEqual({
        field: `${expected.typeName}.${expected.fieldName}`,
        runtime: JS_RUNTIME,
      });
      expect(resolver?.Code).toBe(bundles.get(expected.code));
      expect(resolver?.Kind).toBe(expected.kind);
    }
    const functions = propertiesOfType<AppSyncFunction>(api(), 'AWS::AppSync::FunctionConfiguration');
    expect(functions.map((fn) => fn.Name).sort()).toEqual(FUNCTIONS.map((fn) => fn.name).sort());
    for (const expected of FUNCTIONS) {
      const fn = functions.find((f) => f.Name === expected.name);
      expect(fn?.Runtime).toEqual(JS_RUNTIME);
      expect(fn?.Code).toBe(bundles.get(expected.code));
    }
  });

  it('runs pipelines through their functions in order, each on its data source', () => {
    const functionNames = new Map(
      Object.entries(resourcesOfType<AppSyncFunction>(api(), 'AWS::AppSync::FunctionConfiguration')).map(
        ([id, fn]) => [id, fn.Properties.Name],
      ),
    );
    // The data source's name (resolvers/src/api.ts's), or a reference to the resource of that name.
    const dataSourceOf = ({
      DataSourceName: name,
    }: {
      DataSourceName?: AppSyncResolver['DataSourceName'];
    }) => (typeof name === 'string' ? name : textOf(name).match(/GoLiveApi(\w+?)DataSource[0-9A-F]{8}/)?.[1]);
    const resolvers = propertiesOfType<AppSyncResolver>(api(), 'AWS::AppSync::Resolver');
    for (const expected of RESOLVERS) {
      const resolver = resolvers.find(
        (r) => r.TypeName === expected.typeName && r.FieldName === expected.fieldName,
      )!;
      if (expected.kind === 'PIPELINE') {
        const steps = (resolver.PipelineConfig?.Functions ?? []).map((step) =>
          functionNames.get(step['Fn::GetAtt'][0]),
        );
        expect({ field: expected.fieldName, steps }).toEqual({
          field: expected.fieldName,
          steps: expected.functions,
        });
      } else {
        expect({ field: expected.fieldName, source: dataSourceOf(resolver) }).toEqual({
          field: expected.fieldName,
          source: expected.dataSource,
        });
      }
    }
    for (const fn of propertiesOfType<AppSyncFunction>(api(), 'AWS::AppSync::FunctionConfiguration')) {
      const expected = FUNCTIONS.find((f) => f.name === fn.Name)!;
      expect({ fn: fn.Name, source: dataSourceOf(fn) }).toEqual({ fn: fn.Name, source: expected.dataSource });
    }
  });

  it('declares each data source of resolvers/src/api.ts with its kind', () => {
    const sources = propertiesOfType<AppSyncDataSource>(api(), 'AWS::AppSync::DataSource');
    expect(sources.map((s) => s.Name).sort()).toEqual(Object.keys(DATA_SOURCES).sort());
    for (const source of sources) {
      const expected = DATA_SOURCES[source.Name as keyof typeof DATA_SOURCES];
      expect(source.Type).toBe(expected.kind);
      if (expected.kind === 'AMAZON_DYNAMODB') {
        expect(textOf(source.DynamoDBConfig?.TableName)).toContain(`GoLive${expected.table}Table`);
      }
      if (expected.kind === 'AWS_LAMBDA') {
        expect(textOf(source.LambdaConfig?.LambdaFunctionArn)).toContain('GoLiveIvsControlFunction');
      }
    }
  });
});

describe('the tables', () => {
  const tables = () =>
    Object.entries(resourcesOfType<DynamoDbTable>(api(), 'AWS::DynamoDB::Table')).map(([id, table]) => ({
      name: (Object.keys(TABLES) as (keyof typeof TABLES)[]).find((n) => id.startsWith(`GoLive${n}Table`)),
      table,
    }));

  it('has keys, indexes and TTL from resolvers/src/tables.ts', () => {
    expect(
      tables()
        .map((t) => t.name)
        .sort(),
    ).toEqual(Object.keys(TABLES).sort());
    for (const { name, table } of tables()) {
      const definition = TABLES[name!];
      const properties = table.Properties;
      const sortKey = (definition as { sortKey?: string }).sortKey;
      expect(properties.KeySchema).toEqual([
        { AttributeName: definition.partitionKey, KeyType: 'HASH' },
        ...(sortKey ? [{ AttributeName: sortKey, KeyType: 'RANGE' }] : []),
      ]);
      const indexes = Object.fromEntries(
        (properties.GlobalSecondaryIndexes ?? []).map((index) => [
          index.IndexName,
          { keys: index.KeySchema.map((k) => k.AttributeName), projection: index.Projection },
        ]),
      );
      expect(indexes).toEqual(
        Object.fromEntries(
          Object.entries(definition.indexes).map(([indexName, keys]) => [
            indexName,
            { keys, projection: { ProjectionType: 'ALL' } },
          ]),
        ),
      );
      const ttl = (definition as { ttlAttribute?: string }).ttlAttribute;
      expect(properties.TimeToLiveSpecification).toEqual(
        ttl ? { AttributeName: ttl, Enabled: true } : undefined,
      );
    }
  });

  it('lets startBroadcast query live endpoints by index, and expires gone endpoints by TTL', () => {
    const endpoints = tables().find((t) => t.name === 'endpoints')!.table.Properties;
    expect(endpoints.GlobalSecondaryIndexes).toContainEqual(
      expect.objectContaining({
        IndexName: 'byStatus',
        KeySchema: [
          { AttributeName: 'status', KeyType: 'HASH' },
          { AttributeName: 'heartbeatAt', KeyType: 'RANGE' },
        ],
      }),
    );
    expect(endpoints.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAtEpoch', Enabled: true });
  });

  it('keeps a channel’s chat in time order and expires messages by TTL; muted users in a sparse index', () => {
    const table = (name: string) => tables().find((t) => t.name === name)!.table.Properties;
    expect(table('chatMessages')).toMatchObject({
      KeySchema: [
        { AttributeName: 'channelId', KeyType: 'HASH' },
        { AttributeName: 'id', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAtEpoch', Enabled: true },
    });
    expect(table('chatMembers').GlobalSecondaryIndexes).toContainEqual(
      expect.objectContaining({
        IndexName: 'byMute',
        KeySchema: [
          { AttributeName: 'mutedChannelId', KeyType: 'HASH' },
          { AttributeName: 'mutedUntil', KeyType: 'RANGE' },
        ],
      }),
    );
  });

  it('lets each table’s data source, and no other role, read and write it', () => {
    type Policy = { PolicyDocument: { Statement: { Resource: unknown }[] }; Roles: unknown[] };
    const policies = Object.values(resourcesOfType<Policy>(api(), 'AWS::IAM::Policy'));
    for (const { name, table } of tables()) {
      const logicalId = Object.entries(resourcesOfType<DynamoDbTable>(api(), 'AWS::DynamoDB::Table')).find(
        ([, resource]) => resource === table,
      )![0];
      const reaching = policies.filter((policy) =>
        JSON.stringify(policy.Properties.PolicyDocument).includes(`"${logicalId}"`),
      );
      expect(reaching.map((policy) => textOf(policy.Properties.Roles as never))).toEqual([
        expect.stringContaining(`"GoLiveApi${name}DataSourceServiceRole`),
      ]);
    }
  });

  it('is on demand, encrypted, with point-in-time recovery', () => {
    for (const { table } of tables()) {
      expect(table.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      });
    }
  });

  it('goes away with a sandbox, and carries the deployment’s tag (`npm run destroy` finds kept ones by it)', () => {
    for (const { table } of tables()) {
      expect(table.DeletionPolicy).toBe('Delete');
      expect((table.Properties as { Tags?: unknown[] }).Tags).toContainEqual({
        Key: 'golive:deployment',
        Value: backend().rootStackName,
      });
    }
  });
});

describe('the tables of a branch deployment', () => {
  const branch = useSynthesizedBackend({
    type: 'branch',
    env: { AWS_APP_ID: 'd1a2b3c4', AWS_BRANCH: 'main', GOLIVE_EMAIL_VIA_COGNITO: 'accept-50-per-day' },
  });

  it('outlive its stack: users’ channels survive a mistaken stack deletion', () => {
    const kept = Object.values(resourcesOfType(branch().stacks.api, 'AWS::DynamoDB::Table'));
    expect(kept).toHaveLength(Object.keys(TABLES).length);
    for (const table of kept) expect(table.DeletionPolicy).toBe('Retain');
  });
});
