/**
 * A stand-in for one account's EC2 API in one region (AWS cannot run here) that speaks its real
 * wire protocol (EC2 Query: form-encoded POST in, XML out), for the two calls the VPC origin lookup
 * makes: DescribeAvailabilityZones and DescribeManagedPrefixLists, filters included. So the real
 * @aws-sdk/client-ec2 and the lookup's handler are what run.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubZone {
  name: string;
  id: string;
  type?: 'availability-zone' | 'local-zone' | 'wavelength-zone';
  state?: 'available' | 'impaired';
}

export interface StubPrefixList {
  id: string;
  name: string;
  addressFamily: 'IPv4' | 'IPv6';
  maxEntries: number;
}

export interface StubAccount {
  region: string;
  zones: StubZone[];
  prefixLists: StubPrefixList[];
}

const xml = (text: string | number) =>
  String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

class Ec2Error extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Filter.N.Name / Filter.N.Value.M, as the SDK encodes a Filters list. */
function filtersOf(form: URLSearchParams): Map<string, string[]> {
  const filters = new Map<string, string[]>();
  for (let n = 1; form.has(`Filter.${n}.Name`); n++) {
    const values: string[] = [];
    for (let m = 1; form.has(`Filter.${n}.Value.${m}`); m++) values.push(form.get(`Filter.${n}.Value.${m}`)!);
    filters.set(form.get(`Filter.${n}.Name`)!, values);
  }
  return filters;
}

function matching<T>(
  items: T[],
  filters: Map<string, string[]>,
  fields: Record<string, (item: T) => string>,
): T[] {
  for (const name of filters.keys()) {
    if (!fields[name]) throw new Ec2Error('InvalidParameterValue', `The filter '${name}' is invalid`);
  }
  return items.filter((item) => [...filters].every(([name, values]) => values.includes(fields[name]!(item))));
}

function respond(action: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>00000000-0000-0000-0000-000000000000</requestId>${body}</${action}Response>`;
}

function answer(account: StubAccount, form: URLSearchParams): string {
  const action = form.get('Action');
  const filters = filtersOf(form);
  switch (action) {
    case 'DescribeAvailabilityZones': {
      const zones = matching(account.zones, filters, {
        'zone-name': (zone) => zone.name,
        'zone-id': (zone) => zone.id,
        'zone-type': (zone) => zone.type ?? 'availability-zone',
        state: (zone) => zone.state ?? 'available',
        'region-name': () => account.region,
      });
      const items = zones
        .map(
          (zone) =>
            `<item><zoneState>${zone.state ?? 'available'}</zoneState><optInStatus>opt-in-not-required</optInStatus><messageSet/><regionName>${xml(account.region)}</regionName><zoneName>${xml(zone.name)}</zoneName><zoneId>${xml(zone.id)}</zoneId><groupName>${xml(account.region)}</groupName><networkBorderGroup>${xml(account.region)}</networkBorderGroup><zoneType>${zone.type ?? 'availability-zone'}</zoneType></item>`,
        )
        .join('');
      return respond(action, `<availabilityZoneInfo>${items}</availabilityZoneInfo>`);
    }
    case 'DescribeManagedPrefixLists': {
      const lists = matching(account.prefixLists, filters, {
        'prefix-list-name': (list) => list.name,
        'prefix-list-id': (list) => list.id,
        'owner-id': () => 'AWS',
      });
      const items = lists
        .map(
          (list) =>
            `<item><prefixListId>${xml(list.id)}</prefixListId><addressFamily>${list.addressFamily}</addressFamily><state>create-complete</state><prefixListArn>arn:aws:ec2:${xml(account.region)}:aws:prefix-list/${xml(list.id)}</prefixListArn><prefixListName>${xml(list.name)}</prefixListName><maxEntries>${list.maxEntries}</maxEntries><tagSet/><ownerId>AWS</ownerId></item>`,
        )
        .join('');
      return respond(action, `<prefixListSet>${items}</prefixListSet>`);
    }
    default:
      throw new Ec2Error('InvalidAction', `The action ${String(action)} is not valid for this web service.`);
  }
}

export async function startEc2Stub(account: StubAccount): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const body = answer(account, new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
        response.writeHead(200, { 'content-type': 'text/xml;charset=UTF-8' }).end(body);
      } catch (error) {
        const { code, message } =
          error instanceof Ec2Error ? error : new Ec2Error('InternalError', String(error));
        response
          .writeHead(code === 'InternalError' ? 500 : 400, { 'content-type': 'text/xml;charset=UTF-8' })
          .end(
            `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${xml(code)}</Code><Message>${xml(message)}</Message></Error></Errors><RequestID>00000000-0000-0000-0000-000000000000</RequestID></Response>`,
          );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
