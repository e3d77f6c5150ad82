/**
 * A seller pins one of a channel's products for its viewers, switches it and unpins it. Viewers
 * already watching hear each change on onProductPin; viewers who come later read the current pin
 * on the channel. Only the channel's own products can be pinned, a removed product is no longer
 * shown, and a later pin is never undone by an earlier one. Real local stack (resolvers over
 * DynamoDB, the IvsControl Lambda against the local IVS); the stream side is in
 * app/src/routes/watch/product-pin.test.ts.
 */
import * as op from '@golive/common/api-operations';
import { call } from '../testing/api-clients';
import { useApiStack } from '../testing/api-stack';
import { collect } from '../testing/subscriptions';

const api = useApiStack('product-pins');

const MUG = { title: 'Stoneware mug', price: '19.99', currency: 'EUR', buyUrl: 'https://shop.example/mug' };
const SCARF = { title: 'Wool scarf', price: '45', currency: 'USD', buyUrl: 'https://shop.example/scarf' };

async function channelWithProducts(name: string) {
  const created = await call<op.CreateChannelMutation>(api.who.clients.seller, op.CREATE_CHANNEL, { name });
  const channelId = created.data!.createChannel.id;
  const add = async (input: typeof MUG) =>
    (await call<op.AddProductMutation>(api.who.clients.seller, op.ADD_PRODUCT, { channelId, input })).data!
      .addProduct;
  return { channelId, mug: await add(MUG), scarf: await add(SCARF) };
}

const pin = (channelId: string, productId: string) =>
  call<op.PinProductMutation>(api.who.clients.seller, op.PIN_PRODUCT, { channelId, productId });
const unpin = (channelId: string) =>
  call<op.UnpinProductMutation>(api.who.clients.seller, op.UNPIN_PRODUCT, { channelId });
const pinned = async (channelId: string) =>
  (await call<op.ChannelPinQuery>(api.who.clients.viewer, op.CHANNEL_PIN, { id: channelId })).data!.channel!;

test('pin, switch, unpin: watching viewers are told each change, later viewers read the current pin', async () => {
  const { channelId, mug, scarf } = await channelWithProducts('Pins');
  expect(await pinned(channelId)).toMatchObject({ pinnedProduct: null, pinnedAt: null });
  const watching = collect<op.OnProductPinSubscription>(api.who.clients.viewer, op.ON_PRODUCT_PIN, {
    channelId,
  });
  await watching.ready;

  // Not on air: the pin is saved, nothing is put into a stream (IVS has none), no error.
  const first = await pin(channelId, mug.id);
  expect(first.errors).toEqual([]);
  expect(first.data!.pinProduct).toMatchObject({ channelId, product: { id: mug.id, title: MUG.title } });
  const pinAt = first.data!.pinProduct.at;
  expect((await watching.next((event) => event.onProductPin?.at === pinAt)).onProductPin).toEqual(
    first.data!.pinProduct,
  );
  expect(await pinned(channelId)).toMatchObject({
    pinnedProduct: { id: mug.id, price: '19.99' },
    pinnedAt: pinAt,
  });

  const switched = await pin(channelId, scarf.id);
  expect(
    (await watching.next((event) => event.onProductPin?.product?.id === scarf.id)).onProductPin,
  ).toMatchObject({ channelId });
  expect(Date.parse(switched.data!.pinProduct.at)).toBeGreaterThanOrEqual(Date.parse(pinAt));
  expect((await pinned(channelId)).pinnedProduct).toMatchObject({ id: scarf.id });

  const off = await unpin(channelId);
  expect(off.data!.unpinProduct).toMatchObject({ channelId, product: null });
  await watching.next((event) => event.onProductPin?.product === null);
  expect(watching.events).toHaveLength(3);
  expect(await pinned(channelId)).toMatchObject({ pinnedProduct: null, pinnedAt: off.data!.unpinProduct.at });
  watching.stop();
});

test("only the channel's own products can be pinned, and a removed product is no longer shown", async () => {
  const mine = await channelWithProducts('Mine');
  const other = await channelWithProducts('Other');
  const foreign = await pin(mine.channelId, other.mug.id);
  expect(foreign.errors).toEqual([
    expect.objectContaining({ errorType: 'NotFound', message: 'Product not found in this channel.' }),
  ]);
  expect((await pin(mine.channelId, 'no-such-product')).errors[0]).toMatchObject({ errorType: 'NotFound' });

  await pin(mine.channelId, mine.mug.id);
  await call(api.who.clients.seller, op.REMOVE_PRODUCT, { channelId: mine.channelId, id: mine.mug.id });
  expect((await pinned(mine.channelId)).pinnedProduct).toBeNull();
});

test.each([
  ['an empty product id', { productId: '' }, 'productId'],
  ['a product id with a slash', { productId: 'a/b' }, 'productId'],
  ['an empty channel id', { channelId: '' }, 'channelId'],
])('%s is a ValidationError that names the field', async (_case, change, field) => {
  const { channelId, mug } = await channelWithProducts('Bad input');
  const { errors } = await call(api.who.clients.seller, op.PIN_PRODUCT, {
    channelId,
    productId: mug.id,
    ...change,
  });
  expect(errors[0]).toMatchObject({ errorType: 'ValidationError' });
  expect(errors[0]!.message).toContain(field);
});
