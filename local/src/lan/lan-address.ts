/**
 * The machine's addresses on the local network: what a phone on the same Wi-Fi can reach it at.
 */
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/**
 * Non-loopback IPv4 addresses first (what phones on a home or office Wi-Fi use), then global
 * IPv6 ones; link-local IPv6 addresses are left out (a URL would need the interface's zone).
 */
export function lanAddresses(
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): string[] {
  const all = Object.values(interfaces).flatMap((list) => list ?? []);
  const usable = all.filter((info) => !info.internal && !(info.family === 'IPv6' && info.scopeid));
  return [
    ...usable.filter((info) => info.family === 'IPv4').map((info) => info.address),
    ...usable.filter((info) => info.family === 'IPv6').map((info) => info.address),
  ];
}

/** How an address is written in a URL's host. */
export function urlHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}
