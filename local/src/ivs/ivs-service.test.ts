/**
 * The local IVS process against what an attacker on this machine would try: bodies it must not
 * read, request targets that are not URLs, and `ps` while a channel is live. It answers with a 4xx
 * and lives on, and no stream key is on any of its processes' command lines.
 */
import { CreateChannelCommand, IvsClient, ListChannelsCommand } from '@aws-sdk/client-ivs';
import { publishTestStream } from '@golive/common/testing/test-publisher';
import { poll } from '@golive/common/testing/poll';
import { request } from 'node:http';
import { useApiStack } from '../testing/api-stack';
import { brokenOffPost, hugePost } from '../process/testing/hostile-uploads';
import { commandLine, serviceProcess } from '../testing/service-pids';
import { descendantsOf, stillRunning } from '../testing/process-tree';

const api = useApiStack('ivs-service');
const HUGE = 700 * 1024 * 1024;

function ivsClient() {
  const { info } = api.stack;
  return new IvsClient({
    endpoint: info.ivs.endpoint,
    region: info.region,
    credentials: { ...info.credentials },
  });
}

/** IVS still answers its API, from the same process as before. */
async function stillServing(ivsProcess: ReturnType<typeof serviceProcess>) {
  expect(stillRunning([ivsProcess])).toEqual([ivsProcess]);
  const ivs = ivsClient();
  await expect(ivs.send(new ListChannelsCommand({}))).resolves.toHaveProperty('channels');
  ivs.destroy();
}

/** Sends a request line as written, bypassing URL parsing on this side, and returns the status. */
function rawRequest(method: string, target: string): Promise<number> {
  const { endpoint } = api.stack.info.ivs;
  return new Promise((resolve, reject) => {
    const outgoing = request(`${endpoint}/`, { method, path: target }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

test.each([
  ['declared by its Content-Length', false],
  ['streamed without a length', true],
])('an unsigned 700 MB POST %s gets 413 before it is read, and IVS lives on', async (_how, chunked) => {
  const ivsProcess = serviceProcess(api.stack.pid, 'ivs');
  const result = await hugePost(`${api.stack.info.ivs.endpoint}/CreateChannel`, HUGE, { chunked });
  await stillServing(ivsProcess);
  expect(result.status).toBe(413);
  expect(result.sentBeforeAnswer).toBeLessThan(HUGE / 10);
});

test('a POST that breaks off mid-body is dropped, and IVS lives on', async () => {
  const ivsProcess = serviceProcess(api.stack.pid, 'ivs');
  await brokenOffPost(`${api.stack.info.ivs.endpoint}/CreateChannel`);
  await stillServing(ivsProcess);
});

test.each([
  ['GET', '//['],
  ['GET', '/api/video/v1/%'],
  ['POST', '/%'],
  ['POST', '//['],
])('%s %s (not a URL path) gets a 4xx, and IVS lives on', async (method, target) => {
  const ivsProcess = serviceProcess(api.stack.pid, 'ivs');
  const status = await rawRequest(method, target);
  expect(status).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
  await stillServing(ivsProcess);
});

test("while a channel is live, its stream key is on no command line of IVS's processes", async () => {
  const ivs = ivsClient();
  const { channel, streamKey } = await ivs.send(new CreateChannelCommand({ name: 'ps-proof' }));
  ivs.destroy();
  const key = streamKey!.value!;
  const publisher = publishTestStream(`${api.stack.info.ivs.rtmpUrl}${key}`, { seconds: 60 });
  try {
    // The packager writes the playlist: from then on it is running, playing the stream back.
    await poll(
      () => `the channel's playlist; the publisher said: ${publisher.stderr()}`,
      async () => ((await fetch(channel!.playbackUrl!)).ok ? true : undefined),
      30_000,
    );
    const ivsProcess = serviceProcess(api.stack.pid, 'ivs');
    const processes = [ivsProcess, ...descendantsOf(ivsProcess.pid)];
    const packager = processes.find((entry) => entry.command === 'ffmpeg');
    expect(packager).toBeDefined();
    for (const { pid } of processes) expect(commandLine(pid)).not.toContain(key);
  } finally {
    publisher.stop();
  }
});
