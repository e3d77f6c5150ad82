/**
 * `npm run verify` as a user runs it, against a real local stack (its own data folder, free
 * ports) and real transwrap processes: on a working stack every step passes and says so; when
 * the ingest is missing or dead it fails at the step that broke, says exactly what happened and
 * its likely cause, and exits non-zero. Either way it leaves nothing behind: no temporary seller
 * in the user pool, no channel in IVS.
 */
import { ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { IvsClient, ListChannelsCommand } from '@aws-sdk/client-ivs';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REGISTER_ENDPOINT, SET_ENDPOINT_STATUS } from '@golive/common/api-operations';
import { REPO_ROOT } from '@golive/common/repo-paths';
import { apolloClient, authFor, call, cognitoClient } from '@golive/local/testing/api-clients';
import { startStackProcess, type StackProcess } from '@golive/local/testing/stack-process';
import { spawnTranswrap } from '@golive/transwrap/testing/transwrap-process';

let dir: string;
let stack: StackProcess;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'golive-verify-'));
  // The stack runs no transwrap of its own: each test decides what the ingest looks like.
  stack = await startStackProcess({ dataDir: join(dir, 'data') });
}, 90_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The real command, from the repository root, on this test's stack (in its own process group). */
function startVerify() {
  const child = spawn('npm', ['run', '--silent', 'verify', '--', '--local', stack.info.dataDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Run>((resolve) =>
    child.once('close', (status) => resolve({ status, stdout, stderr })),
  );
  return {
    done,
    /** Resolves once the output has a line matching `pattern`. */
    printed: (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const check = () => pattern.test(stdout) && resolve();
        child.stdout.on('data', check);
        void done.then(() => reject(new Error(`verify ended without printing ${pattern}:\n${stdout}`)));
        check();
      }),
    /** Ctrl-C in a terminal: SIGINT to the whole process group (npm and the script). */
    interrupt: () => process.kill(-child.pid!, 'SIGINT'),
  };
}

const verify = () => startVerify().done;

/** What a run could leave behind: temporary sellers in the pool, channels in IVS. */
async function leftovers(): Promise<{ sellers: string[]; ivsChannels: number }> {
  const { info } = stack;
  const cognito = cognitoClient(info);
  const ivs = new IvsClient({
    endpoint: info.ivs.endpoint,
    region: info.region,
    credentials: info.credentials,
  });
  try {
    const { Users = [] } = await cognito.send(new ListUsersCommand({ UserPoolId: info.cognito.userPoolId }));
    const { channels = [] } = await ivs.send(new ListChannelsCommand({}));
    return {
      sellers: Users.map((user) => user.Username ?? '').filter((name) => name.startsWith('golive-verify-')),
      ivsChannels: channels.length,
    };
  } finally {
    cognito.destroy();
    ivs.destroy();
  }
}

/** Marks an endpoint STOPPED, as ECS's task-stopped event does in AWS, so no later ticket names it. */
async function stopped(id: string): Promise<void> {
  const service = apolloClient(stack.info, authFor(stack.info, 'service', {}));
  const { errors } = await call(service, SET_ENDPOINT_STATUS, { id, status: 'STOPPED' });
  service.stop();
  expect(errors).toEqual([]);
}

const line = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm');

test('on a working stack every step passes, each with its check mark, and nothing is left behind', async () => {
  const before = await leftovers();
  const transwrap = await spawnTranswrap(stack.info);
  let run: Run;
  try {
    run = await verify();
  } finally {
    await transwrap.stop();
  }
  expect(run.stderr).toBe('');
  for (const step of [
    'create a temporary seller',
    'sign in as the seller, as the PWA does',
    'create a channel',
    "subscribe to the channel's status, as viewers do",
    'get a ticket (startBroadcast): ws://127.0.0.1:',
    'open the ingest WebSocket',
    'transwrap accepts the ticket',
    'see LIVE on onChannelStatus',
    'fetch the playback playlist',
    'fetch a playback segment',
    'publish a 15 s FFmpeg test pattern',
    'stop the broadcast: transwrap closed 1000',
    'see OFFLINE on onChannelStatus',
    'delete the channel',
    'delete the temporary seller',
  ])
    expect(run.stdout).toMatch(line(`✓ ${step}`));
  expect(run.stdout).not.toMatch(/^[✗-] /m);
  expect(run.stdout).toMatch(/verify passed/);
  expect(run.status).toBe(0);
  expect(await leftovers()).toEqual(before);
}, 180_000);

test('with no transwrap running it stops at the ticket, says why, and still cleans up', async () => {
  const before = await leftovers();
  const run = await verify();
  expect(run.stdout).toMatch(
    line('✗ get a ticket (startBroadcast): GraphQL error NoEndpointAvailable: No ingest endpoint can take'),
  );
  expect(run.stdout).toMatch(/^ {4}likely cause: no transwrap task is registered ACTIVE/m);
  expect(run.stdout).toMatch(line('- open the ingest WebSocket: skipped (an earlier step failed)'));
  expect(run.stdout).toMatch(line('✓ delete the channel'));
  expect(run.stdout).toMatch(line('✓ delete the temporary seller'));
  expect(run.status).toBe(1);
  expect(await leftovers()).toEqual(before);
}, 120_000);

test('when the transwrap the ticket names has crashed it says the ingest refused the connection', async () => {
  const before = await leftovers();
  // A crashed instance: killed at once, its endpoint still ACTIVE until its heartbeat is stale.
  const crashed = await spawnTranswrap(stack.info);
  await crashed.stop('SIGKILL');
  let run: Run;
  try {
    run = await verify();
  } finally {
    await stopped(crashed.id);
  }
  expect(run.stdout).toMatch(line(`✓ get a ticket (startBroadcast): ${crashed.url}`));
  expect(run.stdout).toMatch(line(`✗ open the ingest WebSocket: ${crashed.url}: connect ECONNREFUSED`));
  expect(run.stdout).toMatch(/^ {4}likely cause: nothing listens at the ingest URL/m);
  expect(run.stdout).toMatch(line('✓ delete the channel'));
  expect(run.stdout).toMatch(line('✓ delete the temporary seller'));
  expect(run.status).toBe(1);
  expect(await leftovers()).toEqual(before);
}, 120_000);

test('Ctrl-C in the middle of the broadcast stops the checks and still deletes what the run created', async () => {
  const before = await leftovers();
  const transwrap = await spawnTranswrap(stack.info);
  let run: Run;
  try {
    const running = startVerify();
    await running.printed(line('✓ see LIVE on onChannelStatus'));
    running.interrupt();
    run = await running.done;
  } finally {
    await transwrap.stop();
  }
  expect(run.stdout).toMatch(line('SIGINT: stopping; deleting what this run created first.'));
  expect(run.stdout).toMatch(/^✗ [^\n]+: interrupted$/m);
  // The channel was live at IVS, which refuses to delete a live channel: verify stops it first.
  expect(run.stdout).toMatch(line('✓ delete the channel'));
  expect(run.stdout).toMatch(line('✓ delete the temporary seller'));
  expect(run.stdout).toMatch(line('verify interrupted'));
  // npm itself dies of the SIGINT (no status); the script finishes its clean-up regardless.
  expect(run.status).not.toBe(0);
  expect(await leftovers()).toEqual(before);
}, 180_000);

test('when CloudFront cannot reach the ALB (504 from CloudFront) it says the ALB does not admit CloudFront', async () => {
  const before = await leftovers();
  // CloudFront in front of an ALB that drops its traffic: the handshake waits, then CloudFront
  // answers 504 itself, with the headers it always adds.
  const cloudFront = createServer();
  cloudFront.on('upgrade', (_request, socket) =>
    socket.end(
      [
        'HTTP/1.1 504 Gateway Timeout',
        'Server: CloudFront',
        'Content-Type: text/html',
        'Content-Length: 0',
        'X-Cache: Error from cloudfront',
        'Via: 1.1 0123456789abcdef.cloudfront.net (CloudFront)',
        'X-Amz-Cf-Pop: IAD89-C1',
        'X-Amz-Cf-Id: Xn2p0cG6Qm5lZ8bd6u1yVYyH1i0nqf8s1bq0RZy3mU7Hq2zVx1a9Aw==',
        '',
        '',
      ].join('\r\n'),
    ),
  );
  await new Promise<void>((resolve) => cloudFront.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(cloudFront.address() as AddressInfo).port}/ingest`;
  // The tasks behind it registered that URL, as transwrap tasks behind CloudFront do.
  const id = `tw-behind-cloudfront-${process.pid}`;
  const service = apolloClient(stack.info, authFor(stack.info, 'service', {}));
  const registered = await call(service, REGISTER_ENDPOINT, {
    input: { id, url, region: stack.info.region, capacity: 10, status: 'ACTIVE' },
  });
  service.stop();
  expect(registered.errors).toEqual([]);
  let run: Run;
  try {
    run = await verify();
  } finally {
    await stopped(id);
    cloudFront.close();
  }
  expect(run.stdout).toMatch(
    line(`✗ open the ingest WebSocket: handshake answered HTTP 504 by CloudFront at ${url}`),
  );
  expect(run.stdout).toMatch(
    /^ {4}likely cause: the ALB does not admit CloudFront: its security group must allow the managed prefix list com\.amazonaws\.global\.cloudfront\.origin-facing/m,
  );
  expect(run.stdout).toMatch(line('✓ delete the channel'));
  expect(run.stdout).toMatch(line('✓ delete the temporary seller'));
  expect(run.status).toBe(1);
  expect(await leftovers()).toEqual(before);
}, 120_000);
