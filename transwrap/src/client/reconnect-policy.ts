/**
 * What the broadcaster's client does when its socket closes, as decisions without I/O: the close
 * code table's "the PWA's client" column and flow 5 of PROTOCOL.md. BroadcastConnection carries
 * the decisions out (sockets, timers, the API); the table tests beside this file are the policy's
 * specification.
 */
import { CloseCode } from '../protocol/messages';

/**
 * What a close code says, whatever else is going on: the broadcast `ends` (retrying cannot fix
 * it), or the endpoint or session is gone and the client gets a `new ticket` for another, or the
 * trouble may pass and the client `retries` (resumes its session, or without one asks for a new
 * ticket after a wait). Codes not listed (1006: dropped without a close frame) retry.
 */
export type CloseMeaning = 'ends' | 'new ticket' | 'retries';

const MEANINGS = new Map<number, CloseMeaning>([
  [CloseCode.Normal, 'ends'],
  [CloseCode.GoingAway, 'new ticket'],
  [CloseCode.TooBig, 'ends'],
  [CloseCode.BadMessage, 'ends'],
  [CloseCode.HelloTimeout, 'retries'],
  [CloseCode.MediaBeforeReady, 'ends'],
  [CloseCode.NotTheTicketsSeller, 'ends'],
  [CloseCode.TicketRefused, 'new ticket'],
  [CloseCode.UnsupportedMedia, 'ends'],
  [CloseCode.ResumeRefused, 'new ticket'],
  [CloseCode.Idle, 'retries'],
  [CloseCode.TooSlow, 'retries'],
  [CloseCode.BadMedia, 'ends'],
  [CloseCode.RelayFailed, 'new ticket'],
  [CloseCode.BroadcastStopped, 'ends'],
  [CloseCode.AtCapacity, 'new ticket'],
  [CloseCode.TooManyFromAddress, 'retries'],
]);

export function closeMeaning(code: number): CloseMeaning {
  return MEANINGS.get(code) ?? 'retries';
}

/** Everything the decision depends on, at the moment a socket closes. */
export interface CloseSituation {
  code: number;
  /** The socket had opened: a close before that means the endpoint could not be reached. */
  opened: boolean;
  /** The seller asked to stop. */
  stopping: boolean;
  /** The socket was a `resume` of a held session. */
  resuming: boolean;
  /** The client has a session (a `ready`) it could resume. */
  hasSession: boolean;
  /** Resumes in a row, before this one, that could not even connect. */
  unreachableBefore: number;
  /** The API gave a ticket while resumes kept failing to connect (see `ask-api`). */
  hasFallbackTicket: boolean;
  /** How much of the server's resume grace is left, counted from the first drop. */
  graceLeftMs: number;
}

export type CloseDecision =
  /** The broadcast is over, with this code. */
  | { do: 'end'; code: number }
  /** Give the session up and start a new one with a new ticket, after the retry wait or at once. */
  | { do: 'new session'; wait: boolean }
  /** Give the session up and start a new one with the ticket the API already gave. */
  | { do: 'use fallback ticket' }
  /**
   * Two resumes could not connect: the endpoint died, or this device is offline. Ask the API for a
   * ticket: an answer means the network works, so resume once more with the ticket as a fallback;
   * no answer means offline, so keep resuming within the grace.
   */
  | { do: 'ask api' }
  /** Resume the held session, after the retry wait or at once. */
  | { do: 'resume'; wait: boolean };

export interface CloseOutcome {
  decision: CloseDecision;
  /** Resumes in a row that could not connect, counting this socket. */
  unreachable: number;
}

export function afterClose(situation: CloseSituation): CloseOutcome {
  const { code, opened, stopping, resuming, hasSession, hasFallbackTicket, graceLeftMs } = situation;
  const unreachable = resuming && !opened ? situation.unreachableBefore + 1 : 0;
  const outcome = (decision: CloseDecision) => ({ decision, unreachable });
  // The seller asked to stop: a connection lost meanwhile ends the broadcast as asked.
  if (stopping) return outcome({ do: 'end', code: code === 1006 ? CloseCode.Normal : code });
  const meaning = closeMeaning(code);
  if (meaning === 'ends') return outcome({ do: 'end', code });
  if (meaning === 'new ticket' || !hasSession) return outcome({ do: 'new session', wait: true });
  // Still unreachable after the API answered: the endpoint is gone.
  if (hasFallbackTicket && !opened) return outcome({ do: 'use fallback ticket' });
  if (graceLeftMs <= 0) return outcome({ do: 'new session', wait: false });
  if (unreachable >= 2) return outcome({ do: 'ask api' });
  // Dropped (1006), idle (4008), too slow (4009)...: the server holds the session for a while.
  return outcome({ do: 'resume', wait: resuming });
}

/**
 * A `drain`: leave now rather than at the deadline (the new endpoint takes over while IVS still
 * waits), unless the broadcast is being stopped: it finishes where it is, or moving would put it
 * back on air.
 */
export function afterDrain(stopping: boolean): 'stay' | 'move' {
  return stopping ? 'stay' : 'move';
}
