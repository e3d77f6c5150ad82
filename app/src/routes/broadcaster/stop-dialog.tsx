/** "End the broadcast?" — a modal dialog, so a stray tap never ends a live show. */
import { useEffect, useRef } from 'react';

export function StopDialog(props: { open: boolean; onConfirm: () => void; onCancel: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (props.open && !element.open) element.showModal();
    if (!props.open && element.open) element.close();
  }, [props.open]);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="stop-title" onClose={props.onCancel}>
      <h2 id="stop-title">End the broadcast?</h2>
      <p>Viewers will see that you have ended. You can go live again any time.</p>
      <div className="row end">
        <button className="button" type="button" autoFocus onClick={props.onCancel}>
          Keep streaming
        </button>
        <button className="button primary" type="button" onClick={props.onConfirm}>
          End broadcast
        </button>
      </div>
    </dialog>
  );
}
