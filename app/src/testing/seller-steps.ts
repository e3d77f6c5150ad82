/**
 * What a seller does on the broadcaster page, step by step through its UI, for the end-to-end
 * tests: go live on a new channel, add products, end the broadcast.
 */
import type { AppBrowser } from './app-browser';

/**
 * The seller opens the broadcaster page and sets "Adapt quality to my connection": on, the app
 * encodes with WebCodecs; off, with the browser's MediaRecorder.
 */
export async function openBroadcaster(
  seller: AppBrowser,
  { adaptive }: { adaptive: boolean },
): Promise<void> {
  const page = seller.page;
  await seller.open('/live');
  await page.getByText('Camera, microphone and quality').click();
  const adapt = page.getByLabel('Adapt quality to my connection');
  if ((await adapt.isChecked()) !== adaptive) await adapt.click();
}

/** The seller goes live on a new channel; returns its watch link. */
export async function goLive(
  seller: AppBrowser,
  channelName: string,
  { adaptive = true } = {},
): Promise<string> {
  await openBroadcaster(seller, { adaptive });
  await createChannel(seller, channelName);
  return pressGoLive(seller, { adaptive });
}

/** On the broadcaster page: a new channel, chosen. */
export async function createChannel(seller: AppBrowser, channelName: string): Promise<void> {
  const page = seller.page;
  const firstChannel = page.getByLabel('Name your first channel');
  await firstChannel.or(page.getByLabel('Channel', { exact: true })).waitFor();
  if (await firstChannel.isVisible()) await firstChannel.fill(channelName);
  else {
    await page.getByRole('button', { name: 'New channel' }).click();
    await page.getByLabel('New channel name').fill(channelName);
  }
  await page.getByRole('button', { name: 'Create channel' }).click();
  await page.getByRole('option', { name: channelName }).waitFor({ state: 'attached' });
}

/** Go live on the chosen channel, with the encoder openBroadcaster set; returns the watch link. */
export async function pressGoLive(seller: AppBrowser, { adaptive = true } = {}): Promise<string> {
  const page = seller.page;
  await page.getByRole('button', { name: 'Go live' }).click();
  await page.getByRole('status').filter({ hasText: 'LIVE' }).waitFor({ timeout: 30_000 });
  // The encoder the seller asked for is the one at work.
  await page
    .locator('.live-stats')
    .getByText(adaptive ? 'via WebCodecs' : 'via MediaRecorder', { exact: false })
    .waitFor({ timeout: 15_000 });
  return page.getByRole('link', { name: /\/watch\// }).innerText();
}

/** On the broadcaster page: the Products form filled in with `fields` (by label) and saved. */
export async function submitProduct(seller: AppBrowser, fields: Record<string, string>): Promise<void> {
  const page = seller.page;
  const products = page.locator('details.products');
  if ((await products.getAttribute('open')) === null) await page.getByText(/^Products/).click();
  await page.getByRole('button', { name: 'Add product' }).click();
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label).fill(value);
  await page.getByRole('button', { name: 'Save product' }).click();
}

/** On the broadcaster page: a product added through the Products form, and listed. */
export async function addProduct(seller: AppBrowser, fields: Record<string, string>): Promise<void> {
  await submitProduct(seller, fields);
  await seller.page.locator('.product-list li', { hasText: fields.Title }).waitFor();
}

export async function endBroadcast(seller: AppBrowser): Promise<void> {
  await seller.page.getByRole('button', { name: 'End broadcast' }).click();
  await seller.page.getByRole('dialog').getByRole('button', { name: 'End broadcast' }).click();
  await seller.page.getByText('Your broadcast has ended.').waitFor({ timeout: 30_000 });
}
