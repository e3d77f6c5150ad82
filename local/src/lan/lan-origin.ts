/**
 * LAN mode's facts, settled before any service starts (their URLs name them): the address to listen
 * on, the one HTTPS origin and its paths, the trust page's address, and the certificates.
 */
import { hostname } from 'node:os';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { ConfigError, type LanConfig } from '../config';
import { freePort } from '../free-port';
import { ensureLanCertificates, type LanCertificates } from './certificate-authority';
import { lanAddresses, urlHost } from './lan-address';
import { LAN_PATHS } from './lan-routes';

export interface LanOrigin {
  address: string;
  httpsPort: number;
  httpPort: number;
  /** `https://<name>:<port>`: the app, the API, Cognito, ingest and playback all live here. */
  origin: string;
  /** The app's address on the network: what the first QR code opens. */
  appUrl: string;
  /** The trust page (plain HTTP): what the second QR code opens. */
  trustPageUrl: string;
  certificates: LanCertificates;
  /** Every name the server certificate carries. */
  certificateNames: string[];
  graphqlUrl: string;
  realtimeUrl: string;
  cognitoEndpoint: string;
  /** transwrap instance `index`'s public ingest URL. */
  ingestUrl(index: number): string;
}

/** A host name a certificate can carry (os.hostname() may be anything). */
const isDnsName = (name: string) =>
  /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9-]+)*$/.test(name);

export async function settleLanOrigin(lan: LanConfig, dataDir: string): Promise<LanOrigin> {
  const found = lanAddresses();
  const address = lan.address ?? found[0];
  if (!address)
    throw new ConfigError(
      'LAN mode found no network address: connect this machine to the network the phone is on, or set LAN_ADDRESS.',
    );
  const name = lan.name ?? address;
  const httpsPort = lan.httpsPort || (await freePort(address));
  const httpPort = lan.httpPort || (await freePort(address));
  const host = urlHost(name);
  const origin = new URL(`https://${host}:${httpsPort}`).origin;
  const wss = origin.replace(/^https:/, 'wss:');
  const machine = hostname();
  const certificateNames = [
    ...new Set([
      name,
      address,
      ...found,
      ...(isDnsName(machine) ? [machine, `${machine.split('.')[0]}.local`] : []),
    ]),
  ].filter((entry) => isIP(entry) !== 0 || isDnsName(entry));
  return {
    address,
    httpsPort,
    httpPort,
    origin,
    appUrl: `${origin}/`,
    trustPageUrl: new URL(`http://${host}:${httpPort}/`).href,
    certificates: await ensureLanCertificates(join(dataDir, 'lan'), certificateNames),
    certificateNames,
    graphqlUrl: `${origin}${LAN_PATHS.graphql}`,
    realtimeUrl: `${wss}${LAN_PATHS.realtime}`,
    cognitoEndpoint: `${origin}${LAN_PATHS.cognito}`,
    ingestUrl: (index) => `${wss}${LAN_PATHS.ingest}${index + 1}`,
  };
}
