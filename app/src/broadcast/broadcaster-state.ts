/**
 * The broadcaster's states as the seller sees them, and what moves between them. A pure function
 * of (state, event), so every transition is specified by tests, and the page only renders it.
 *
 *   idle --goLive--> preparing --connected--> live --stop--> stopping --ended--> idle
 *                        |                     |  ^
 *                        |             dropped |  | connected
 *                        |                     v  |
 *                        +--failed--> error <-- reconnecting
 */
export type BroadcasterState =
  | { name: 'idle'; notice?: string }
  /** Go live pressed: ticket, connection, waiting for transwrap's `ready`. */
  | { name: 'preparing' }
  | { name: 'live'; since: number }
  /** The connection dropped or the endpoint is moving; the broadcast goes on meanwhile. */
  | { name: 'reconnecting'; since: number; why: 'resuming' | 'moving' }
  | { name: 'stopping'; since?: number }
  | { name: 'error'; message: string };

export type BroadcasterEvent =
  | { type: 'goLive' }
  | { type: 'connected'; at: number }
  | { type: 'dropped'; why: 'resuming' | 'moving' }
  | { type: 'stop' }
  /** The broadcast ended: by the seller (normal), by an admin, or because it could not go on. */
  | { type: 'ended'; how: 'stopped' | 'stoppedByAdmin' | 'failed'; message?: string }
  | { type: 'failed'; message: string }
  | { type: 'dismiss' };

export const IDLE: BroadcasterState = { name: 'idle' };

export function nextBroadcasterState(state: BroadcasterState, event: BroadcasterEvent): BroadcasterState {
  switch (event.type) {
    case 'goLive':
      return state.name === 'idle' || state.name === 'error' ? { name: 'preparing' } : state;
    case 'connected':
      if (state.name === 'preparing') return { name: 'live', since: event.at };
      if (state.name === 'reconnecting') return { name: 'live', since: state.since };
      return state;
    case 'dropped':
      if (state.name === 'live' || state.name === 'reconnecting')
        return { name: 'reconnecting', since: state.since, why: event.why };
      return state; // before the first `ready`, retrying is still "preparing"
    case 'stop':
      if (state.name === 'live' || state.name === 'reconnecting')
        return { name: 'stopping', since: state.since };
      if (state.name === 'preparing') return { name: 'stopping' };
      return state;
    case 'ended':
      if (state.name === 'idle' || state.name === 'error') return state;
      if (event.how === 'stopped') return { name: 'idle', notice: 'Your broadcast has ended.' };
      if (event.how === 'stoppedByAdmin')
        return { name: 'idle', notice: 'Your broadcast was stopped by an administrator.' };
      return { name: 'error', message: event.message ?? 'The broadcast could not go on.' };
    case 'failed':
      return { name: 'error', message: event.message };
    case 'dismiss':
      return state.name === 'error' ? IDLE : state.name === 'idle' ? IDLE : state;
  }
}

/** Whether the camera settings may change now (not while a recording is going out). */
export function canChangeDevices(state: BroadcasterState): boolean {
  return state.name === 'idle' || state.name === 'error';
}

export function isOnAir(state: BroadcasterState): boolean {
  return state.name === 'live' || state.name === 'reconnecting';
}
