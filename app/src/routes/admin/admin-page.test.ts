/**
 * The admin page in a real browser against a real local stack with one transwrap instance
 * heartbeating: only admins get in; every channel with its owner and status, Stop on a stream
 * that is really live (FFmpeg publishing to the local IVS), API errors said in the dialog,
 * suspending and reinstating a channel's owner, "Show more" paging, the endpoint updating live,
 * and the GraphQL console running a query.
 */
import type { Locator, Page } from 'playwright-core';
import * as op from '@golive/common/api-operations';
import { within } from '@golive/common/testing/poll';
import { call } from '@golive/local/testing/api-clients';
import { useApiStack } from '@golive/local/testing/api-stack';
import { demoUser, openAppBrowser, type AppBrowser } from '../../testing/app-browser';
import { createChannel, reportStatus, usePublishing } from '../../testing/broadcasts';
import { CHANNELS_PAGE_SIZE, CHANNELS_POLL_MS } from './channel-paging';

const api = useApiStack('app-admin', { TRANSWRAP_INSTANCES: '1' });
let app: AppBrowser;
const publish = usePublishing(api);

beforeEach(async () => {
  app = await openAppBrowser(api.stack.info);
});
afterEach(async () => {
  await app.close();
});

async function signInAsAdmin(): Promise<void> {
  const admin = demoUser(api.stack.info, 'admins');
  await app.signIn(admin.username, admin.password);
  await app.page.getByRole('heading', { name: 'Admin', exact: true }).waitFor();
}

