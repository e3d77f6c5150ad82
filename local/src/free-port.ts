/**
 * Ports for settings of 0. The stack picks a port, then a child service listens on it a moment
 * later; an ephemeral port (what listen(0) gives) can be taken meanwhile as the local end of any
 * outgoing connection on this machine, and the child fails with EADDRINUSE. So ports come from
 * below the ephemeral range, where the kernel never hands them out by itself.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Linux's default start of the ephemeral range, when /proc cannot say. */
const EPHEMERAL_START = 32768;
const LOWEST = 10000;
const TRIES = 50;

/** Ports this process handed out: a stack picks all its ports before its services listen. */
const handedOut = new Set<number>();

export function ephemeralStart(): number {
  try {
    const [start] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const value = Number(start);
    return Number.isInteger(value) && value > LOWEST + 1000 ? value : EPHEMERAL_START;
  } catch {
    return EPHEMERAL_START;
  }
}

/** Listens on `port` and lets go: the port it got, or undefined if that one is in use. */
function probe(host: string, port: number): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(undefined) : reject(error),
    );
    server.listen(port, host, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : undefined));
    });
  });
}

/** A port nothing listens on right now, below the ephemeral range when one is free there. */
export async function freePort(host: string): Promise<number> {
  const below = ephemeralStart();
  for (let attempt = 0; attempt < TRIES; attempt++) {
    const candidate = LOWEST + Math.floor(Math.random() * (below - LOWEST));
    if (handedOut.has(candidate)) continue;
    handedOut.add(candidate); // before the probe: a concurrent call must not pick it meanwhile
    if (await probe(host, candidate)) return candidate;
    handedOut.delete(candidate);
  }
  const any = await probe(host, 0);
  if (!any) throw new Error(`no free port on ${host}`);
  handedOut.add(any);
  return any;
}
