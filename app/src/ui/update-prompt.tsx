/** A new version was deployed: the service worker has it ready, the user chooses when to reload. */
import { useRegisterSW } from 'virtual:pwa-register/react';

export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  if (!needRefresh) return null;
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
