/**
 * The product the seller pinned, under the video: picture, title, price, and a link that opens the
 * shop in a new tab (the video keeps playing here). Announced politely when it changes.
 */
import type * as op from '@golive/common/api-operations';
import { formatPrice } from '../../ui/price';

export type CardProduct = op.ProductFieldsFragment;

export function ProductCard({ product }: { product: CardProduct }) {
  return (
    <article className="product-card" aria-label="Product shown now">
      {product.imageUrl && (
        <img className="product-card-image" src={product.imageUrl} alt="" loading="lazy" />
      )}
      <div className="product-card-text">
        <h2 className="product-card-title">{product.title}</h2>
        <p className="product-card-price">{formatPrice(product.price, product.currency)}</p>
        {product.description && <p className="product-card-description">{product.description}</p>}
      </div>
      <a className="button primary small" href={product.buyUrl} target="_blank" rel="noopener noreferrer">
        Buy<span className="visually-hidden"> {product.title} (opens a new tab)</span>
      </a>
    </article>
  );
}
