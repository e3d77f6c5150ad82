/**
 * A new version was deployed: the service worker has it ready, the user chooses when to reload.
 * Not while broadcasting: the reload would end the broadcast, so the offer waits for its end.
 */
import { useRegisterSW } from 'virtual:pwa-register/react';
import { useBroadcasting } from '../broadcast/broadcasting';

export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  const broadcasting = useBroadcasting();
  if (!needRefresh || broadcasting) return null;
  return (
    <div className="toast" role="alert">
      <span>A new version of GoLive is ready.</span>
      <button className="button small" onClick={() => void updateServiceWorker(true)}>
        Reload
      </button>
      <button className="link-button" onClick={() => setNeedRefresh(false)}>
        Later
      </button>
    </div>
  );
}
