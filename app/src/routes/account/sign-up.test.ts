/**
 * A new person creates an account in the browser, confirms it with the code Cognito emails (the
 * local stack's outbox), signs in and can go live (self sign-up joins sellers); someone who forgot
 * their password resets it with an emailed code.
 */
import { poll } from '@golive/common/testing/poll';
import { lastMessageTo } from '@golive/local/cognito/outbox';
import { useApiStack } from '@golive/local/testing/api-stack';
import { useAppBrowser } from '../../testing/app-browser';

const api = useApiStack('app-sign-up');
const browser = useAppBrowser(api);

function emailedCode(to: string, after: string): Promise<string> {
  return poll(
    `a code emailed to ${to}`,
    () => {
      const message = lastMessageTo(api.stack.info.cognito.outbox, to);
      return message && message.at > after ? message.code : undefined;
    },
    10_000,
  );
}

test('sign up, confirm with the emailed code, sign in, and land on Go live as a seller', async () => {
  const email = `new-seller-${Date.now()}@example.com`;
  const { page } = browser.current;
  await browser.current.open('/sign-up');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('Brand-new-1');
  const sentAfter = new Date().toISOString();
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText(`We sent a code to ${email}`).waitFor();

  await page.getByLabel('Code').fill('000000');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByRole('alert').filter({ hasText: 'That code is not right' }).waitFor();

  await page.getByLabel('Code').fill(await emailedCode(email, sentAfter));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByText('Your email is confirmed. Sign in.').waitFor();
  // The email is filled in already.
  expect(await page.getByLabel('Email').inputValue()).toBe(email);
  await page.getByLabel('Password').fill('Brand-new-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Go live', exact: true }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/live');
});

test('an email already signed up is told to sign in instead', async () => {
  await browser.current.open('/sign-up');
  await browser.current.page.getByLabel('Email').fill('seller@example.com');
  await browser.current.page.getByLabel('Password').fill('Another-one-1');
  await browser.current.page.getByRole('button', { name: 'Create account' }).click();
  await browser.current.page.getByRole('alert').filter({ hasText: 'already exists' }).waitFor();
});

test('forgot password: a code by email, a new password, and signing in with it', async () => {
  const email = `forgetful-${Date.now()}@example.com`;
  const { page } = browser.current;
  // An account to forget the password of.
  await browser.current.open('/sign-up');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('First-pass-1');
  let after = new Date().toISOString();
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByLabel('Code').fill(await emailedCode(email, after));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByText('Your email is confirmed. Sign in.').waitFor();

  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Email').fill(email);
  after = new Date().toISOString();
  await page.getByRole('button', { name: 'Send a code' }).click();
  await page.getByLabel('Code').fill(await emailedCode(email, after));
  await page.getByLabel('New password').fill('Second-pass-2');
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.getByText('Password changed. Sign in with the new one.').waitFor();
  await page.getByLabel('Password').fill('Second-pass-2');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
});
