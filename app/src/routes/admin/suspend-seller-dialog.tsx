/**
 * Suspending a channel's owner, behind a confirmation that asks why: the reason is shown to the
 * seller with every refusal. The API stops their broadcasts on air and refuses them tickets and
 * channels until they are reinstated (Sellers section).
 */
import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useState } from 'react';
import * as op from '@golive/common/api-operations';
import { apiErrorMessage } from '../../api/api-error';
import type { AdminChannel } from './channel-row';
import { ConfirmDialog } from './confirm-dialog';

export interface SuspendSellerDialogProps {
  /** The channel whose owner is to be suspended; undefined: closed. */
  channel: AdminChannel | undefined;
  onDone: () => void;
  fallbackFocus: () => HTMLElement | null;
}

export function SuspendSellerDialog({ channel, onDone, fallbackFocus }: SuspendSellerDialogProps) {
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [suspend, { loading }] = useMutation(op.SUSPEND_SELLER, { refetchQueries: ['SuspendedSellers'] });
  useEffect(() => {
    setReason('');
    setError(undefined);
  }, [channel]);

  const confirm = async () => {
    if (!channel) return;
    setError(undefined);
    try {
      await suspend({ variables: { userId: channel.owner, reason } });
      onDone();
    } catch (failure) {
      setError(`The seller was not suspended: ${apiErrorMessage(failure)}`);
    }
  };

  const owner = channel?.ownerEmail ?? channel?.owner ?? '';
  return (
    <ConfirmDialog
      open={channel !== undefined}
      title={`Suspend ${owner}?`}
      confirmLabel="Suspend seller"
      busyLabel="Suspending…"
      busy={loading}
      error={error}
      onConfirm={() => void confirm()}
      onCancel={onDone}
      fallbackFocus={fallbackFocus}
    >
      <p>
        Their broadcasts on air end now, and they cannot go live or create channels until an admin reinstates
        them.
      </p>
      <div className="field">
        <label htmlFor={reasonId}>Reason (shown to the seller)</label>
        <input
          id={reasonId}
          type="text"
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
    </ConfirmDialog>
  );
}
