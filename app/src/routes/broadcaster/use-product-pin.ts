/**
 * The seller's pin on a channel: which product viewers are shown, and pinning or unpinning one.
 * The pin moment is the API's (it goes into the live video at that point), so a tap is sent at
 * once; the channel's pin is read again after each change.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import * as op from '@golive/common/api-operations';

export interface ProductPinControl {
  /** The pinned product's id, if any. */
  pinnedId: string | undefined;
  /** Pins the product, or unpins it when it is the pinned one. */
  toggle: (productId: string) => void;
  busy: boolean;
  error: string | undefined;
}

export function useProductPin(channelId: string): ProductPinControl {
  const current = useQuery(op.CHANNEL_PIN, { variables: { id: channelId } });
  const refetch = { refetchQueries: [op.CHANNEL_PIN] };
  const [pin, pinning] = useMutation(op.PIN_PRODUCT, refetch);
  const [unpin, unpinning] = useMutation(op.UNPIN_PRODUCT, refetch);
  const pinnedId = current.data?.channel?.pinnedProduct?.id;
  const toggle = (productId: string) => {
    const done =
      productId === pinnedId
        ? unpin({ variables: { channelId } })
        : pin({ variables: { channelId, productId } });
    void done.catch(() => undefined);
  };
  return {
    pinnedId,
    toggle,
    busy: pinning.loading || unpinning.loading,
    error: (pinning.error ?? unpinning.error)?.message,
  };
}
