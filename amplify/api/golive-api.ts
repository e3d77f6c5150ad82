/**
 * The AppSync API: schema.graphql, Cognito user pools by default plus API key (public reads) and
 * IAM (services), and every resolver from resolvers/src/api.ts as APPSYNC_JS with the same bundles
 * the local server runs.
 */
import { ArnFormat, Duration, Expiration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AppsyncFunction,
  AuthorizationType,
  type CfnGraphQLApi,
  Code,
  Definition,
  FieldLogLevel,
  FunctionRuntime,
  GraphqlApi,
  IntrospectionConfig,
  Resolver,
  type BaseDataSource,
} from 'aws-cdk-lib/aws-appsync';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DATA_SOURCES, FUNCTIONS, RESOLVERS, type DataSourceName } from '@golive/resolvers/api';
import { API_LIMITS } from '@golive/resolvers/api-limits';
import { quotaEnvironment } from '@golive/resolvers/quotas';
import { logicalIdOf } from '../logical-id';
import type { DeploymentSettings } from '../settings';
import { IvsControlFunction } from './ivs-control-function';
import { SCHEMA_PATH } from './schema';
import { declareTables, type ApiTables } from './tables';

export interface GoLiveApiProps {
  userPool: IUserPool;
  /** Code path (as in resolvers/src/api.ts) -> bundled ESM. */
  code: Map<string, string>;
  settings: DeploymentSettings;
}

/** AppSync caps an API key's life at a year; each deployment moves its expiry a year out again. */
export const API_KEY_LIFETIME = Duration.days(365);

export class GoLiveApi extends Construct {
  readonly api: GraphqlApi;
  readonly tables: ApiTables;
  readonly ivsControl: IvsControlFunction;

  constructor(scope: Construct, id: string, { userPool, code, settings }: GoLiveApiProps) {
    super(scope, id);
    const logsRole = new Role(this, 'ApiLogsRole', {
      assumedBy: new ServicePrincipal('appsync.amazonaws.com'),
    });
    this.api = new GraphqlApi(this, 'Api', {
      name: `golive-${settings.deploymentId}`,
      definition: Definition.fromFile(SCHEMA_PATH),
      authorizationConfig: {
        defaultAuthorization: {
          authorizationType: AuthorizationType.USER_POOL,
          userPoolConfig: { userPool },
        },
        additionalAuthorizationModes: [
          {
            authorizationType: AuthorizationType.API_KEY,
            apiKeyConfig: {
              description: 'Public reads: channels, live channels, channel status',
              expires: Expiration.after(API_KEY_LIFETIME),
            },
          },
          { authorizationType: AuthorizationType.IAM },
        ],
      },
      // One request runs at most this many resolvers and nests at most this deep; the local server
      // enforces the same numbers (why these: amplify/README.md, "API limits").
      queryDepthLimit: API_LIMITS.queryDepth,
      resolverCountLimit: API_LIMITS.resolverCount,
      introspectionConfig: API_LIMITS.introspection
        ? IntrospectionConfig.ENABLED
        : IntrospectionConfig.DISABLED,
      // The resolvers read the deployment's quotas as ctx.env (resolvers/src/quotas.ts).
      environmentVariables: quotaEnvironment(settings.quotas),
    });
    // Errors only, and never request/response bodies: claimIngest's result holds a stream key.
    // Set on the CloudFormation resource: GraphqlApi's logConfig would add CDK's LogRetention
    // Lambda (a function that may change any log group's retention) for the group below.
    (this.api.node.defaultChild as CfnGraphQLApi).logConfig = {
      cloudWatchLogsRoleArn: logsRole.roleArn,
      fieldLogLevel: FieldLogLevel.ERROR,
      excludeVerboseContent: true,
    };
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-ASC3',
      reason:
        'Request-level logging needs verbose content, which would write request and response bodies to the logs: claimIngest answers with a stream key, and requests carry users’ tokens. Field errors are logged.',
    });
    // AppSync logs to /aws/appsync/apis/<api id>. Declared here, the group has its retention, and
    // AppSync's role may write to it and nowhere else.
    const logGroupName = `/aws/appsync/apis/${this.api.apiId}`;
    const logGroup = new LogGroup(this, 'ApiLogs', {
      logGroupName,
      retention: settings.logRetention,
      // Logs age out by retention; nothing to keep once the deployment is gone.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    logGroup.grantWrite(logsRole);
    logsRole.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogGroup'],
        resources: [
          Stack.of(this).formatArn({
            service: 'logs',
            resource: 'log-group',
            resourceName: logGroupName,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ],
      }),
    );
    this.tables = declareTables(this, settings.dataRemovalPolicy);
    this.ivsControl = new IvsControlFunction(this, 'IvsControl', settings);

    const dataSources = this.declareDataSources();
    const codeOf = (path: string) => {
      const bundle = code.get(path);
      if (!bundle) throw new Error(`No bundled resolver code for ${path}`);
      return Code.fromInline(bundle);
    };
    const functions = new Map(
      FUNCTIONS.map((fn) => [
        fn.name,
        new AppsyncFunction(this, `Function${fn.name}`, {
          api: this.api,
          name: fn.name,
          dataSource: dataSources[fn.dataSource],
          runtime: FunctionRuntime.JS_1_0_0,
          code: codeOf(fn.code),
        }),
      ]),
    );
    for (const resolver of RESOLVERS) {
      const common = {
        api: this.api,
        typeName: resolver.typeName,
        fieldName: resolver.fieldName,
        runtime: FunctionRuntime.JS_1_0_0,
        code: codeOf(resolver.code),
      };
      const id = `Resolver${resolver.typeName}${resolver.fieldName}`;
      if (resolver.kind === 'UNIT') {
        new Resolver(this, id, { ...common, dataSource: dataSources[resolver.dataSource] });
      } else {
        const pipelineConfig = resolver.functions.map((name) => {
          const fn = functions.get(name);
          if (!fn)
            throw new Error(`${resolver.typeName}.${resolver.fieldName} uses unknown function ${name}`);
          return fn;
        });
        new Resolver(this, id, { ...common, pipelineConfig });
      }
    }
  }

  private declareDataSources(): Record<DataSourceName, BaseDataSource> {
    const declared = {} as Record<DataSourceName, BaseDataSource>;
    for (const [name, source] of Object.entries(DATA_SOURCES) as [
      DataSourceName,
      (typeof DATA_SOURCES)[DataSourceName],
    ][]) {
      const id = `${name}DataSource`;
      switch (source.kind) {
        case 'AMAZON_DYNAMODB': {
          const table = this.tables[source.table];
          declared[name] = this.api.addDynamoDbDataSource(id, table, { name });
          Validations.of(declared[name]).acknowledge({
            id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(table)}.Arn>/index/*]`,
            reason:
              'The indexes of its own table (CDK grants them with the table); the resolvers query them by name.',
          });
          break;
        }
        case 'AWS_LAMBDA':
          declared[name] = this.api.addLambdaDataSource(id, this.ivsControl.function, { name });
          Validations.of(declared[name]).acknowledge({
            id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(this.ivsControl.function)}.Arn>:*]`,
            reason:
              'Invoking the IvsControl function and its versions or aliases (CDK grants both); no other function.',
          });
          break;
        case 'NONE':
          declared[name] = this.api.addNoneDataSource(id, { name });
          break;
      }
    }
    return declared;
  }
}
