/** On Fargate the endpoint id is the task id from the task metadata endpoint; elsewhere there is none. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ecsTaskId } from './ecs-task';

async function metadataServer(body: unknown, status = 200) {
  const server = createServer((request, response) => {
    if (request.url !== '/v4/abc/task') return response.writeHead(404).end();
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { uri: `http://127.0.0.1:${port}/v4/abc`, close: () => server.close() };
}

test('the task id is the last part of the task ARN', async () => {
  const metadata = await metadataServer({
    Cluster: 'arn:aws:ecs:eu-west-1:123456789012:cluster/golive',
    TaskARN: 'arn:aws:ecs:eu-west-1:123456789012:task/golive/0123456789abcdef0123456789abcdef',
  });
  try {
    expect(await ecsTaskId({ ECS_CONTAINER_METADATA_URI_V4: metadata.uri })).toBe(
      '0123456789abcdef0123456789abcdef',
    );
  } finally {
    metadata.close();
  }
});

test('off ECS there is no task id; a broken metadata endpoint is an error, not a random id', async () => {
  expect(await ecsTaskId({})).toBeUndefined();
  const metadata = await metadataServer({}, 500);
  try {
    await expect(ecsTaskId({ ECS_CONTAINER_METADATA_URI_V4: metadata.uri })).rejects.toThrow(/HTTP 500/);
  } finally {
    metadata.close();
  }
});
