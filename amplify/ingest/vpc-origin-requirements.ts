/**
 * What CloudFront requires of a VPC origin's account and region, as AWS documents it:
 *
 * - Its traffic reaches the origin from the addresses in the AWS-managed prefix list
 *   `com.amazonaws.global.cloudfront.origin-facing` (aws-cdk-lib's aws-cloudfront-origins README,
 *   "Restrict traffic coming to the VPC origin"; CloudFront Developer Guide, "Restrict access with
 *   VPC origins"), not from the VPC's own range: the origin's security group must admit that list.
 *   Its id differs per region, so it is looked up when deploying.
 * - CloudFront refuses a VPC origin whose load balancer has a subnet in some Availability Zones,
 *   named by AZ ID because AZ names map to IDs differently in every account (CloudFront Developer
 *   Guide, "Supported AWS Regions for VPC origins").
 *
 * vpc-origin-lookup/ applies these in the deploying account; the tests hold the synthesized
 * template to them.
 */

export const CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST = 'com.amazonaws.global.cloudfront.origin-facing';

/** AZ IDs CloudFront VPC origins do not support (the same in every account). */
export const VPC_ORIGIN_UNSUPPORTED_AZ_IDS: readonly string[] = [
  'use1-az3',
  'usw1-az2',
  'apne1-az3',
  'cac1-az3',
];

/** An application load balancer needs subnets in at least two Availability Zones. */
export const BALANCER_ZONES = 2;

/** One Availability Zone as EC2 DescribeAvailabilityZones describes it. */
export interface Zone {
  ZoneName?: string;
  ZoneId?: string;
  ZoneType?: string;
  State?: string;
  OptInStatus?: string;
}

/**
 * The zones for the VPC: available Availability Zones (no Local or Wavelength Zones) that need no
 * opt-in and that CloudFront accepts, the first BALANCER_ZONES of them by name, so a redeploy in
 * the same account picks the same ones.
 */
export function zonesForVpcOrigin(
  zones: readonly Zone[],
  region: string,
  unsupportedIds: readonly string[] = VPC_ORIGIN_UNSUPPORTED_AZ_IDS,
): { names: string[]; ids: string[] } {
  const accepted = zones
    .filter(
      (zone) =>
        zone.ZoneType === 'availability-zone' &&
        zone.State === 'available' &&
        (zone.OptInStatus === undefined || zone.OptInStatus === 'opt-in-not-required') &&
        zone.ZoneName !== undefined &&
        zone.ZoneId !== undefined &&
        !unsupportedIds.includes(zone.ZoneId),
    )
    .sort((a, b) => a.ZoneName!.localeCompare(b.ZoneName!))
    .slice(0, BALANCER_ZONES);
  if (accepted.length < BALANCER_ZONES) {
    const seen = zones.map((zone) => `${zone.ZoneName} (${zone.ZoneId})`).join(', ') || 'none';
    throw new Error(
      `${region} offers this account fewer than ${BALANCER_ZONES} Availability Zones that CloudFront VPC origins accept (it has: ${seen}; not accepted: ${unsupportedIds.join(', ')}). Deploy to another region.`,
    );
  }
  return { names: accepted.map((zone) => zone.ZoneName!), ids: accepted.map((zone) => zone.ZoneId!) };
}
