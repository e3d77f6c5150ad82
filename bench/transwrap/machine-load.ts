/**
 * Who is using the machine's cores: the relay under test, the local stack (ingest and HLS
 * packagers), the bench itself (senders and tap), and everything else. On a small machine they all
 * share the cores with the relay, and other people's programs can spoil a step: this tells them
 * apart so the ramp can tell a relay that fell behind from a machine that was busy elsewhere.
 */
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { RETRY_OTHER_CORES } from './method';
import {
  machineBusyCores,
  sampleMachine,
  sampleTree,
  usageBetween,
  type MachineSample,
  type TreeSample,
} from './process-usage';
import { clock } from './clock';

export const CPUS = cpus().length;
const QUIET_WAIT_MS = 12_000;

/** CPU counters of the relay's tree, the stack's tree, the bench process and the machine. */
export interface Snapshot {
  relay: TreeSample;
  stack: TreeSample;
  bench: TreeSample;
  machine: MachineSample;
}

/** Busy cores between two snapshots, and the stack's, the bench's and everyone else's share of them. */
export function machineShare(before: Snapshot, after: Snapshot) {
  const relayCores = usageBetween(before.relay, after.relay).cores;
  const busyCores = machineBusyCores(before.machine, after.machine, CPUS);
  const stackCores = usageBetween(before.stack, after.stack).cores;
  const benchCores = usageBetween(before.bench, after.bench).cores;
  return { busyCores, stackCores, benchCores, otherCores: busyCores - relayCores - stackCores - benchCores };
}

export class LoadMeter {
  constructor(private readonly stackPid: number) {}

  snapshot(relayPid: number): Snapshot {
    return {
      relay: sampleTree(relayPid),
      stack: sampleTree(this.stackPid),
      // The stack and the relays are this process's children: the bench is this process alone.
      bench: sampleTree(process.pid, false),
      machine: sampleMachine(),
    };
  }

  /** Waits (up to QUIET_WAIT_MS) for outside load to drop to RETRY_OTHER_CORES. */
  async quiet(relayPid: number): Promise<void> {
    const by = clock() + QUIET_WAIT_MS;
    for (;;) {
      const before = this.snapshot(relayPid);
      await sleep(2000);
      if (machineShare(before, this.snapshot(relayPid)).otherCores <= RETRY_OTHER_CORES || clock() > by)
        return;
    }
  }
}
