/**
 * Live chat during a broadcast, as people use it (Chromium, real stack: transwrap, the local IVS,
 * the API and its real-time endpoint): the seller goes live; Ana and Bob, signed in, and an
 * anonymous viewer watch. Bob first sees "Sign in to chat", which brings him back to the channel.
 * They chat with the seller (HTML is shown as the text it is); the seller deletes one of Bob's
 * messages and mutes him from the overlay on the camera preview, and both take effect live on
 * every screen; Ana reloads and sees the last messages, each once; the seller unmutes Bob, and
 * turns the chat off and on. A viewer whose connection
 * drops misses nothing and repeats nothing once it is back.
 */
import type { Page } from 'playwright-core';
import { useApiStack } from '@golive/local/testing/api-stack';
import { call, createUser } from '@golive/local/testing/api-clients';
import { chatName as nameOf, say as sayOverApi } from '@golive/local/testing/chat-clients';
import * as op from '@golive/common/api-operations';
import { demoUser, openAppBrowser, type AppBrowser } from '../../testing/app-browser';
import { createChannel, reportStatus } from '../../testing/broadcasts';
import { endBroadcast, goLive } from '../../testing/seller-steps';

const api = useApiStack('app-chat', { TRANSWRAP_INSTANCES: '1' });
const browsers: AppBrowser[] = [];

async function browser(): Promise<AppBrowser> {
  const opened = await openAppBrowser(api.stack.info);
  browsers.push(opened);
  return opened;
}

afterAll(async () => {
  await Promise.all(browsers.map((opened) => opened.close()));
});

const chatOf = (page: Page) => page.getByRole('list', { name: 'Chat messages' });
const line = (page: Page, text: string) => chatOf(page).getByRole('listitem').filter({ hasText: text });

async function chooseName(page: Page, name: string): Promise<void> {
  await page.getByLabel('Chat name').fill(name);
  await page.getByRole('button', { name: 'Save chat name' }).click();
  await page.getByLabel(`Message as ${name}`).waitFor();
}

async function say(page: Page, name: string, text: string): Promise<void> {
  await page.getByLabel(`Message as ${name}`).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByLabel(`Message as ${name}`).and(page.locator('input:placeholder-shown')).waitFor();
}

