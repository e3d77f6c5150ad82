/**
 * A product's price as a person reads it where they are: "€19.99", "$45.00", "¥1,500". The API
 * keeps the price as written (a decimal string) with its ISO 4217 currency; an unknown currency
 * reads as "19.99 XYZ" rather than failing.
 */
export function formatPrice(price: string, currency: string, locale?: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(price));
  } catch {
    return `${price} ${currency}`;
  }
}
