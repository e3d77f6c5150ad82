/**
 * "Are you sure?" as a real modal: the native <dialog> opened with showModal(), so the rest of the
 * page is inert, focus starts on the harmless choice, Escape cancels, and focus goes back to what
 * opened it. While the action runs the dialog stays open (and Escape is ignored), so its outcome,
 * an error included, is shown where the person is looking.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  cancelLabel?: string;
  busy: boolean;
  /** Why the last attempt failed, shown in the dialog. */
  error?: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** Where focus goes on closing if what opened the dialog is gone (its row was removed, say). */
  fallbackFocus?: () => HTMLElement | null;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (props.open && !element.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
    }
    if (!props.open && element.open) element.close();
  }, [props.open]);

  return (
    <dialog
      ref={dialog}
      className="admin-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        // Escape: ours to decide, so the state that says "open" never disagrees with the screen.
        event.preventDefault();
        if (!props.busy) props.onCancel();
      }}
      onClose={() => {
        // Chromium may close a modal on a repeated Escape regardless; follow it.
        if (props.open) props.onCancel();
        const back = opener.current?.isConnected ? opener.current : props.fallbackFocus?.();
        back?.focus();
        opener.current = null;
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      <div id={bodyId}>{props.children}</div>
      {props.error && (
        <p className="error" role="alert">
          {props.error}
        </p>
      )}
      <div className="dialog-actions">
        {/* aria-disabled, not disabled: a disabled button would drop the focus out of the dialog. */}
        <button
          className="button"
          type="button"
          autoFocus
          aria-disabled={props.busy}
          onClick={() => !props.busy && props.onCancel()}
        >
          {props.cancelLabel ?? 'Cancel'}
        </button>
        <button
          className="button danger"
          type="button"
          aria-disabled={props.busy}
          onClick={() => !props.busy && props.onConfirm()}
        >
          {props.busy ? props.busyLabel : props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
