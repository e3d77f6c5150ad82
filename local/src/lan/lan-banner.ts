/** The part of the start-up banner LAN mode adds: the warning, the two QR codes, the CA's fingerprint. */
import type { LocalStackInfo } from '../stack-info';
import { terminalQr } from './terminal-qr';

const indent = (block: string, by: string) =>
  block
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => `${by}${line}`)
    .join('\n');

export async function lanBanner(lan: NonNullable<LocalStackInfo['lan']>): Promise<string> {
  return [
    '',
    '  LAN MODE: everyone on this network can reach this stack, not only you. The demo users have',
    '  fresh passwords for this run (listed above); the AWS APIs (IVS, DynamoDB, credentials) stay on loopback.',
    '',
    `  1. On the phone (same network), trust this computer once: ${lan.trustPageUrl}`,
    `     The page shows this fingerprint; install only if it matches:`,
    `     ${lan.caFingerprint}`,
    '',
    indent(await terminalQr(lan.trustPageUrl), '     '),
    '',
    `  2. Then open GoLive: ${lan.appUrl}`,
    '',
    indent(await terminalQr(lan.appUrl), '     '),
    '',
  ].join('\n');
}
