/** The parts of synthesized CloudFormation resources that the tests read. */

/** A value in a template: a literal, or an intrinsic ({ Ref }, { 'Fn::GetAtt' }, { 'Fn::Join' }...). */
export type CfnValue = string | number | boolean | null | CfnValue[] | { [key: string]: CfnValue };

export interface AppSyncResolver {
  TypeName: string;
  FieldName: string;
  Kind: 'UNIT' | 'PIPELINE';
  DataSourceName?: CfnValue;
  PipelineConfig?: { Functions: { 'Fn::GetAtt': [string, string] }[] };
  Runtime: { Name: string; RuntimeVersion: string };
  Code: string;
}

export interface AppSyncFunction {
  Name: string;
  DataSourceName: CfnValue;
  Runtime: { Name: string; RuntimeVersion: string };
  Code: string;
}

export interface AppSyncDataSource {
  Name: string;
  Type: string;
  DynamoDBConfig?: { TableName: CfnValue };
  LambdaConfig?: { LambdaFunctionArn: CfnValue };
}

export interface AppSyncApi {
  AuthenticationType: string;
  UserPoolConfig: { DefaultAction: string; UserPoolId: CfnValue };
  AdditionalAuthenticationProviders: { AuthenticationType: string }[];
  LogConfig: { FieldLogLevel: string; ExcludeVerboseContent: boolean };
}

export interface DynamoDbTable {
  KeySchema: { AttributeName: string; KeyType: string }[];
  GlobalSecondaryIndexes?: {
    IndexName: string;
    KeySchema: { AttributeName: string; KeyType: string }[];
    Projection: { ProjectionType: string };
  }[];
  TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
  BillingMode: string;
  PointInTimeRecoverySpecification?: { PointInTimeRecoveryEnabled: boolean };
  SSESpecification?: { SSEEnabled: boolean };
}

export interface PolicyStatement {
  Effect: string;
  Action: string | string[];
  Resource: CfnValue;
  Condition?: Record<string, Record<string, CfnValue>>;
}

export interface PolicyDocument {
  Statement: PolicyStatement[];
}

/** The text of a value, intrinsics included: enough to see what it refers to. */
export function textOf(value: CfnValue | undefined): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function asList<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}
