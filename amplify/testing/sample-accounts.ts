/**
 * Accounts as EC2 describes them (ec2-stub.ts), shaped like the ones that break a naive
 * deployment: AZ names map to AZ IDs per account, and here the first name by order is a zone
 * CloudFront VPC origins refuse. Prefix list ids are made up; their names are AWS's.
 */
import type { StubAccount } from './ec2-stub';

const prefixLists = (region: string, n: number): StubAccount['prefixLists'] => [
  { id: `pl-${n}0a5400a`, name: `com.amazonaws.${region}.s3`, addressFamily: 'IPv4', maxEntries: 5 },
  { id: `pl-${n}2cd2c6b`, name: `com.amazonaws.${region}.dynamodb`, addressFamily: 'IPv4', maxEntries: 5 },
  {
    id: `pl-${n}b927c52`,
    name: 'com.amazonaws.global.cloudfront.origin-facing',
    addressFamily: 'IPv4',
    maxEntries: 55,
  },
  {
    id: `pl-${n}ec5d7a1`,
    name: 'com.amazonaws.global.ipv6.cloudfront.origin-facing',
    addressFamily: 'IPv6',
    maxEntries: 45,
  },
];

/** us-east-1 where "us-east-1a" is use1-az3, with a Local Zone listed too. */
export const US_EAST_1: StubAccount = {
  region: 'us-east-1',
  zones: [
    { name: 'us-east-1a', id: 'use1-az3' },
    { name: 'us-east-1b', id: 'use1-az6' },
    { name: 'us-east-1c', id: 'use1-az1' },
    { name: 'us-east-1d', id: 'use1-az2' },
    { name: 'us-east-1e', id: 'use1-az4' },
    { name: 'us-east-1f', id: 'use1-az5' },
    { name: 'us-east-1-bos-1a', id: 'use1-bos1-az1', type: 'local-zone' },
  ],
  prefixLists: prefixLists('us-east-1', 3),
};

/** us-west-1 with the two zones older accounts have there, one of which CloudFront refuses. */
export const US_WEST_1_TWO_ZONES: StubAccount = {
  region: 'us-west-1',
  zones: [
    { name: 'us-west-1a', id: 'usw1-az2' },
    { name: 'us-west-1b', id: 'usw1-az1' },
  ],
  prefixLists: prefixLists('us-west-1', 4),
};
