/**
 * The local stack's processes as an operator sees them: a start-up that cannot finish (a port in
 * use, a signal) stops whatever it had started; a service killed with kill -9 comes back (IVS
 * restarted on its port, transwrap replaced as ECS replaces a task); and stopping the stack
 * (SIGTERM, SIGHUP when its terminal closes, SIGTERM to `npm start` alone) leaves no process
 * running, its ports free and local-stack.json gone. SIGKILL and SIGINT: stack-data.test.ts.
 */
import { IvsClient, ListChannelsCommand } from '@aws-sdk/client-ivs';
import { REPO_ROOT } from '@golive/common/repo-paths';
import { poll, until } from '@golive/common/testing/poll';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from './process/is-alive';
import { readStackInfo, type LocalStackInfo } from './stack-info';
import { descendantsOf, stillRunning, type ProcessId } from './testing/process-tree';
import { serviceProcess } from './testing/service-pids';
import { allExited, stopLeavingNothing } from './testing/stack-exit';
import { spawnStack, startStackProcess, type StackProcess } from './testing/stack-process';

jest.setTimeout(90_000);

/** Every port the stack listens on, from what it published. */
function portsOf(info: LocalStackInfo): number[] {
  const urls = [
    info.dynamodb.endpoint,
    info.cognito.endpoint,
    info.graphql.url,
    info.ivs.endpoint,
    info.app.url,
  ];
  const ingest = [info.ivs.rtmpUrl, info.ivs.rtmpsUrl].map((url) => url.replace(/^rtmps?:/, 'http:'));
  return [...urls, ...ingest, ...info.transwrap.map((instance) => instance.url)].map((url) =>
    Number(new URL(url).port),
  );
}

/** Whether nothing listens on this port any more (it can be listened on again). */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

describe('a running stack', () => {
  let dataDir: string;
  let stack: StackProcess | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'local-stack-'));
    stack = await startStackProcess({ dataDir, env: { TRANSWRAP_INSTANCES: '1' } });
  });
  afterAll(async () => {
    await stack?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a port already in use stops another start-up with a message naming it, leaving nothing running', async () => {
    const other = mkdtempSync(join(tmpdir(), 'local-stack-busy-'));
    const port = new URL(stack!.info.dynamodb.endpoint).port;
    const busy = spawnStack({ dataDir: other, env: { DYNAMODB_PORT: port } });
    // Every process it starts, seen while it runs (a child left behind would outlive it).
    let children: ProcessId[] = [];
    await until(
      'the start-up on a busy port to exit',
      () => {
        children = [...children, ...descendantsOf(busy.child.pid!)];
        return busy.child.exitCode !== null;
      },
      30_000,
    );
    expect(await busy.exited).toBe(1);
    expect(busy.output()).toContain(`EADDRINUSE: address already in use 127.0.0.1:${port}`);
    expect(stillRunning(children)).toEqual([]);
    rmSync(other, { recursive: true, force: true });
  });

  test('a signal during start-up stops whatever had started, leaving nothing running', async () => {
    const other = mkdtempSync(join(tmpdir(), 'local-stack-early-'));
    const early = spawnStack({ dataDir: other });
    let children: ProcessId[] = [];
    await until(
      'two processes of the starting stack',
      () => {
        children = descendantsOf(early.child.pid!);
        return children.length >= 2 || early.child.exitCode !== null;
      },
      30_000,
    );
    early.child.kill('SIGTERM');
    expect(await early.exited).toBe(0);
    expect(stillRunning(children)).toEqual([]);
    expect(early.output()).toContain('Local stack stopped.');
    rmSync(other, { recursive: true, force: true });
  });

  test('kill -9 of IVS: the stack restarts it on the same port, says so, and it answers again', async () => {
    const before = serviceProcess(stack!.pid, 'ivs');
    const back = stack!.printed(/^\[ivs\] is back/);
    process.kill(before.pid, 'SIGKILL');
    await back;
    expect(stack!.output()).toContain('[ivs] exited unexpectedly (SIGKILL)');
    expect(serviceProcess(stack!.pid, 'ivs').pid).not.toBe(before.pid);
    const { info } = stack!;
    const ivs = new IvsClient({
      endpoint: info.ivs.endpoint,
      region: info.region,
      credentials: { ...info.credentials },
    });
    await expect(ivs.send(new ListChannelsCommand({}))).resolves.toHaveProperty('channels');
    ivs.destroy();
  });

  test('kill -9 of transwrap: a replacement task takes over, and local-stack.json names it', async () => {
    const [before] = stack!.info.transwrap;
    const back = stack!.printed(/^\[transwrap-1\] is back/);
    process.kill(before!.pid, 'SIGKILL');
    await back;
    const [after] = readStackInfo(dataDir)!.transwrap;
    // As ECS replaces a task: a new task id, its own address.
    expect(after!.id).toBe('tw-local-1-2');
    expect(after!.pid).not.toBe(before!.pid);
    expect(isAlive(after!.pid)).toBe(true);
    expect((await fetch(after!.healthUrl)).ok).toBe(true);
    stack!.info.transwrap[0] = after!;
  });

  test('stops on SIGTERM with no process left running, its ports free and local-stack.json gone', async () => {
    // The six services: dynamodb, cognito, ivs, graphql, transwrap, app (tsx may also run an esbuild helper).
    const services = descendantsOf(stack!.pid).filter((e) => e.ppid === stack!.pid && e.command === 'node');
    expect(services).toHaveLength(6);
    await stopLeavingNothing(stack!, 'SIGTERM');
    for (const port of portsOf(stack!.info))
      expect({ port, free: await isFree(port) }).toEqual({ port, free: true });
    expect(stack!.output()).toContain('Local stack stopped.');
    expect(readStackInfo(dataDir)).toBeUndefined();
    stack = undefined;
  });
});

