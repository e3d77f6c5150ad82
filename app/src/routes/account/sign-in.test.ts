/**
 * Signing in and out in a real browser against the local stack's Cognito: the right home for
 * each role, a clear message for a wrong password, and staying signed in across a reload.
 */
import { useApiStack } from '@golive/local/graphql/testing/api-stack';
import { demoUser, openAppBrowser, type AppBrowser } from '../../testing/app-browser';

const api = useApiStack('app-sign-in');
let app: AppBrowser;

beforeEach(async () => {
  app = await openAppBrowser(api.stack.info);
});
afterEach(async () => {
  expect(app.errors).toEqual([]);
  await app.close();
});

test('a seller signs in, lands on Go live, stays signed in after a reload, and signs out', async () => {
  const seller = demoUser(api.stack.info, 'sellers');
  await app.signIn(seller.username, seller.password);
  expect(new URL(app.page.url()).pathname).toBe('/live');
  await app.page.reload();
  await app.page.getByRole('button', { name: 'Sign out' }).waitFor();
  await app.page.getByRole('button', { name: 'Sign out' }).click();
  await app.page.getByRole('navigation').getByRole('link', { name: 'Sign in' }).waitFor();
  expect(await app.page.getByRole('link', { name: 'Go live' }).count()).toBe(0);
});

test('an admin lands on Admin, and sees no Go live', async () => {
  const admin = demoUser(api.stack.info, 'admins');
  await app.signIn(admin.username, admin.password);
  expect(new URL(app.page.url()).pathname).toBe('/admin');
  expect(await app.page.getByRole('link', { name: 'Go live' }).count()).toBe(0);
});

test('a wrong password says so and signs nobody in', async () => {
  const seller = demoUser(api.stack.info, 'sellers');
  await app.open('/sign-in');
  await app.page.getByLabel('Email').fill(seller.username);
  await app.page.getByLabel('Password').fill('not-the-password');
  await app.page.getByRole('button', { name: 'Sign in' }).click();
  await app.page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
  expect(new URL(app.page.url()).pathname).toBe('/sign-in');
});
