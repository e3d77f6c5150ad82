/**
 * A seller keeps the products they will show, on the broadcaster page: adds two, is told what is
 * wrong with a link the API refuses, changes a price and removes one; each shows with its price as
 * viewers read it, and anyone watching the channel can read them from the API.
 */
import * as op from '@golive/common/api-operations';
import { call } from '@golive/local/testing/api-clients';
import { useApiStack } from '@golive/local/testing/api-stack';
import { demoUser, useAppBrowser } from '../../testing/app-browser';
import { submitProduct } from '../../testing/seller-steps';

const api = useApiStack('app-products', { TRANSWRAP_INSTANCES: '0' });
const app = useAppBrowser(api);

test('a seller adds, corrects, changes and removes products; viewers can read them', async () => {
  const { page } = app.current;
  const { username, password } = demoUser(api.stack.info, 'sellers');
  await app.current.signIn(username, password);
  await app.current.open('/live');
  await page.getByLabel('Name your first channel').fill('Market day');
  await page.getByRole('button', { name: 'Create channel' }).click();
  await page.getByLabel('Channel', { exact: true }).waitFor();

  const addProduct = (fields: Record<string, string>) => submitProduct(app.current, fields);
  const listed = () => page.locator('.product-list li').allInnerTexts();

  await addProduct({
    Title: 'Stoneware mug',
    Price: '19.99',
    Currency: 'EUR',
    'Link to buy': 'https://shop.example/mug',
    'Image link (optional)': 'https://images.shop.example/mug.jpg',
    'Description (optional)': 'Hand-glazed.',
  });
  await page.locator('.product-list li', { hasText: 'Stoneware mug' }).getByText('€19.99').waitFor();

  // The browser takes an http link as a URL; the API does not, and says why.
  await addProduct({
    Title: 'Wool scarf',
    Price: '45',
    Currency: 'usd',
    'Link to buy': 'http://shop.example/scarf',
  });
  await page.getByRole('alert').filter({ hasText: 'buyUrl must be an https:// address' }).waitFor();
  await page.getByLabel('Link to buy').fill('https://shop.example/scarf');
  await page.getByRole('button', { name: 'Save product' }).click();
  await page.getByText('Products (2)').waitFor();
  expect((await listed()).map((text) => text.split('\n').slice(0, 2).join(' '))).toEqual([
    'Stoneware mug €19.99',
    'Wool scarf $45.00',
  ]);

  await page.getByRole('button', { name: 'Edit Stoneware mug' }).click();
  expect(await page.getByLabel('Description (optional)').inputValue()).toBe('Hand-glazed.');
  await page.getByLabel('Price').fill('21');
  await page.getByRole('button', { name: 'Save product' }).click();
  await page.locator('.product-list li', { hasText: 'Stoneware mug' }).getByText('€21.00').waitFor();

  await page.getByRole('button', { name: 'Remove Wool scarf' }).click();
  await page.getByText('Products (1)').waitFor();

  const channelId = new URL(await page.getByRole('link', { name: /\/watch\// }).innerText()).pathname.split(
    '/',
  )[2]!;
  const { data } = await call<op.ProductsQuery>(api.who.clients.viewer, op.PRODUCTS, { channelId });
  expect(data!.products.items).toEqual([
    expect.objectContaining({
      title: 'Stoneware mug',
      price: '21',
      currency: 'EUR',
      buyUrl: 'https://shop.example/mug',
      imageUrl: 'https://images.shop.example/mug.jpg',
      description: 'Hand-glazed.',
    }),
  ]);
}, 120_000);
