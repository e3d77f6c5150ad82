// One Jest run covers every workspace; tests sit next to the code they specify.
/** @type {import('jest').Config} */
// AWS SDK releases after January 2027 want Node 22; this machine has Node 20 (see local/src/main.ts).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.data/', '/.cache/', '/dist/'],
  modulePathIgnorePatterns: ['<rootDir>/.data/', '<rootDir>/.cache/'],
  transform: {
    '^.+\\.tsx?$': [
      '@swc/jest',
      {
        jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true } },
        module: { type: 'commonjs' },
      },
    ],
  },
  // Integration tests start real servers, FFmpeg and Chromium; two workers match this machine's cores.
  maxWorkers: 2,
  testTimeout: 30_000,
};
