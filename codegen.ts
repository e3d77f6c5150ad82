/**
 * TypeScript types generated from schema.graphql (`npm run codegen`), so code that shares the API's
 * shapes (resolvers, transwrap, the PWA) never retypes them. scripts/codegen.test.ts fails when the
 * committed file is out of date.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const STRING_SCALARS = [
  'AWSDate',
  'AWSTime',
  'AWSDateTime',
  'AWSEmail',
  'AWSJSON',
  'AWSURL',
  'AWSPhone',
  'AWSIPAddress',
];

const config: CodegenConfig = {
  schema: ['schema.graphql', 'local/src/graphql/schema/aws-appsync.graphql'],
  generates: {
    'common/src/generated/schema-types.ts': {
      plugins: ['typescript'],
      config: {
        // String unions, not TS enums: APPSYNC_JS code can use them without runtime objects.
        enumsAsTypes: true,
        scalars: {
          ...Object.fromEntries(STRING_SCALARS.map((name) => [name, 'string'])),
          AWSTimestamp: 'number',
        },
        skipTypename: true,
      },
    },
  },
};

export default config;
