/**
 * A seller with more channels than one page of the API's answer: the channel they chose last time
 * is still chosen, however old, and a channel they create is chosen at once.
 */
import { useApiStack } from '@golive/local/testing/api-stack';
import { createChannel } from '../../testing/broadcasts';
import { demoUser, useAppBrowser } from '../../testing/app-browser';

const api = useApiStack('app-channel-picker', {
  TRANSWRAP_INSTANCES: '0',
  GOLIVE_QUOTA_CHANNELS_PER_SELLER: '100',
});
const app = useAppBrowser(api);

test('with 60 channels, the oldest stays chosen, and a new one is chosen once created', async () => {
  const created: string[] = [];
  for (let index = 1; index <= 60; index++) created.push((await createChannel(api, `Stall ${index}`)).id);
  const { page } = app.current;
  // Chosen on this phone before, as the page remembers it: there before any page of the app loads
  // (signing in lands on the broadcaster page, which would otherwise choose first).
  await page.addInitScript((id) => localStorage.setItem('golive.channel', id), created[0]);
  const { username, password } = demoUser(api.stack.info, 'sellers');
  await app.current.signIn(username, password);
  await app.current.open('/live');

  const picker = page.getByLabel('Channel', { exact: true });
  await picker.waitFor();
  expect(await picker.locator('option').count()).toBe(60);
  expect(await picker.inputValue()).toBe(created[0]);

  await page.getByRole('button', { name: 'New channel' }).click();
  await page.getByLabel('New channel name').fill('Stall 61');
  await page.getByRole('button', { name: 'Create channel' }).click();
  await picker.locator('option', { hasText: 'Stall 61' }).waitFor({ state: 'attached' });
  expect(await picker.locator('option').count()).toBe(61);
  await page.waitForFunction(
    () => document.querySelector<HTMLSelectElement>('#channel')?.selectedOptions[0]?.text === 'Stall 61',
  );
}, 120_000);