describe('stopped from outside', () => {
  let outside: string;
  beforeEach(() => {
    outside = mkdtempSync(join(tmpdir(), 'local-stack-outside-'));
  });
  afterEach(() => rmSync(outside, { recursive: true, force: true }));

  test('SIGHUP (its terminal closed) stops it cleanly: no process left, local-stack.json gone', async () => {
    const running = await startStackProcess({ dataDir: outside });
    const children = descendantsOf(running.pid);
    expect(await running.stop('SIGHUP')).toBe(0);
    await allExited(children);
    expect(running.output()).toContain('Local stack stopped.');
    expect(readStackInfo(outside)).toBeUndefined();
  });

  test('SIGTERM to `npm start` alone, as a process manager or an IDE sends it, stops the whole stack and frees its ports', async () => {
    const zero = ['DYNAMODB', 'COGNITO', 'GRAPHQL', 'IVS', 'IVS_RTMP', 'IVS_RTMPS', 'TRANSWRAP', 'APP'];
    // Without its pre-script (which installs and builds): the start script itself, as npm runs it.
    const npm = spawn('npm', ['start', '--ignore-scripts'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        LOCAL_DATA_DIR: outside,
        TRANSWRAP_INSTANCES: '1',
        ...Object.fromEntries(zero.map((service) => [`${service}_PORT`, '0'])),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    for (const stream of [npm.stdout, npm.stderr])
      stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const info = await poll(
      () => `local-stack.json from \`npm start\`; it printed:\n${output}`,
      () => {
        if (npm.exitCode !== null) throw new Error(`npm start exited (${npm.exitCode}):\n${output}`);
        return readStackInfo(outside);
      },
      60_000,
    );
    const processes = descendantsOf(npm.pid!);
    expect(processes.map((entry) => entry.pid)).toContain(info.pid);

    npm.kill('SIGTERM');
    try {
      await allExited(processes);
      for (const port of portsOf(info))
        expect({ port, free: await isFree(port) }).toEqual({ port, free: true });
      expect(readStackInfo(outside)).toBeUndefined();
    } finally {
      // A stack left running by a failure here would outlive the test run: its services follow it.
      for (const { pid } of stillRunning(processes)) if (pid === info.pid) process.kill(pid, 'SIGKILL');
    }
  });
});
