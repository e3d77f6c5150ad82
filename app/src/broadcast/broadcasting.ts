/**
 * Whether this page is broadcasting, for the parts of the app that live outside the broadcaster
 * page and must not cut a broadcast short (the update prompt). Leaving the page while broadcasting
 * asks first where the browser allows (not iOS Safari): a reload or a closed tab would end the
 * broadcast for every viewer.
 */
import { useSyncExternalStore } from 'react';

let broadcasting = false;
const listeners = new Set<() => void>();

function askBeforeLeaving(event: BeforeUnloadEvent): void {
  event.preventDefault();
  // Browsers from before preventDefault() was enough ask only when returnValue is set.
  event.returnValue = '';
}

export function isBroadcasting(): boolean {
  return broadcasting;
}

export function setBroadcasting(value: boolean): void {
  if (broadcasting === value) return;
  broadcasting = value;
  if (value) window.addEventListener('beforeunload', askBeforeLeaving);
  else window.removeEventListener('beforeunload', askBeforeLeaving);
  listeners.forEach((listener) => listener());
}

export function useBroadcasting(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => broadcasting,
  );
}
