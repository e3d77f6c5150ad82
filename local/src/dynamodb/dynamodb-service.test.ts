/**
 * The local DynamoDB lets in only the stack's credentials, as DynamoDB lets in only a known key
 * signing correctly: made-up keys, a known key id with the wrong secret and unsigned requests get
 * DynamoDB's own errors and read nothing. Oversized bodies are refused before they are read.
 * Against a stack's real DynamoDB process, with the AWS SDK an attacker would use.
 */
import {
  DynamoDBClient,
  ListTablesCommand,
  ScanCommand,
  type DynamoDBServiceException,
} from '@aws-sdk/client-dynamodb';
import * as op from '@golive/common/api-operations';
import { randomBytes } from 'node:crypto';
import { call } from '../testing/api-clients';
import { useApiStack } from '../testing/api-stack';
import { brokenOffPost, hugePost } from '../process/testing/hostile-uploads';
import { serviceProcess } from '../testing/service-pids';
import { stillRunning } from '../testing/process-tree';
import { tableNameOf } from './ensure-tables';

const api = useApiStack('dynamodb-auth');
const HUGE = 700 * 1024 * 1024;

function dynamodb(credentials: { accessKeyId: string; secretAccessKey: string }) {
  const { info } = api.stack;
  return new DynamoDBClient({
    endpoint: info.dynamodb.endpoint,
    region: info.region,
    credentials,
    maxAttempts: 1,
  });
}

/** What the SDK reports for a refused call: DynamoDB's error type, HTTP status and message. */
async function refusal(client: DynamoDBClient, tableName: string) {
  try {
    const { Items } = await client.send(new ScanCommand({ TableName: tableName }));
    return { read: Items };
  } catch (error) {
    const { name, message, $metadata } = error as DynamoDBServiceException;
    return { name, status: $metadata.httpStatusCode, message };
  } finally {
    client.destroy();
  }
}

beforeAll(async () => {
  // Something worth stealing: a live channel row.
  await call(api.who.clients.seller, op.CREATE_CHANNEL, { name: 'Worth stealing' });
});

test.each(['channels', 'tickets', 'endpoints'] as const)(
  'made-up keys cannot read %s: UnrecognizedClientException, 400',
  async (table) => {
    const attacker = dynamodb({
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: randomBytes(30).toString('base64'),
    });
    expect(await refusal(attacker, tableNameOf(table))).toEqual({
      name: 'UnrecognizedClientException',
      status: 400,
      message: 'The security token included in the request is invalid.',
    });
  },
);

test("the stack's key id with a guessed secret: InvalidSignatureException, 400", async () => {
  const { accessKeyId } = api.stack.info.credentials;
  const attacker = dynamodb({ accessKeyId, secretAccessKey: 'guessed' });
  expect(await refusal(attacker, tableNameOf('channels'))).toMatchObject({
    name: 'InvalidSignatureException',
    status: 400,
    message: expect.stringMatching(/^The request signature we calculated does not match/) as unknown,
  });
});

test('an unsigned request: MissingAuthenticationTokenException, 400', async () => {
  const response = await fetch(api.stack.info.dynamodb.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' },
    body: '{}',
  });
  expect(response.status).toBe(400);
  expect(await response.json()).toEqual({
    __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
    message: 'Request is missing Authentication Token',
  });
});

test("the stack's own credentials read the tables", async () => {
  const own = dynamodb({ ...api.stack.info.credentials });
  const { Items } = await own.send(new ScanCommand({ TableName: tableNameOf('channels') }));
  expect(Items?.map((item) => item.name?.S)).toContain('Worth stealing');
  own.destroy();
});

test.each([
  ['declared by its Content-Length', false],
  ['streamed without a length', true],
])(
  'a 700 MB body %s is refused with 413 before it is read, and DynamoDB carries on',
  async (_how, chunked) => {
    const dynamodbProcess = serviceProcess(api.stack.pid, 'dynamodb');
    const result = await hugePost(`${api.stack.info.dynamodb.endpoint}/`, HUGE, { chunked });
    expect(stillRunning([dynamodbProcess])).toEqual([dynamodbProcess]);
    expect(result.status).toBe(413);
    expect(result.sentBeforeAnswer).toBeLessThan(HUGE / 10);
    const own = dynamodb({ ...api.stack.info.credentials });
    const { TableNames } = await own.send(new ListTablesCommand({}));
    expect(TableNames).toContain(tableNameOf('channels'));
    own.destroy();
  },
);

test('a POST that breaks off mid-body is dropped, and DynamoDB carries on', async () => {
  const dynamodbProcess = serviceProcess(api.stack.pid, 'dynamodb');
  await brokenOffPost(`${api.stack.info.dynamodb.endpoint}/`);
  const own = dynamodb({ ...api.stack.info.credentials });
  const { TableNames } = await own.send(new ListTablesCommand({}));
  expect(TableNames).toContain(tableNameOf('channels'));
  own.destroy();
  expect(stillRunning([dynamodbProcess])).toEqual([dynamodbProcess]);
});
