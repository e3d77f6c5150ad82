/**
 * CPU time and memory of a process tree from /proc: a root process and its descendants (a relay's
 * Node process and its FFmpeg children), and of the whole machine. CPU is the sum of user+system
 * ticks of processes present at both ends of an interval; RSS is VmRSS summed over the tree (so
 * shared library pages count once per process, an overestimate), PSS from smaps_rollup shares
 * them out instead.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { descendantsOf } from '@golive/local/testing/process-tree';
import { clock } from './clock';

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcessSample {
  command: string;
  ticks: number;
  rssKb: number;
}

export interface TreeSample {
  at: number;
  processes: Map<string, ProcessSample>;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function kbField(text: string | undefined, name: string): number {
  const match = text ? new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text) : null;
  return match ? Number(match[1]) : 0;
}

function processSample(pid: number): [string, ProcessSample] | undefined {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  const close = stat.lastIndexOf(')');
  const command = stat.slice(stat.indexOf('(') + 1, close);
  const fields = stat.slice(close + 2).split(' ');
  // After the command: utime is field 14 of the full line (11 here), stime 12, starttime 19.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return [`${pid}:${fields[19]}`, { command, ticks, rssKb: kbField(read(`/proc/${pid}/status`), 'VmRSS') }];
}

export function treePids(root: number): number[] {
  return [root, ...descendantsOf(root).map((entry) => entry.pid)];
}

/** The root and its descendants, or the root alone. */
export function sampleTree(root: number, withDescendants = true): TreeSample {
  const processes = new Map<string, ProcessSample>();
  for (const pid of withDescendants ? treePids(root) : [root]) {
    const sample = processSample(pid);
    if (sample) processes.set(...sample);
  }
  return { at: clock(), processes };
}

/** Proportional set size of the tree, in kB (costlier to read: once per window). */
export function treePssKb(root: number): number {
  return treePids(root).reduce((sum, pid) => sum + kbField(read(`/proc/${pid}/smaps_rollup`), 'Pss'), 0);
}

export interface TreeUsage {
  /** CPU used over the interval, in cores (1 = one core busy all the time). */
  cores: number;
  /** The same, split by command name (node, ffmpeg). */
  coresByCommand: Record<string, number>;
  rssMb: number;
  rssMbByCommand: Record<string, number>;
  processes: number;
}

export function usageBetween(before: TreeSample, after: TreeSample): TreeUsage {
  const seconds = (after.at - before.at) / 1000;
  const coresByCommand: Record<string, number> = {};
  const rssMbByCommand: Record<string, number> = {};
  let ticks = 0;
  let rssKb = 0;
  for (const [id, now] of after.processes) {
    rssKb += now.rssKb;
    rssMbByCommand[now.command] = (rssMbByCommand[now.command] ?? 0) + now.rssKb / 1024;
    const then = before.processes.get(id);
    if (!then) continue;
    const used = now.ticks - then.ticks;
    ticks += used;
    coresByCommand[now.command] = (coresByCommand[now.command] ?? 0) + used / TICKS_PER_SECOND / seconds;
  }
  return {
    cores: ticks / TICKS_PER_SECOND / seconds,
    coresByCommand,
    rssMb: rssKb / 1024,
    rssMbByCommand,
    processes: after.processes.size,
  };
}

export interface MachineSample {
  busy: number;
  total: number;
}

/** All CPUs' busy and total ticks (busy excludes idle and iowait). */
export function sampleMachine(): MachineSample {
  const line = (read('/proc/stat') ?? '').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

/** Busy cores of the whole machine between two samples. */
export function machineBusyCores(before: MachineSample, after: MachineSample, cpus: number): number {
  const total = after.total - before.total;
  return total > 0 ? ((after.busy - before.busy) / total) * cpus : 0;
}
