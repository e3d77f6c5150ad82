/** "End the broadcast?": a stray tap never ends a live show. */
import { ConfirmDialog } from '../../ui/confirm-dialog';

export function StopDialog(props: { open: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <ConfirmDialog
      {...props}
      title="End the broadcast?"
      cancelLabel="Keep streaming"
      confirmLabel="End broadcast"
    >
      <p>Viewers will see that you have ended. You can go live again any time.</p>
    </ConfirmDialog>
  );
}
