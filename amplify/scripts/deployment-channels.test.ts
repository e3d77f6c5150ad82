/**
 * `npm run destroy` deletes the IVS channels its deployment created and no one else's, across
 * pages of channels, and a second run finds nothing left. Against the local IVS control plane,
 * through the same IVS client the scripts use in AWS.
 */
import { CreateChannelCommand, ListChannelsCommand, type IvsClient } from '@aws-sdk/client-ivs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestControlPlane, type TestControlPlane } from '@golive/local/ivs/testing/control-plane-server';
import { createIvsControl, DEPLOYMENT_TAG } from '@golive/resolvers/lambda/ivs-control';
import { deleteDeploymentChannels } from './deployment-channels';

let dir: string;
let plane: TestControlPlane;
let ivs: IvsClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'golive-ivs-'));
  plane = await startTestControlPlane(dir, 'eu-west-1');
  ivs = plane.ivs;
});
afterAll(async () => {
  await plane?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function createChannel(name: string, deployment?: string) {
  await ivs.send(
    new CreateChannelCommand({
      name,
      tags: { app: 'golive', ...(deployment ? { [DEPLOYMENT_TAG]: deployment } : {}) },
    }),
  );
}

async function channelNames(): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ivs.send(new ListChannelsCommand({ nextToken }));
    names.push(...(page.channels ?? []).map((c) => c.name!));
    nextToken = page.nextToken;
  } while (nextToken);
  return names.sort();
}

test('deletes exactly the channels tagged with the deployment, on every page', async () => {
  // More than one page of ListChannels (100), ours spread among them.
  for (let i = 0; i < 105; i++)
    await createChannel(`other-${String(i).padStart(3, '0')}`, i % 2 ? 'another-deployment' : undefined);
  for (let i = 0; i < 3; i++) await createChannel(`ours-${i}`, 'amplify-golive-main-branch-0123456789');

  const log: string[] = [];
  const deleted = await deleteDeploymentChannels(
    ivs,
    'amplify-golive-main-branch-0123456789',
    (line) => log.push(line),
    10,
  );

  expect(deleted).toBe(3);
  expect(log).toEqual([
    'Deleted IVS channel ours-0',
    'Deleted IVS channel ours-1',
    'Deleted IVS channel ours-2',
  ]);
  const left = await channelNames();
  expect(left).toHaveLength(105);
  expect(left.some((name) => name.startsWith('ours-'))).toBe(false);
  // Run again (an interrupted destroy): nothing more to do.
  expect(
    await deleteDeploymentChannels(ivs, 'amplify-golive-main-branch-0123456789', () => undefined, 10),
  ).toBe(0);
}, 60_000);

test('finds the channels the IvsControl Lambda created for that deployment', async () => {
  // What createChannel does in AWS, with the deployment id the Lambda gets from its environment.
  const deployedLambda = createIvsControl(ivs, 'amplify-golive-tester-sandbox-abcdef0123');
  const localStack = createIvsControl(ivs);
  await deployedLambda({ action: 'createChannel', name: 'Show', owner: 'seller-1' });
  await localStack({ action: 'createChannel', name: 'Show', owner: 'seller-2' });

  const deleted = await deleteDeploymentChannels(
    ivs,
    'amplify-golive-tester-sandbox-abcdef0123',
    () => undefined,
    10,
  );

  expect(deleted).toBe(1);
  const left = await channelNames();
  expect(left).toContain('golive-seller-2');
  expect(left).not.toContain('golive-seller-1');
});
