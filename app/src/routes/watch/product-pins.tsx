/**
 * The pinned-product card's data, inside the watch page's GraphQL chunk: the saved pin (read on
 * start and after each resubscription), onProductPin's pushes, and the player's cues, reconciled by
 * PinTimeline; the channel's products give a cue's product its fields.
 */
import { useApolloClient, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import * as op from '@golive/common/api-operations';
import type { SubscriptionContext } from '@golive/common/graphql-client';
import { readStreamCue } from '@golive/common/stream-cues';
import { PinTimeline, type Pin } from './pin-timeline';
import type { PlaybackSignals } from './playback-signals';
import { ProductCard, type CardProduct } from './product-card';

const pinOf = (productId: string | null | undefined, at: string): Pin => ({
  productId: productId ?? null,
  at: Date.parse(at),
});

export function ProductPins({ channelId, signals }: { channelId: string; signals: PlaybackSignals }) {
  const client = useApolloClient();
  const [shown, setShown] = useState<Pin>();
  // Every product this page has heard of, by id: the channel's list and each pin's own copy.
  const [known, setKnown] = useState(new Map<string, CardProduct>());
  const remember = (products: readonly CardProduct[]) =>
    setKnown((before) => new Map([...before, ...products.map((product) => [product.id, product] as const)]));
  const timeline = useMemo(() => new PinTimeline({ onShow: setShown }), []);
  useEffect(() => () => timeline.dispose(), [timeline]);

  const products = useQuery(op.PRODUCTS, { variables: { channelId, limit: 50 } });
  useEffect(() => {
    if (products.data) remember(products.data.products.items);
  }, [products.data]);

  const readSaved = useRef(async () => {
    const { data } = await client.query({
      query: op.CHANNEL_PIN,
      variables: { id: channelId },
      fetchPolicy: 'network-only',
    });
    const channel = data?.channel;
    if (channel?.pinnedProduct) remember([channel.pinnedProduct]);
    if (channel?.pinnedAt) timeline.saved(pinOf(channel.pinnedProduct?.id, channel.pinnedAt));
  });
  // Changes pushed while the subscription was down are not replayed: each (re)subscription reads.
  const context = useMemo<SubscriptionContext>(
    () => ({ onSubscriptionReady: () => void readSaved.current().catch(() => undefined) }),
    [],
  );
  useSubscription(op.ON_PRODUCT_PIN, {
    variables: { channelId },
    context,
    onData: ({ data }) => {
      const pushed = data.data?.onProductPin;
      if (!pushed) return;
      if (pushed.product) remember([pushed.product]);
      timeline.pushed(pinOf(pushed.product?.id, pushed.at));
    },
  });

  useEffect(
    () =>
      signals.listen({
        cue: (text) => {
          const cue = readStreamCue(text);
          if (cue) timeline.cue(pinOf(cue.productId, cue.at));
        },
        playing: (playing) => timeline.setPlaying(playing),
      }),
    [signals, timeline],
  );

  const product = shown?.productId ? known.get(shown.productId) : undefined;
  const missingId = shown?.productId && !product ? shown.productId : undefined;
  // A cue for a product added after the list was read: read the list again, once for each such id
  // (a product removed since stays missing, and is not asked for again and again).
  const askedFor = useRef(new Set<string>());
  const { refetch } = products;
  useEffect(() => {
    if (!missingId || askedFor.current.has(missingId)) return;
    askedFor.current.add(missingId);
    void refetch().catch(() => undefined);
  }, [missingId, refetch]);

  return <div aria-live="polite">{product && <ProductCard product={product} />}</div>;
}
