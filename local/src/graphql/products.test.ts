/**
 * A seller keeps the products they show on a channel: adds, changes and removes them; anyone who
 * may watch the channel reads them. Every bad field is refused with an error that names it, a
 * product is only ever changed through its own channel, and a channel holds at most 50. Real
 * local stack: the resolvers over DynamoDB, called as each identity.
 */
import * as op from '@golive/common/api-operations';
import { call } from '../testing/api-clients';
import { useApiStack } from '../testing/api-stack';

const api = useApiStack('products');

const MUG = {
  title: 'Stoneware mug',
  price: '19.99',
  currency: 'EUR',
  imageUrl: 'https://images.shop.example/mug.jpg',
  buyUrl: 'https://shop.example/mug?ref=live#buy',
  description: 'Hand-glazed.\nDishwasher safe.',
};
const SCARF = { title: 'Wool scarf', price: '45', currency: 'USD', buyUrl: 'https://shop.example/scarf' };

async function newChannel(name: string): Promise<string> {
  const { data, errors } = await call<op.CreateChannelMutation>(api.who.clients.seller, op.CREATE_CHANNEL, {
    name,
  });
  if (!data) throw new Error(JSON.stringify(errors));
  return data.createChannel.id;
}

const add = (channelId: string, input: Record<string, unknown>) =>
  call<op.AddProductMutation>(api.who.clients.seller, op.ADD_PRODUCT, { channelId, input });

const listed = async (channelId: string) =>
  (await call<op.ProductsQuery>(api.who.clients.viewer, op.PRODUCTS, { channelId })).data!.products.items;

test('a seller adds products, changes one and removes one; viewers read them oldest first', async () => {
  const channelId = await newChannel('Pottery');
  const mug = (await add(channelId, MUG)).data!.addProduct;
  const scarf = (await add(channelId, SCARF)).data!.addProduct;
  expect(mug).toMatchObject({ ...MUG, channelId });
  expect(scarf).toMatchObject({ ...SCARF, imageUrl: null, description: null });

  // Anyone who may watch the channel, signed in or not, sees its products.
  expect((await listed(channelId)).map((product) => product.title)).toEqual(['Stoneware mug', 'Wool scarf']);

  const changed = await call<op.UpdateProductMutation>(api.who.clients.seller, op.UPDATE_PRODUCT, {
    channelId,
    id: mug.id,
    input: { ...SCARF, title: 'Stoneware mug, blue', price: '21' },
  });
  expect(changed.errors).toEqual([]);
  // Replaced whole: the fields left out are cleared.
  expect(changed.data!.updateProduct).toMatchObject({
    id: mug.id,
    title: 'Stoneware mug, blue',
    price: '21',
    imageUrl: null,
    description: null,
    createdAt: mug.createdAt,
  });

  const removed = await call<op.RemoveProductMutation>(api.who.clients.seller, op.REMOVE_PRODUCT, {
    channelId,
    id: scarf.id,
  });
  expect(removed.data!.removeProduct).toMatchObject({ id: scarf.id, title: 'Wool scarf' });
  expect((await listed(channelId)).map((product) => product.id)).toEqual([mug.id]);
});

test('what a seller writes is kept as text: markup is not refused in a description, and not interpreted', async () => {
  const channelId = await newChannel('Markup');
  const description = '<b>Bold</b> & <script>alert(1)</script>';
  const { data, errors } = await add(channelId, { ...SCARF, description });
  expect(errors).toEqual([]);
  expect(data!.addProduct.description).toBe(description);
});

test.each([
  ['title', { title: '   ' }, 'title must be 1 to 120 characters long.'],
  ['title', { title: 'x'.repeat(121) }, 'title must be 1 to 120 characters long.'],
  ['title', { title: 'Mug <img src=x>' }, 'title must not contain control characters or < >.'],
  ['price', { price: '19.999' }, 'price must be a number like 19.99'],
  ['price', { price: '-5' }, 'price must be a number like 19.99'],
  ['price', { price: '€19' }, 'price must be a number like 19.99'],
  ['price', { price: '1e5' }, 'price must be a number like 19.99'],
  ['price', { price: '007' }, 'price must be a number like 19.99'],
  ['currency', { currency: 'eur' }, 'currency must be a 3-letter ISO 4217 code'],
  ['currency', { currency: 'EURO' }, 'currency must be a 3-letter ISO 4217 code'],
  ['buyUrl', { buyUrl: 'http://shop.example/mug' }, 'buyUrl must be an https:// address'],
  ['buyUrl', { buyUrl: 'javascript:alert(1)' }, 'buyUrl must be an https:// address'],
  ['buyUrl', { buyUrl: 'https://' }, 'buyUrl must be an https:// address'],
  ['buyUrl', { buyUrl: 'https://shop.example/a b' }, 'buyUrl must be an https:// address'],
  [
    'buyUrl',
    { buyUrl: `https://shop.example/${'x'.repeat(2048)}` },
    'buyUrl must be at most 2048 characters',
  ],
  ['imageUrl', { imageUrl: 'data:image/png;base64,iVBORw0KGgo=' }, 'imageUrl must be an https:// address'],
  ['description', { description: 'x'.repeat(501) }, 'description must be 1 to 500 characters long.'],
  ['description', { description: 'bell\u0007' }, 'description must not contain control characters.'],
])('a bad %s is a ValidationError that says what it accepts: %p', async (_field, change, message) => {
  const channelId = await sharedChannel();
  const { data, errors } = await add(channelId, { ...MUG, ...change });
  expect(data?.addProduct ?? null).toBeNull();
  expect(errors).toEqual([expect.objectContaining({ errorType: 'ValidationError' })]);
  expect(errors[0]!.message).toContain(message);
});

let shared: string | undefined;
async function sharedChannel(): Promise<string> {
  shared ??= await newChannel('Bad input');
  return shared;
}

test("a product is changed or removed only through its own channel: another channel's, or none, is NotFound", async () => {
  const [home, other] = [await newChannel('Home'), await newChannel('Other')];
  const mug = (await add(home, MUG)).data!.addProduct;
  for (const [channelId, id] of [
    [other, mug.id],
    [home, 'no-such-product'],
  ] as const) {
    const update = await call(api.who.clients.seller, op.UPDATE_PRODUCT, { channelId, id, input: SCARF });
    const remove = await call(api.who.clients.seller, op.REMOVE_PRODUCT, { channelId, id });
    for (const { errors } of [update, remove])
      expect(errors).toEqual([
        expect.objectContaining({ errorType: 'NotFound', message: 'Product not found in this channel.' }),
      ]);
  }
  expect((await listed(home)).map((product) => product.title)).toEqual(['Stoneware mug']);
});

test('a channel holds at most 50 products: the 51st is QuotaExceeded, and a removal makes room', async () => {
  const channelId = await newChannel('Warehouse');
  const added: string[] = [];
  for (let index = 0; index < 50; index++)
    added.push((await add(channelId, { ...SCARF, title: `Scarf ${index}` })).data!.addProduct.id);
  const over = await add(channelId, SCARF);
  expect(over.errors).toEqual([
    expect.objectContaining({
      errorType: 'QuotaExceeded',
      message: 'A channel holds at most 50 products. Remove one to add another.',
    }),
  ]);
  await call(api.who.clients.seller, op.REMOVE_PRODUCT, { channelId, id: added[0] });
  expect((await add(channelId, SCARF)).errors).toEqual([]);
});
