/** Finds a local stack's service processes by what they run, as an operator would with `ps`. */
import { readFileSync } from 'node:fs';
import { descendantsOf, type ProcessId } from './process-tree';

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** The stack's child running `<service>-service.ts` (e.g. 'ivs', 'dynamodb', 'graphql', 'transwrap'). */
export function serviceProcess(stackPid: number, service: string): ProcessId {
  const found = descendantsOf(stackPid).find(
    (entry) => entry.ppid === stackPid && commandLine(entry.pid).includes(`/${service}-service.ts`),
  );
  if (!found) throw new Error(`no ${service} service under pid ${stackPid}`);
  return found;
}
