/**
 * The FFmpegs a running transwrap has, by the part each plays in a relay: the source (the
 * seller's container to FLV), the publisher (FLV to IVS), or a slate being encoded. Told apart by
 * their command lines, which ffmpeg-args.ts and slate.ts write.
 */
import { readFileSync } from 'node:fs';
import { descendantsOf, type ProcessId } from '@golive/local/testing/process-tree';

export type RelayRole = 'source' | 'publisher' | 'slate';

export interface RelayProcess extends ProcessId {
  role: RelayRole;
}

function roleOf(pid: number): RelayRole | undefined {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (args.some((arg) => arg.startsWith('rtmp://') || arg.startsWith('rtmps://'))) return 'publisher';
    if (args.includes('-loop')) return 'slate';
    return 'source';
  } catch {
    return undefined; // gone since it was listed
  }
}

/** transwrap's FFmpegs now, optionally only those playing one part. */
export function relayProcesses(transwrapPid: number, role?: RelayRole): RelayProcess[] {
  return descendantsOf(transwrapPid)
    .filter((process) => process.command === 'ffmpeg')
    .flatMap((process) => {
      const found = roleOf(process.pid);
      return found && (!role || found === role) ? [{ ...process, role: found }] : [];
    });
}
