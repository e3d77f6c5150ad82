import { readFileSync } from 'node:fs';
import { describeError } from './common/src/graphql-client';
import { apolloClient, authFor } from './local/src/graphql/testing/api-clients';
import * as op from './local/src/graphql/testing/operations';
import { collect } from './local/src/graphql/testing/subscriptions';
const info = JSON.parse(readFileSync('/tmp/s1/local-stack.json', 'utf8'));
for (const who of ['viewer', 'service'] as const) {
const c = apolloClient(info, authFor(info, who, {}));
const s = collect<unknown>(c, op.ON_ENDPOINT_CHANGED);
s.ready.then(() => console.log('ready'));
setTimeout(() => { console.log(who, s.errors.map((e) => describeError(e))); s.stop(); c.stop(); }, 2000);
}
setTimeout(() => process.exit(0), 2500);
