/**
 * A new version was deployed: the service worker has it ready, the user chooses when to reload.
 * Not while broadcasting: the reload would end the broadcast, so the offer waits for its end. When
 * the user takes the new version in another tab, it takes over this page too, which then reloads,
 * unless it is broadcasting: then it asks for the reload once the broadcast is over, with no
 * "Later" (the new worker has dropped this version's files, so pages not loaded yet would fail).
 */
import { useEffect, useState } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { isBroadcasting, useBroadcasting } from '../broadcast/broadcasting';

export function UpdatePrompt() {
  const [takenOver, setTakenOver] = useState(false);
  // This page's version is no longer the one served: reload, or after the broadcast. (The Reload
  // button is never shown while broadcasting, so a reload asked for here goes ahead.)
  const reloadUnlessBroadcasting = () => (isBroadcasting() ? setTakenOver(true) : window.location.reload());
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({ onNeedReload: reloadUnlessBroadcasting });
  useEffect(() => {
    // A chunk of an older deploy that the host no longer has.
    window.addEventListener('vite:preloadError', reloadUnlessBroadcasting);
    return () => window.removeEventListener('vite:preloadError', reloadUnlessBroadcasting);
  }, []);
  const broadcasting = useBroadcasting();
  if (!(needRefresh || takenOver) || broadcasting) return null;
  return (
    <div className="toast" role="alert">
      <span>A new version of GoLive is ready.</span>
      <button
        className="button small"
        onClick={() => (takenOver ? window.location.reload() : void updateServiceWorker(true))}
      >
        Reload
      </button>
      {!takenOver && (
        <button className="link-button" onClick={() => setNeedRefresh(false)}>
          Later
        </button>
      )}
    </div>
  );
}
