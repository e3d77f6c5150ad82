import { formatPrice } from './price';

test.each([
  ['19.99', 'EUR', 'en-GB', '€19.99'],
  ['45', 'USD', 'en-US', '$45.00'],
  ['1500', 'JPY', 'en-US', '¥1,500'],
  ['19.9', 'EUR', 'de-DE', '19,90 €'],
])('%s %s in %s reads %p', (price, currency, locale, expected) => {
  expect(formatPrice(price, currency, locale).replace(/\s/g, ' ')).toBe(expected);
});

test('a code Intl does not know still shows the price and the code', () => {
  expect(formatPrice('5', 'ZZ1', 'en-US')).toBe('5 ZZ1');
});
