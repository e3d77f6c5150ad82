/**
 * What the ingest stack's network becomes when CloudFormation deploys it in a given account: the
 * VPC origin lookup (its real handler, against ec2-stub.ts) answers its Fn::GetAtt attributes, and
 * Fn::GetAZs is the account's zone names, so the tests read AZ names and prefix list ids as AWS
 * would see them, whichever way the template gets them.
 */
import type { Server } from 'node:http';
import { EC2Client } from '@aws-sdk/client-ec2';
import { createLookup, type LookupData, type LookupProperties } from '../ingest/vpc-origin-lookup/handler';
import type { CfnValue } from './cfn-shapes';
import { startEc2Stub, type StubAccount } from './ec2-stub';
import { resourcesOfType, type CfnTemplate } from './synthesize';

export interface DeployedNetwork {
  /** A template value with its deploy-time parts (GetAtt of the lookup, GetAZs, Select) resolved. */
  resolve(value: CfnValue | undefined): string;
  /** The account's AZ ID for one of its AZ names. */
  zoneIdOf(name: string): string;
}

export async function deployNetwork(template: CfnTemplate, account: StubAccount): Promise<DeployedNetwork> {
  const attributes = new Map<string, LookupData>();
  const lookups = resourcesOfType<LookupProperties>(template, 'Custom::VpcOriginLookup');
  if (Object.keys(lookups).length > 0) {
    let server: Server | undefined;
    try {
      const stub = await startEc2Stub(account);
      server = stub.server;
      const ec2 = new EC2Client({
        region: account.region,
        endpoint: stub.url,
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' },
      });
      for (const [logicalId, resource] of Object.entries(lookups)) {
        const { Data } = await createLookup(
          ec2,
          account.region,
        )({
          RequestType: 'Create',
          ResourceProperties: resource.Properties,
        });
        attributes.set(logicalId, Data!);
      }
    } finally {
      server?.close();
    }
  }
  const names = account.zones
    .filter((zone) => (zone.type ?? 'availability-zone') === 'availability-zone')
    .map((zone) => zone.name)
    .sort();

  function resolveList(value: CfnValue | undefined): string[] {
    if (value && typeof value === 'object' && !Array.isArray(value) && 'Fn::GetAZs' in value) return names;
    if (Array.isArray(value)) return value.map(resolve);
    throw new Error(`Not a list this stand-in resolves: ${JSON.stringify(value)}`);
  }

  function resolve(value: CfnValue | undefined): string {
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const getAtt = value['Fn::GetAtt'];
      if (Array.isArray(getAtt)) {
        const [logicalId, attribute] = getAtt as [string, string];
        const found = attributes.get(logicalId)?.[attribute];
        if (found !== undefined) return found;
      }
      const select = value['Fn::Select'];
      if (Array.isArray(select)) return resolveList(select[1])[Number(select[0])]!;
    }
    throw new Error(`Not a value this stand-in resolves: ${JSON.stringify(value)}`);
  }

  return {
    resolve,
    zoneIdOf(name) {
      const zone = account.zones.find((z) => z.name === name);
      if (!zone) throw new Error(`${account.region} has no zone named ${name} in this account`);
      return zone.id;
    },
  };
}
