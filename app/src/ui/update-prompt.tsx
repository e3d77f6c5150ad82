/**
 * A new version was deployed: the service worker has it ready, the user chooses when to reload.
 * Not while broadcasting: the reload would end the broadcast, so the offer waits for its end. When
 * the user takes the new version in another tab, it takes over this page too, which then reloads,
 * unless it is broadcasting: then it offers the reload once the broadcast is over.
 */
import { useRef, useState } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { isBroadcasting, useBroadcasting } from '../broadcast/broadcasting';

export function UpdatePrompt() {
  const chosenHere = useRef(false);
  const [takenOver, setTakenOver] = useState(false);
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onNeedReload: () => {
      if (chosenHere.current || !isBroadcasting()) window.location.reload();
      else setTakenOver(true);
    },
  });
  const broadcasting = useBroadcasting();
  if (!(needRefresh || takenOver) || broadcasting) return null;
  const reload = () => {
    chosenHere.current = true;
    // Already in charge (another tab chose it): only this page is left to reload.
    if (takenOver) window.location.reload();
    else void updateServiceWorker(true);
  };
  return (
    <div className="toast" role="alert">
      <span>A new version of GoLive is ready.</span>
      <button className="button small" onClick={reload}>
        Reload
      </button>
      <button
        className="link-button"
        onClick={() => {
          setNeedRefresh(false);
          setTakenOver(false);
        }}
      >
        Later
      </button>
    </div>
  );
}
