/**
 * Signing in and out in a real browser against the local stack's Cognito: the right home for
 * each role, a clear message for a wrong password, and staying signed in across a reload.
 */
import { useApiStack } from '@golive/local/testing/api-stack';
import { demoUser, useAppBrowser } from '../../testing/app-browser';

const api = useApiStack('app-sign-in');
const browser = useAppBrowser(api);

test('a seller signs in, lands on Go live, stays signed in after a reload, and signs out', async () => {
  const seller = demoUser(api.stack.info, 'sellers');
  await browser.current.signIn(seller.username, seller.password);
  expect(new URL(browser.current.page.url()).pathname).toBe('/live');
  await browser.current.page.reload();
  await browser.current.page.getByRole('button', { name: 'Sign out' }).waitFor();
  await browser.current.page.getByRole('button', { name: 'Sign out' }).click();
  const { page } = browser.current;
  await page.getByRole('navigation').getByRole('link', { name: 'Sign in' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/');
  // No offer to go live is left anywhere on the page.
  await page
    .getByRole('link', { name: 'Go live', exact: true })
    .first()
    .waitFor({ state: 'detached', timeout: 5000 });
});

test('an admin lands on Admin, and sees no Go live', async () => {
  const admin = demoUser(api.stack.info, 'admins');
  await browser.current.signIn(admin.username, admin.password);
  expect(new URL(browser.current.page.url()).pathname).toBe('/admin');
  expect(await browser.current.page.getByRole('link', { name: 'Go live' }).count()).toBe(0);
});

test('a wrong password says so and signs nobody in', async () => {
  const seller = demoUser(api.stack.info, 'sellers');
  await browser.current.open('/sign-in');
  await browser.current.page.getByLabel('Email').fill(seller.username);
  await browser.current.page.getByLabel('Password').fill('not-the-password');
  await browser.current.page.getByRole('button', { name: 'Sign in' }).click();
  await browser.current.page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
  expect(new URL(browser.current.page.url()).pathname).toBe('/sign-in');
});