test('two viewers and the seller chat live; deleting and muting reach everyone; a reload shows each message once', async () => {
  const seller = await browser();
  const sellerUser = demoUser(api.stack.info, 'sellers');
  await seller.signIn(sellerUser.username, sellerUser.password);
  const watchLink = await goLive(seller, 'Chatty');
  await chooseName(seller.page, 'Studio Sam');

  await createUser(api.stack.info, 'ana@example.com', 'Ana-chats-1', []);
  await createUser(api.stack.info, 'bob@example.com', 'Bob-chats-1', []);
  const ana = await browser();
  await ana.signIn('ana@example.com', 'Ana-chats-1');
  await ana.page.goto(watchLink);
  await chooseName(ana.page, 'Ana');

  // Bob comes signed out: the chat sends him to sign in, and back to this channel.
  const bob = await browser();
  await bob.page.goto(watchLink);
  await bob.page.getByRole('link', { name: 'Sign in to chat' }).click();
  await bob.page.getByLabel('Email').fill('bob@example.com');
  await bob.page.getByLabel('Password').fill('Bob-chats-1');
  await bob.page.getByRole('button', { name: 'Sign in' }).click();
  await bob.page.waitForURL(watchLink);
  await chooseName(bob.page, 'Bob');

  const anonymous = await browser();
  await anonymous.page.goto(watchLink);
  await anonymous.page.getByRole('link', { name: 'Sign in to chat' }).waitFor();
  const everyone = [seller, ana, bob, anonymous].map((opened) => opened.page);
  const viewers = [ana.page, bob.page, anonymous.page];

  const question = 'Is the mug <b>dishwasher</b> safe? <script>document.title="owned"</script>';
  await say(ana.page, 'Ana', question);
  for (const page of viewers) await line(page, question).waitFor();
  await seller.page.getByRole('list', { name: 'Chat on your preview' }).getByText(question).waitFor();
  for (const page of everyone) {
    expect(await page.locator('.chat-lines b, .chat-lines script').count()).toBe(0);
    expect(await page.title()).not.toBe('owned');
  }

  await say(seller.page, 'Studio Sam', 'Yes, it is dishwasher safe!');
  for (const page of viewers) await line(page, 'Yes, it is dishwasher safe!').getByText('Seller').waitFor();

  const overlay = seller.page.getByRole('list', { name: 'Chat on your preview' });
  await say(bob.page, 'Bob', 'cheap followers at spam.example');
  await say(bob.page, 'Bob', 'Bob was here');
  for (const page of viewers) await line(page, 'Bob was here').waitFor();

  // The seller deletes Bob's spam from the overlay on the preview: gone for everyone.
  const spam = overlay.getByRole('listitem').filter({ hasText: 'cheap followers' });
  await spam.locator('summary').click();
  await spam.getByRole('button', { name: 'Delete message' }).click();
  for (const page of viewers) await line(page, 'cheap followers').waitFor({ state: 'detached' });

  // ...and mutes Bob for 10 minutes: his messages go, and he is told.
  const bobsLine = overlay.getByRole('listitem').filter({ hasText: 'Bob was here' });
  await bobsLine.locator('summary').click();
  await bobsLine.getByRole('button', { name: 'Mute Bob for 10 minutes' }).click();
  await bob.page.getByText(/^You are muted in this chat until /).waitFor();
  for (const page of [ana.page, anonymous.page])
    await line(page, 'Bob was here').waitFor({ state: 'detached' });
  await seller.page.getByText('Bob is muted').waitFor();

  // Ana reloads: the last messages, each once, without the deleted one or the muted user's.
  await ana.page.reload();
  await line(ana.page, 'Yes, it is dishwasher safe!').waitFor();
  expect(await chatOf(ana.page).getByRole('listitem').allInnerTexts()).toEqual([
    expect.stringContaining(question),
    expect.stringContaining('Yes, it is dishwasher safe!'),
  ]);

  // The seller lets Bob talk again: he can write, and his message is back for everyone.
  await seller.page.getByText('Bob is muted').getByRole('button', { name: 'Unmute' }).click();
  await bob.page.getByLabel('Message as Bob').waitFor();
  await line(ana.page, 'Bob was here').waitFor();
  await line(anonymous.page, 'Bob was here').waitFor();

  // Chat off and on again, from the seller's switch: viewers are told at once.
  const chatSwitch = seller.page.getByRole('region', { name: 'Chat' }).getByLabel('Chat on');
  await chatSwitch.uncheck();
  await ana.page.getByText('The seller turned the chat off.').waitFor();
  await chatSwitch.check();
  await ana.page.getByLabel('Message as Ana').waitFor();

  await endBroadcast(seller);
  for (const opened of browsers) expect(opened.errors).toEqual([]);
}, 240_000);

test('a viewer whose connection drops sees, once it is back, what was said meanwhile and not what was deleted, each once', async () => {
  const channelId = (await createChannel(api, 'Patchy')).id;
  // About to go live: the chat is open, and the page has no player to wait for.
  await reportStatus(api, channelId, 'CONNECTING');
  await nameOf(api.who.clients.otherSeller, 'Rita');
  const first = await sayOverApi(api.who.clients.otherSeller, channelId, 'first, soon deleted');
  await sayOverApi(api.who.clients.otherSeller, channelId, 'second');

  const viewer = await browser();
  // The page's WebSockets, and a switch that makes new ones fail: the network "down".
  await viewer.page.addInitScript(() => {
    const Native = window.WebSocket;
    const state = { down: false, sockets: [] as WebSocket[] };
    (window as unknown as { network: typeof state }).network = state;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(state.down ? 'ws://127.0.0.1:9/' : url, protocols);
        state.sockets.push(this);
      }
    };
  });
  await viewer.page.goto(new URL(`/watch/${channelId}`, api.stack.info.app.url).href);
  await line(viewer.page, 'second').waitFor();

  await viewer.page.evaluate(() => {
    const { network } = window as unknown as { network: { down: boolean; sockets: WebSocket[] } };
    network.down = true;
    for (const socket of network.sockets) socket.close();
  });
  await sayOverApi(api.who.clients.otherSeller, channelId, 'third, said while the viewer was away');
  await call(api.who.clients.seller, op.DELETE_CHAT_MESSAGE, { channelId, id: first.id });
  await viewer.page.evaluate(() => {
    (window as unknown as { network: { down: boolean } }).network.down = false;
  });

  await line(viewer.page, 'third, said while the viewer was away').waitFor({ timeout: 30_000 });
  await line(viewer.page, 'first, soon deleted').waitFor({ state: 'detached' });
  expect(await chatOf(viewer.page).getByRole('listitem').allInnerTexts()).toEqual([
    expect.stringContaining('second'),
    expect.stringContaining('third, said while the viewer was away'),
  ]);
  expect(viewer.errors).toEqual([]);
}, 120_000);
