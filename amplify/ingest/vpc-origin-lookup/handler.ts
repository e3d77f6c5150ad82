/**
 * The VPC origin lookup's Lambda (a CloudFormation custom resource behind CDK's Provider framework):
 * at deploy time, in the deploying account and region, which Availability Zones the VPC may use
 * and which prefix list is CloudFront's origin-facing one (what: ../vpc-origin-requirements.ts).
 * Nothing to undo on delete: it only reads.
 */
import {
  DescribeAvailabilityZonesCommand,
  DescribeManagedPrefixListsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { zonesForVpcOrigin } from '../vpc-origin-requirements';

/** What the custom resource is given (all strings: CloudFormation passes properties as text). */
export interface LookupProperties {
  PrefixListName: string;
  UnsupportedZoneIds: string[];
}

/** What the stack reads with Fn::GetAtt. */
export interface LookupData {
  [attribute: string]: string;
  AvailabilityZone1: string;
  AvailabilityZone2: string;
  /** The chosen zones' IDs, for the record (CloudFormation events show them). */
  AvailabilityZoneIds: string;
  CloudFrontPrefixListId: string;
}

export interface LookupEvent {
  RequestType: 'Create' | 'Update' | 'Delete';
  PhysicalResourceId?: string;
  ResourceProperties: LookupProperties & { ServiceToken?: string };
}

const PHYSICAL_ID = 'golive-vpc-origin-lookup';

export function createLookup(ec2: EC2Client, region: string) {
  async function prefixListId(name: string): Promise<string> {
    const { PrefixLists = [] } = await ec2.send(
      new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: [name] }] }),
    );
    const ids = PrefixLists.flatMap((list) =>
      list.PrefixListName === name && list.PrefixListId ? [list.PrefixListId] : [],
    );
    if (ids.length !== 1)
      throw new Error(`${region} has ${ids.length} managed prefix lists named ${name}, not one`);
    return ids[0]!;
  }

  return async function onEvent(
    event: LookupEvent,
  ): Promise<{ PhysicalResourceId: string; Data?: LookupData }> {
    if (event.RequestType === 'Delete')
      return { PhysicalResourceId: event.PhysicalResourceId ?? PHYSICAL_ID };
    const { PrefixListName, UnsupportedZoneIds } = event.ResourceProperties;
    const { AvailabilityZones = [] } = await ec2.send(
      new DescribeAvailabilityZonesCommand({
        Filters: [{ Name: 'zone-type', Values: ['availability-zone'] }],
      }),
    );
    const zones = zonesForVpcOrigin(AvailabilityZones, region, UnsupportedZoneIds);
    return {
      PhysicalResourceId: PHYSICAL_ID,
      Data: {
        AvailabilityZone1: zones.names[0]!,
        AvailabilityZone2: zones.names[1]!,
        AvailabilityZoneIds: zones.ids.join(','),
        CloudFrontPrefixListId: await prefixListId(PrefixListName),
      },
    };
  };
}

/** The Lambda entry point: region and credentials come from the function's environment. */
let deployed: ReturnType<typeof createLookup> | undefined;
export function handler(event: LookupEvent) {
  deployed ??= createLookup(new EC2Client({}), process.env.AWS_REGION ?? '');
  return deployed(event);
}
