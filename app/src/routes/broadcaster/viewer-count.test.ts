/**
 * A seller sees how many watch, large on the preview: 0 when live, 2 when two viewers open the
 * watch page, 1 when one of them closes it, within the local IVS's lag (a viewer counts once their
 * player waits at the live edge, and stops counting 5 s after leaving; the stack reads the counts
 * every 2 s). Viewers see the count too. Real stack: transwrap, the local IVS counting the players'
 * playlist requests, the poller, the API and its subscription.
 */
import { useApiStack } from '@golive/local/testing/api-stack';
import { demoUser, openAppBrowser, type AppBrowser } from '../../testing/app-browser';
import { endBroadcast, goLive } from '../../testing/seller-steps';
import { videoPlays } from '../../testing/video-probe';

const api = useApiStack('app-viewer-count', { TRANSWRAP_INSTANCES: '1' });
let seller: AppBrowser;
let viewers: AppBrowser[] = [];

beforeAll(async () => {
  seller = await openAppBrowser(api.stack.info);
  const { username, password } = demoUser(api.stack.info, 'sellers');
  await seller.signIn(username, password);
}, 90_000);

afterAll(async () => {
  await Promise.all([seller, ...viewers].map((browser) => browser?.close()));
});

test('the seller watches the viewer count go 0 -> 2 -> 1 as viewers open and close the watch page', async () => {
  const watchLink = await goLive(seller, 'Counted');
  const count = (n: number) => seller.page.getByRole('status', { name: `${n} watching` });
  await count(0).waitFor();

  viewers = await Promise.all([openAppBrowser(api.stack.info), openAppBrowser(api.stack.info)]);
  for (const viewer of viewers) {
    await viewer.page.goto(watchLink);
    await videoPlays(viewer.page, 'video', 45_000);
  }
  await count(2).waitFor({ timeout: 20_000 });
  await viewers[0]!.page.getByText('· 2 watching').waitFor({ timeout: 20_000 });

  await viewers[1]!.close();
  await count(1).waitFor({ timeout: 20_000 });
  await viewers[0]!.page.getByText('· 1 watching').waitFor({ timeout: 20_000 });

  await endBroadcast(seller);
  expect(viewers[0]!.errors).toEqual([]);
}, 180_000);
