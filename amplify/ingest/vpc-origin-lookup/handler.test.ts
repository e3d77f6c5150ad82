/**
 * The VPC origin lookup against an account's EC2 API (ec2-stub.ts speaks its wire protocol): the
 * zones it picks are the account's names for AZ IDs CloudFront VPC origins accept, and the prefix
 * list is CloudFront's origin-facing one, not another managed list.
 */
import type { Server } from 'node:http';
import { EC2Client } from '@aws-sdk/client-ec2';
import { startEc2Stub, type StubAccount } from '../../testing/ec2-stub';
import { US_EAST_1, US_WEST_1_TWO_ZONES } from '../../testing/sample-accounts';
import {
  CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST,
  VPC_ORIGIN_UNSUPPORTED_AZ_IDS,
} from '../vpc-origin-requirements';
import { createLookup } from './handler';

const properties = {
  PrefixListName: CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST,
  UnsupportedZoneIds: [...VPC_ORIGIN_UNSUPPORTED_AZ_IDS],
};
const servers: Server[] = [];
afterAll(() => servers.forEach((server) => server.close()));

async function lookupIn(account: StubAccount) {
  const { url, server } = await startEc2Stub(account);
  servers.push(server);
  const ec2 = new EC2Client({
    region: account.region,
    endpoint: url,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' },
  });
  return createLookup(ec2, account.region);
}

test('picks the account’s names for two zones CloudFront accepts, skipping a refused one that sorts first', async () => {
  const lookup = await lookupIn(US_EAST_1);
  const { Data } = await lookup({ RequestType: 'Create', ResourceProperties: properties });
  // us-east-1a is use1-az3 in this account; the Local Zone is no Availability Zone.
  expect(Data).toMatchObject({
    AvailabilityZone1: 'us-east-1b',
    AvailabilityZone2: 'us-east-1c',
    AvailabilityZoneIds: 'use1-az6,use1-az1',
  });
});

test('finds CloudFront’s origin-facing prefix list (IPv4) among the region’s managed lists', async () => {
  const lookup = await lookupIn(US_EAST_1);
  const { Data } = await lookup({
    RequestType: 'Update',
    PhysicalResourceId: 'x',
    ResourceProperties: properties,
  });
  const expected = US_EAST_1.prefixLists.find((list) => list.name === CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST)!;
  expect(Data?.CloudFrontPrefixListId).toBe(expected.id);
});

test('refuses, naming the zones, a region where the account has fewer than two zones CloudFront accepts', async () => {
  const lookup = await lookupIn(US_WEST_1_TWO_ZONES);
  await expect(lookup({ RequestType: 'Create', ResourceProperties: properties })).rejects.toThrow(
    /us-west-1 offers this account fewer than 2 Availability Zones that CloudFront VPC origins accept \(it has: us-west-1a \(usw1-az2\), us-west-1b \(usw1-az1\);.*Deploy to another region/,
  );
});

test('reads nothing when the stack deletes it', async () => {
  const lookup = createLookup(
    new EC2Client({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }),
    'us-east-1',
  );
  await expect(
    lookup({
      RequestType: 'Delete',
      PhysicalResourceId: 'golive-vpc-origin-lookup',
      ResourceProperties: properties,
    }),
  ).resolves.toEqual({ PhysicalResourceId: 'golive-vpc-origin-lookup' });
});
