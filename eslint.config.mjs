// Lint rules for the whole repository. resolvers/ additionally gets AppSync's own rules, so code
// that the APPSYNC_JS runtime would reject (async, classes, for loops, try, regex, ...) fails here.
import tseslint from 'typescript-eslint';
import appsync from '@aws-appsync/eslint-plugin';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  // .amplify/: what ampx (and the amplify/ tests' synthesis) generate.
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', '.cache/**', 'coverage/**', '.amplify/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          // lint-probe.ts never exists on disk: scripts/lint-rules.test.ts lints code as if saved there.
          allowDefaultProject: [
            '*.js',
            '*.mjs',
            'scripts/*.mjs',
            'resolvers/lint-probe.ts',
            'local/lint-probe.ts',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The layers: what ships (the PWA, transwrap, the resolvers, the AWS backend and the code they
    // share) never reaches into the local stack, which stands in for AWS on one machine, or into
    // the helpers tests use. Tests, test helpers and operator tools (amplify/scripts, which can
    // check a local stack too) may.
    files: [
      'app/src/**/*.{ts,tsx}',
      'transwrap/src/**/*.ts',
      'common/src/**/*.ts',
      'resolvers/**/*.ts',
      'amplify/**/*.ts',
    ],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/testing/**', 'amplify/scripts/**', 'resolvers/scripts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@golive/local', '@golive/local/*', '**/local/src/*'],
              message:
                'Product code does not depend on the local stack: it stands in for AWS in development only.',
            },
            {
              group: ['**/testing', '**/testing/*'],
              message: 'Product code does not use test helpers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['resolvers/**/*.ts'],
    // Lambda handlers and tooling run on Node, not in APPSYNC_JS.
    ignores: [
      'resolvers/**/*.test.ts',
      'resolvers/scripts/**',
      'resolvers/src/lambda/**',
      'resolvers/src/bundle.ts',
      'resolvers/src/testing/**',
      'resolvers/src/events/**',
    ],
    ...appsync.configs.recommended,
    languageOptions: {
      ...appsync.configs.recommended.languageOptions,
      parserOptions: {
        projectService: { allowDefaultProject: ['resolvers/lint-probe.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  prettier,
);
