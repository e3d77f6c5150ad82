/** Says so when the device is offline: the shell still works, live video and sign-in do not. */
import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, () => navigator.onLine);
}

export function OfflineBanner() {
  if (useOnline()) return null;
  return (
    <p className="banner banner-warning" role="status">
      You are offline. Live video, sign-in and going live need a connection; they come back by themselves when
      you reconnect.
    </p>
  );
}
