/**
 * The admin console at GET /graphql, in a real browser: an admin signs in and sees every channel;
 * a seller signing in gets "Not Authorized" for the same query.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, type TestBrowser } from '@golive/common/testing/browser';
import { startStackProcess, type StackProcess } from '../../testing/stack-process';

let stack: StackProcess;
let dataDir: string;
let browser: TestBrowser;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'golive-console-'));
  [stack, browser] = await Promise.all([startStackProcess({ dataDir }), launchBrowser()]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signInAndRun(username: string, password: string) {
  const page = await browser.context.newPage();
  await page.goto(stack.info.graphql.consoleUrl);
  await page.getByLabel('Email').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Signed in as ${username}` })
    .waitFor();
  await page.getByRole('button', { name: /Run/ }).click();
  await page
    .locator('#result')
    .filter({ hasText: /"(data|errors)"/ })
    .waitFor();
  const result = JSON.parse((await page.locator('#result').textContent()) ?? '{}') as {
    data?: { channels?: { items: unknown[] } };
    errors?: { errorType: string }[];
  };
  await page.close();
  return result;
}

test('an admin signs in and lists channels and endpoints', async () => {
  const admin = stack.info.demoUsers.find((user) => user.groups.includes('admins'))!;
  const result = await signInAndRun(admin.username, admin.password);
  expect(result.errors).toBeUndefined();
  expect(result.data?.channels?.items).toEqual(expect.any(Array));
});

test('a seller gets Not Authorized for admin queries', async () => {
  const seller = stack.info.demoUsers.find((user) => user.groups.includes('sellers'))!;
  const result = await signInAndRun(seller.username, seller.password);
  expect(result.errors?.map((error) => error.errorType)).toContain('Unauthorized');
});

test('a wrong password is told so', async () => {
  const page = await browser.context.newPage();
  await page.goto(stack.info.graphql.consoleUrl);
  await page.getByLabel('Email').fill('admin@example.com');
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('status').filter({ hasText: 'Incorrect username or password.' }).waitFor();
  await page.close();
});