/** A table row by the name in its header cell (a channel's name, an endpoint's id). */
function rowOf(page: Page, table: string, name: string): Locator {
  return page
    .getByRole('table', { name: table })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

const statusOf = (row: Locator, status: string) => row.getByRole('cell', { name: status, exact: true });

test('a seller, or nobody, opening /admin sees "Admins only" and a way to sign in', async () => {
  await app.open('/admin');
  await app.page.getByRole('heading', { name: 'Admins only' }).waitFor();
  expect(await app.page.getByRole('main').getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(
    '/sign-in',
  );

  const seller = demoUser(api.stack.info, 'sellers');
  await app.signIn(seller.username, seller.password);
  await app.open('/admin');
  await app.page.getByRole('heading', { name: 'Admins only' }).waitFor();
  await app.page
    .getByText(`You are signed in as ${seller.username}, which is not an admin account.`)
    .waitFor();
  expect(
    await app.page.getByRole('main').getByRole('link', { name: 'Sign in as an admin' }).getAttribute('href'),
  ).toBe('/sign-in');
  expect(await app.page.getByRole('table').count()).toBe(0);
  expect(app.errors).toEqual([]);
});

test("the admin sees a seller's channel with its owner and status, and the transwrap endpoint heartbeating live", async () => {
  const channel = await createChannel(api, 'Admin list check');
  await signInAsAdmin();

  const row = rowOf(app.page, 'Channels', channel.name);
  await row.waitFor({ timeout: 15_000 });
  await row.getByRole('cell', { name: demoUser(api.stack.info, 'sellers').username }).waitFor();
  await statusOf(row, 'Offline').waitFor();
  expect(await row.getByRole('button', { name: /^Stop/ }).count()).toBe(0); // nothing to stop
  expect(await row.getByRole('link', { name: /^Watch/ }).count()).toBe(0);

  const endpointId = api.stack.info.transwrap[0]!.id;
  const endpoint = rowOf(app.page, 'Endpoints', endpointId);
  await statusOf(endpoint, 'Active').waitFor({ timeout: 15_000 });
  await endpoint.getByRole('cell', { name: /^\d+ \/ \d+$/ }).waitFor(); // sessions / capacity
  await endpoint.getByRole('cell', { name: /^\d+%$/ }).waitFor(); // load
  await endpoint
    .getByRole('cell', { name: new URL(api.stack.info.transwrap[0]!.url).host, exact: false })
    .waitFor();

  // Heartbeats (every 5 s) arrive through onEndpointChanged: no reload, and the page does not
  // poll endpoints. Two in a row, since the one re-read when the subscription starts could
  // account for one.
  const heartbeat = endpoint.locator('time');
  let seen = await heartbeat.getAttribute('datetime');
  for (let change = 0; change < 2; change++) {
    await app.page.waitForFunction(
      ([selector, before]) => document.querySelector(selector)?.getAttribute('datetime') !== before,
      ['[aria-labelledby="endpoints-title"] time', seen] as const,
      { timeout: 15_000 },
    );
    const next = await heartbeat.getAttribute('datetime');
    expect(Date.parse(next!)).toBeGreaterThan(Date.parse(seen!));
    seen = next;
  }
  await endpoint.getByRole('cell', { name: /^(just now|\d+ s ago)$/ }).waitFor();
  expect(app.errors).toEqual([]);
}, 60_000);

test('the admin stops a live stream: Stop, confirm in a dialog, and the channel goes offline', async () => {
  const channel = await createChannel(api, 'Admin stop check');
  const publisher = await publish(channel.id, 120);

  await signInAsAdmin();
  const row = rowOf(app.page, 'Channels', channel.name);
  await statusOf(row, 'Live').waitFor({ timeout: 30_000 });
  expect(await row.getByRole('link', { name: `Watch ${channel.name}` }).getAttribute('href')).toBe(
    `/watch/${channel.id}`,
  );

  // Cancelling (Escape) stops nothing and gives focus back to Stop.
  const stop = row.getByRole('button', { name: `Stop ${channel.name}` });
  await stop.click();
  const dialog = app.page.getByRole('dialog', { name: `Stop “${channel.name}”?` });
  await dialog.waitFor();
  expect(await app.page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
  await app.page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  expect(await stop.evaluate((button) => button === document.activeElement)).toBe(true);
  await statusOf(row, 'Live').waitFor();

  await stop.click();
  await dialog.getByRole('button', { name: 'Stop broadcast' }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
  await statusOf(row, 'Offline').waitFor({ timeout: 30_000 });
  expect(await row.getByRole('button', { name: /^Stop/ }).count()).toBe(0);
  // Focus went back to Stop, and from there (Stop is gone) to the status that replaced it.
  expect(await statusOf(row, 'Offline').evaluate((cell) => cell === document.activeElement)).toBe(true);
  // IVS really cut the stream: the publisher was disconnected.
  await within('FFmpeg to be disconnected', publisher.exited, 15_000);
  expect(app.errors).toEqual([]);
}, 120_000);

test('an API error while stopping is said in the dialog (the channel was deleted meanwhile)', async () => {
  const channel = await createChannel(api, 'Admin error check');
  // Connecting, as transwrap reports while it dials IVS: Stop is offered.
  const report = await call(api.who.clients.service, op.REPORT_STREAM_STATUS, {
    input: { channelId: channel.id, status: 'CONNECTING', at: new Date().toISOString() },
  });
  expect(report.errors).toEqual([]);

  await signInAsAdmin();
  const row = rowOf(app.page, 'Channels', channel.name);
  await statusOf(row, 'Connecting').waitFor({ timeout: 15_000 });
  await row.getByRole('button', { name: `Stop ${channel.name}` }).click();
  const dialog = app.page.getByRole('dialog', { name: `Stop “${channel.name}”?` });
  await dialog.waitFor();

  expect((await call(api.who.clients.seller, op.DELETE_CHANNEL, { id: channel.id })).errors).toEqual([]);
  await dialog.getByRole('button', { name: 'Stop broadcast' }).click();
  const alert = dialog.getByRole('alert');
  await alert.waitFor({ timeout: 15_000 });
  expect(await alert.textContent()).toBe('The broadcast was not stopped: Channel not found.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
  // The next refresh drops the deleted channel.
  await row.waitFor({ state: 'detached', timeout: 20_000 });
  expect(app.errors).toEqual([]);
}, 60_000);

test("the admin suspends a channel's owner with a reason, sees them listed, and reinstates them", async () => {
  const channel = await createChannel(api, 'Admin suspend check', 'otherSeller');
  const me = await call<op.MeQuery>(api.who.clients.otherSeller, op.ME);
  const owner = me.data!.me.id;
  const startBroadcast = () =>
    call(api.who.clients.otherSeller, op.START_BROADCAST, { channelId: channel.id });
  try {
    await signInAsAdmin();
    const row = rowOf(app.page, 'Channels', channel.name);
    await row.getByRole('button', { name: `Suspend owner of ${channel.name}` }).click();
    const dialog = app.page.getByRole('dialog', { name: /^Suspend .+\?$/ });
    await dialog.getByLabel('Reason (shown to the seller)').fill('Selling counterfeit goods');
    await dialog.getByRole('button', { name: 'Suspend seller' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 });

    await row.getByText('· suspended').waitFor({ timeout: 15_000 });
    expect(await row.getByRole('button', { name: /^Suspend owner/ }).count()).toBe(0);
    const listed = rowOf(app.page, 'Suspended sellers', owner);
    await listed.getByRole('cell', { name: 'Selling counterfeit goods' }).waitFor();
    expect((await startBroadcast()).errors).toEqual([
      expect.objectContaining({ errorType: 'SellerSuspended' }),
    ]);

    await listed.getByRole('button', { name: `Reinstate ${owner}` }).click();
    await listed.waitFor({ state: 'detached', timeout: 15_000 });
    await app.page.getByText('No seller is suspended.').waitFor();
    await row.getByRole('button', { name: `Suspend owner of ${channel.name}` }).waitFor();
    expect((await startBroadcast()).errors).toEqual([]);
    expect(app.errors).toEqual([]);
  } finally {
    await call(api.who.clients.admin, op.REINSTATE_SELLER, { userId: owner });
  }
}, 60_000);

test('"Show more" brings the next page of channels, and polling keeps both pages', async () => {
  const listed = async () => {
    const channels: { id: string; name: string }[] = [];
    let nextToken: string | null | undefined;
    do {
      const { data } = await call<op.ChannelsQuery>(api.who.clients.admin, op.CHANNELS, {
        limit: 50,
        nextToken,
      });
      channels.push(...data!.channels.items);
      nextToken = data!.channels.nextToken;
    } while (nextToken);
    return channels;
  };
  for (let existing = (await listed()).length; existing <= CHANNELS_PAGE_SIZE; existing++)
    await createChannel(api, `Filler ${existing + 1}`, 'otherSeller');
  const channels = await listed();
  const total = channels.length;

  await signInAsAdmin();
  const names = app.page.getByRole('table', { name: 'Channels' }).getByRole('rowheader');
  await names.nth(CHANNELS_PAGE_SIZE - 1).waitFor({ timeout: 15_000 });
  expect(await names.count()).toBe(CHANNELS_PAGE_SIZE);
  await app.page.getByRole('button', { name: 'Show more' }).click();
  await names.nth(total - 1).waitFor({ timeout: 15_000 });
  expect(await app.page.getByRole('button', { name: 'Show more' }).count()).toBe(0);
  // Past the first page's next poll, both pages are still there. An offline channel on that page
  // goes on air: offline rows follow only the poll, so once the row says so, the poll has been shown.
  const firstPage = app.page.getByRole('table', { name: 'Channels' }).getByRole('rowgroup').nth(1);
  const offline = firstPage
    .getByRole('row')
    .filter({ has: app.page.getByRole('cell', { name: 'Offline', exact: true }) });
  const name = await offline.first().getByRole('rowheader').textContent();
  const polled = channels.find((channel) => channel.name === name)!;
  await reportStatus(api, polled.id, 'CONNECTING');
  await statusOf(rowOf(app.page, 'Channels', polled.name), 'Connecting').waitFor({
    timeout: CHANNELS_POLL_MS + 10_000,
  });
  expect(await names.count()).toBe(total);
  await reportStatus(api, polled.id, 'OFFLINE');
  expect(app.errors).toEqual([]);
}, 60_000);

test('the GraphQL console loads only when opened, and runs a query as the admin', async () => {
  const channel = await createChannel(api, 'Admin console check');
  const consoleChunks: string[] = [];
  app.page.on('request', (request) => {
    if (/\/graphql-console-[^/]*\.js$/.test(request.url())) consoleChunks.push(request.url());
  });
  await signInAsAdmin();
  // The page is up with its channels (which page holds this one depends on scan order).
  await app.page
    .getByRole('table', { name: 'Channels' })
    .getByRole('row')
    .nth(1)
    .waitFor({ timeout: 15_000 });
  expect(consoleChunks).toEqual([]);

  await app.page.getByRole('button', { name: 'Open the console' }).click();
  const run = app.page.getByRole('button', { name: /^Execute query/ });
  await run.waitFor({ timeout: 20_000 });
  expect(consoleChunks).toHaveLength(1);

  await app.page.locator('.graphiql-query-editor .CodeMirror').click();
  await app.page.keyboard.press('Control+A');
  // Earlier tests leave more than a page of channels: ask for all of them.
  await app.page.keyboard.insertText('{ channels(limit: 100) { items { id name } } }');
  await run.click();
  const result = app.page.getByRole('region', { name: 'Result Window' });
  await result.getByText('"channels"').waitFor({ timeout: 15_000 });
  // The whole response (CodeMirror draws only the lines in view).
  const text = await result
    .locator('.CodeMirror')
    .evaluate((editor) =>
      (editor as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue(),
    );
  expect(text).toContain(`"name": "${channel.name}"`);
  expect(text).toContain(`"${channel.id}"`);
  expect(text).not.toContain('"ownerEmail"'); // the query typed here ran, not the console's example
  expect(text).not.toContain('"errors"');
  expect(app.errors).toEqual([]);
}, 60_000);
