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

const SCALARS = {
  ...Object.fromEntries(STRING_SCALARS.map((name) => [name, 'string'])),
  AWSTimestamp: 'number',
};

const config: CodegenConfig = {
  schema: ['schema.graphql', 'local/src/graphql/schema/aws-appsync.graphql'],
  generates: {
    'common/src/generated/schema-types.ts': {
      plugins: ['typescript'],
      config: {
        // String unions, not TS enums: APPSYNC_JS code can use them without runtime objects.
        enumsAsTypes: true,
        scalars: SCALARS,
        skipTypename: true,
      },
    },
    // Every client operation as a typed document: result and variables types come with it.
    'common/src/generated/operations.ts': {
      documents: ['common/src/operations.graphql'],
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        enumsAsTypes: true,
        scalars: SCALARS,
        skipTypename: true,
        useTypeImports: true,
        // Plain JSON ASTs: no graphql-tag at run time, and nothing that differs between builds.
        documentMode: 'documentNode',
      },
    },
  },
};

export default config;
