/** IAM access to the API field by field: services get exactly the root fields they call. */
import type { IGraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { Effect, PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { RootField } from './schema';

/** One statement: appsync:GraphQL on each field's ARN, nothing else. */
export function allowFields(api: IGraphqlApi, grantee: IGrantable, fields: RootField[]): void {
  const arns = fields.map(({ typeName, fieldName }) => `${api.arn}/types/${typeName}/fields/${fieldName}`);
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['appsync:GraphQL'],
      resources: [...new Set(arns)],
    }),
  );
}
