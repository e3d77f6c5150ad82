/**
 * A product a seller shows on a channel, as stored in the products table, and the rules its fields
 * follow. Each failure is a ValidationError that names the field and what it accepts.
 */
import { util, type Context } from '@aws-appsync/utils';
import type { Product, ProductInput } from '@golive/common/generated/schema-types';
import { NOT_FOUND, refuseFailedCondition } from './results';
import { VALIDATION_ERROR } from './validate';

/** Stored as the API returns it. */
export type ProductItem = Product;

/** How many products one channel keeps: what a seller can show in one sale, and a bound on reads. */
export const PRODUCTS_PER_CHANNEL = 50;
export const PRODUCT_TITLE_MAX = 120;
export const PRODUCT_DESCRIPTION_MAX = 500;
export const URL_MAX = 2048;

/** What a product input says, checked and trimmed. */
export type ProductFields = Pick<Product, 'title' | 'price' | 'currency' | 'buyUrl'> & {
  imageUrl: string | null;
  description: string | null;
};

function text(field: string, raw: string, max: number, pattern: string, what: string): string {
  const value = raw.trim();
  if (value.length === 0 || value.length > max)
    util.error(`${field} must be 1 to ${max} characters long.`, VALIDATION_ERROR);
  if (!util.matches(pattern, value)) util.error(`${field} must not contain ${what}.`, VALIDATION_ERROR);
  return value;
}

/** An https address with a host: what a viewer's browser may be sent to, or may load an image from. */
function httpsUrl(field: string, raw: string): string {
  const url = raw.trim();
  if (url.length > URL_MAX)
    util.error(`${field} must be at most ${URL_MAX} characters long.`, VALIDATION_ERROR);
  if (!util.matches('^https://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?([/?#][^\\s<>"]*)?$', url))
    util.error(`${field} must be an https:// address, e.g. https://shop.example/item.`, VALIDATION_ERROR);
  return url;
}

export function productFields(input: ProductInput): ProductFields {
  const price = input.price.trim();
  // A decimal in the currency's major unit, as written on a price tag: 19.99, 1500, 0.5.
  if (!util.matches('^(0|[1-9][0-9]{0,8})(\\.[0-9]{1,2})?$', price))
    util.error(
      'price must be a number like 19.99: digits, at most 2 decimals, no currency sign.',
      VALIDATION_ERROR,
    );
  const currency = input.currency.trim();
  if (!util.matches('^[A-Z]{3}$', currency))
    util.error('currency must be a 3-letter ISO 4217 code such as EUR or USD.', VALIDATION_ERROR);
  const description = (input.description ?? '').trim();
  return {
    title: text(
      'title',
      input.title,
      PRODUCT_TITLE_MAX,
      '^[^\\x00-\\x1f\\x7f<>]+$',
      'control characters or < >',
    ),
    price,
    currency,
    buyUrl: httpsUrl('buyUrl', input.buyUrl),
    imageUrl: input.imageUrl && input.imageUrl.trim() ? httpsUrl('imageUrl', input.imageUrl) : null,
    // Plain text: line breaks are kept, other control characters are not.
    description: description
      ? text(
          'description',
          description,
          PRODUCT_DESCRIPTION_MAX,
          '^[^\\x00-\\x09\\x0b-\\x1f\\x7f]+$',
          'control characters',
        )
      : null,
  };
}

/** The condition under which a product is changed or removed: it exists, and is that channel's. */
export function productOfChannel(channelId: string) {
  return {
    expression: 'attribute_exists(id) AND channelId = :channelId',
    expressionValues: util.dynamodb.toMapValues({ ':channelId': channelId }),
  };
}

/** No such product, or another channel's (which this caller need not learn): the same answer. */
const NOT_IN_CHANNEL = 'Product not found in this channel.';

/** A failed condition (productOfChannel) is NOT_IN_CHANNEL; any other error is passed on. */
export function productNotInChannel(ctx: Context): void {
  refuseFailedCondition(ctx, NOT_IN_CHANNEL, NOT_FOUND);
}

/** A product item read by id, if it is `channelId`'s; else NotFound, as for no product. */
export function productIn(channelId: string, product: ProductItem | null): ProductItem {
  if (!product || product.channelId !== channelId) util.error(NOT_IN_CHANNEL, NOT_FOUND);
  return product;
}
