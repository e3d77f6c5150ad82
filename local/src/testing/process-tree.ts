/**
 * Processes as Linux's /proc shows them, identified by pid and start time so that a pid reused
 * by an unrelated process is never mistaken for a survivor.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessId {
  pid: number;
  ppid: number;
  startTime: string;
  command: string;
}

interface Stat extends ProcessId {
  /** R, S, D, ... or Z for a zombie that exited and awaits its parent. */
  state: string;
}

function stat(pid: number): Stat | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command sits in parentheses and may itself contain spaces or parentheses.
    const close = raw.lastIndexOf(')');
    const command = raw.slice(raw.indexOf('(') + 1, close);
    const fields = raw.slice(close + 2).split(' ');
    // After the command: state(0) ppid(1) ... starttime is field 22 of the full line, 19 here.
    return { pid, ppid: Number(fields[1]), state: fields[0] ?? '', startTime: fields[19] ?? '', command };
  } catch {
    return undefined;
  }
}

function allProcesses(): Stat[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => stat(Number(name)))
    .filter((entry): entry is Stat => entry !== undefined && entry.ppid >= 0);
}

/** Every process below `root`: children, their children, and so on. */
export function descendantsOf(root: number): ProcessId[] {
  const all = allProcesses();
  const found: ProcessId[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const children = all.filter((entry) => frontier.includes(entry.ppid));
    found.push(...children.map(({ pid, ppid, startTime, command }) => ({ pid, ppid, startTime, command })));
    frontier = children.map((entry) => entry.pid);
  }
  return found;
}

/** Those of `processes` that still run (a zombie awaiting its parent counts as gone). */
export function stillRunning(processes: ProcessId[]): ProcessId[] {
  return processes.filter((entry) => {
    const now = stat(entry.pid);
    return now !== undefined && now.startTime === entry.startTime && now.state !== 'Z' && now.state !== 'X';
  });
}

/** Resident memory of a process in kB, from /proc. */
export function residentKb(pid: number): number {
  const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1]);
}
