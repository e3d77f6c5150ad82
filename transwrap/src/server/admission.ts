/**
 * Who gets in, counted by client address group (client-address.ts): connections that have not yet
 * proven a seller (no hello yet, or a hello whose sign-in token is being checked) wait in a small
 * budget of their own, per address and in all, apart from the broadcasts a server takes. When it is
 * full, the oldest waiting connection is shed, not the newcomer: the oldest had its chance to say
 * hello, and refusing newcomers would let a flood that keeps the budget full keep every seller out.
 * A shed from its own address's budget is that address's oldest, so a flood from a few addresses
 * (or behind one NAT) only sheds its own. Sessions per address are counted apart and generously:
 * behind carrier-grade NAT many sellers share one IPv4 address. Hellos refused for a bad token or
 * ticket (each costs a check, a ticket an API call) have a budget per address and window too.
 */

export interface AdmissionLimits {
  maxPending: number;
  maxPendingPerAddress: number;
  maxSessionsPerAddress: number;
  maxRefusedHellosPerAddress: number;
  refusedHelloWindowMs: number;
}

/** Why a waiting connection is shed: the whole budget was full, or its address's. */
export type ShedReason = 'pending-full' | 'address-pending-full';

/** A connection waiting to prove a seller; `leave` when it has (or has closed). */
export interface PendingSlot {
  leave(): void;
}

interface Pending {
  group: string;
  shed: (reason: ShedReason) => void;
}

export class Admission {
  /** Oldest first (a Map keeps insertion order). */
  private readonly pending = new Map<PendingSlot, Pending>();
  private readonly pendingByGroup = new Map<string, Set<PendingSlot>>();
  private readonly sessionsByGroup = new Map<string, number>();
  private readonly refusals = new Map<string, { since: number; count: number }>();
  readonly counters = { shed: 0 };

  constructor(private readonly limits: AdmissionLimits) {}

  /**
   * A new connection from `group` waits; if that overfills its address's budget or the whole
   * one, the oldest waiting connection there is shed (`shed` is called, and its slot left).
   */
  enterPending(group: string, shed: (reason: ShedReason) => void): PendingSlot {
    const slot: PendingSlot = { leave: () => this.leavePending(slot) };
    this.pending.set(slot, { group, shed });
    const ofGroup = this.pendingByGroup.get(group) ?? new Set<PendingSlot>();
    ofGroup.add(slot);
    this.pendingByGroup.set(group, ofGroup);
    if (ofGroup.size > this.limits.maxPendingPerAddress)
      this.shedOldest(ofGroup.values().next().value!, 'address-pending-full');
    else if (this.pending.size > this.limits.maxPending)
      this.shedOldest(this.pending.keys().next().value!, 'pending-full');
    return slot;
  }

  private shedOldest(slot: PendingSlot, reason: ShedReason): void {
    const entry = this.pending.get(slot);
    this.leavePending(slot);
    this.counters.shed++;
    entry?.shed(reason);
  }

  private leavePending(slot: PendingSlot): void {
    const entry = this.pending.get(slot);
    if (!entry) return;
    this.pending.delete(slot);
    const ofGroup = this.pendingByGroup.get(entry.group);
    ofGroup?.delete(slot);
    if (ofGroup?.size === 0) this.pendingByGroup.delete(entry.group);
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** A proven seller's broadcast from `group` takes a session slot; false if its address has none. */
  takeSession(group: string): boolean {
    const count = this.sessionsByGroup.get(group) ?? 0;
    if (count >= this.limits.maxSessionsPerAddress) return false;
    this.sessionsByGroup.set(group, count + 1);
    return true;
  }

  releaseSession(group: string): void {
    const left = (this.sessionsByGroup.get(group) ?? 1) - 1;
    if (left > 0) this.sessionsByGroup.set(group, left);
    else this.sessionsByGroup.delete(group);
  }

  /** A hello from `group` was refused (its token or its ticket). */
  helloRefused(group: string, now = Date.now()): void {
    const current = this.refusalsOf(group, now);
    this.refusals.set(group, { since: current?.since ?? now, count: (current?.count ?? 0) + 1 });
  }

  /** Whether `group` has used up its refused hellos for the current window. */
  tooManyRefusedHellos(group: string, now = Date.now()): boolean {
    return (this.refusalsOf(group, now)?.count ?? 0) >= this.limits.maxRefusedHellosPerAddress;
  }

  private refusalsOf(group: string, now: number) {
    const current = this.refusals.get(group);
    if (current && now - current.since < this.limits.refusedHelloWindowMs) return current;
    this.refusals.delete(group);
    return undefined;
  }

  /** Forgets refusal windows that have passed, so addresses seen once do not pile up. */
  sweep(now = Date.now()): void {
    for (const group of [...this.refusals.keys()]) this.refusalsOf(group, now);
  }
}
