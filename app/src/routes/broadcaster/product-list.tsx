/**
 * The channel's products on the broadcaster page: what the seller will show, added, changed and
 * removed here (before or while live), each with its price as viewers will read it; the one
 * pinned is the one viewers see on the video.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import * as op from '@golive/common/api-operations';
import type { ProductInput } from '@golive/common/generated/schema-types';
import { formatPrice } from '../../ui/price';
import { ProductForm } from './product-form';
import { useProductPin } from './use-product-pin';

type Product = op.ProductsQuery['products']['items'][number];

export function ProductList({ channelId }: { channelId: string }) {
  const products = useQuery(op.PRODUCTS, { variables: { channelId, limit: 50 } });
  const refetch = { refetchQueries: [op.PRODUCTS] };
  const [add, adding] = useMutation(op.ADD_PRODUCT, refetch);
  const [update, updating] = useMutation(op.UPDATE_PRODUCT, refetch);
  const [remove, removing] = useMutation(op.REMOVE_PRODUCT, refetch);
  const pin = useProductPin(channelId);
  // What the form is for: a new product, one being changed, or nothing.
  const [editing, setEditing] = useState<'new' | Product>();
  const items = products.data?.products.items ?? [];

  const save = (input: ProductInput) => {
    const done =
      editing === 'new' || !editing
        ? add({ variables: { channelId, input } })
        : update({ variables: { channelId, id: editing.id, input } });
    void done.then(({ error }) => !error && setEditing(undefined)).catch(() => undefined);
  };
  const saving = editing === 'new' ? adding : updating;

  return (
    <details className="products">
      <summary>Products{items.length > 0 ? ` (${items.length})` : ''}</summary>
      {products.error && (
        <p className="error" role="alert">
          Your products could not be loaded: {products.error.message}
        </p>
      )}
      {items.length === 0 && !products.loading && !editing && (
        <p className="hint">Add the products you will show, so viewers can see their price and buy them.</p>
      )}
      <ul className="product-list">
        {items.map((product) => (
          <li key={product.id} className={product.id === pin.pinnedId ? 'pinned' : undefined}>
            <span className="product-title">{product.title}</span>
            <span className="product-price">{formatPrice(product.price, product.currency)}</span>
            <span className="product-actions">
              <button
                className="button small pin"
                type="button"
                aria-pressed={product.id === pin.pinnedId}
                disabled={pin.busy}
                onClick={() => pin.toggle(product.id)}
              >
                {product.id === pin.pinnedId ? 'Pinned' : 'Pin'}
                <span className="visually-hidden"> {product.title}</span>
              </button>
              <button className="button small" type="button" onClick={() => setEditing(product)}>
                Edit<span className="visually-hidden"> {product.title}</span>
              </button>
              <button
                className="button small"
                type="button"
                disabled={removing.loading}
                onClick={() =>
                  void remove({ variables: { channelId, id: product.id } }).catch(() => undefined)
                }
              >
                Remove<span className="visually-hidden"> {product.title}</span>
              </button>
            </span>
          </li>
        ))}
      </ul>
      {(removing.error ?? pin.error) && (
        <p className="error" role="alert">
          {removing.error?.message ?? pin.error}
        </p>
      )}
      {editing ? (
        <ProductForm
          key={editing === 'new' ? 'new' : editing.id}
          initial={editing === 'new' ? undefined : toInput(editing)}
          saving={saving.loading}
          error={saving.error?.message}
          onSave={save}
          onCancel={() => setEditing(undefined)}
        />
      ) : (
        items.length < 50 && (
          <button className="button small" type="button" onClick={() => setEditing('new')}>
            Add product
          </button>
        )
      )}
    </details>
  );
}

function toInput({ title, price, currency, buyUrl, imageUrl, description }: Product): ProductInput {
  return { title, price, currency, buyUrl, imageUrl: imageUrl ?? '', description: description ?? '' };
}
