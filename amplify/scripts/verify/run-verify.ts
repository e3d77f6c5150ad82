/**
 * The whole check, step by step, with the clients the product itself uses: Cognito's JSON API as
 * the PWA signs in, the production API client (Apollo with AppSync's links) for the seller and for
 * a viewer with the public key, transwrap's protocol for the broadcast, plain HTTP for playback.
 * Whatever a run created (the seller, the channel) is deleted at the end, whichever step failed.
 */
import type { ApolloClient } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { WebSocket } from 'ws';
import * as op from '@golive/common/api-operations';
import { AUTH_TYPE, createApiClient, type AuthOptions } from '@golive/common/graphql-client';
import { CognitoApi, type Tokens } from '../../../app/src/auth/cognito-api';
import { ChannelStatusWatch } from './channel-status';
import { Checklist, StepFailed, type StepContext } from './checklist';
import { VerifyFailure } from './failure-hints';
import { closeFailure, IngestSession } from './ingest-session';
import type { VerifyTarget } from './outputs';
import { fetchPlaylist, fetchSegment } from './playback';
import { PATTERN_SECONDS } from './steps';
import {
  createTemporarySeller,
  deleteTemporarySeller,
  newTemporarySeller,
  type SellerExists,
} from './temporary-seller';
import { startTestPattern, TEST_PATTERN_MEDIA, type TestPattern } from './test-pattern';

// The subscription link opens `new WebSocket(...)`: a global in browsers and Node 22+, not Node 20.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A ticket must send the broadcast encrypted (plain ws:// only to this machine, locally). */
function checkIngestUrl(url: string): void {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'wss:' || (protocol === 'ws:' && LOOPBACK.has(hostname))) return;
  throw new VerifyFailure('ticket:insecure-url', `the ticket names ${url}, which is not wss://`);
}

/** Rejects when the step is aborted, so a wait that cannot be cancelled still ends with its step. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  let abort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    abort = () => reject(new VerifyFailure('timeout', 'aborted'));
    signal.addEventListener('abort', abort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener('abort', abort));
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return abortable(new Promise<void>((resolve) => setTimeout(resolve, ms).unref()), signal);
}

const isConflict = (error: unknown) =>
  CombinedGraphQLErrors.is(error) &&
  error.errors.some((entry) => (entry as { errorType?: string }).errorType === 'Conflict');

const fetchOptions = (signal: AbortSignal) => ({ fetchOptions: { signal } });

/** Deletes a channel as its owner; one still live at IVS (a run that failed mid-broadcast) is stopped first. */
async function deleteChannel(
  api: ApolloClient,
  id: string,
  { signal, waitingFor }: StepContext,
): Promise<void> {
  const remove = () =>
    api.mutate({ mutation: op.DELETE_CHANNEL, variables: { id }, context: fetchOptions(signal) });
  try {
    await remove();
    return;
  } catch (error) {
    if (!isConflict(error)) throw error;
  }
  // IVS refuses to delete a live channel: stop it, then delete once IVS has let go.
  waitingFor('graphql:Conflict', `IVS kept channel ${id} live after stopBroadcast`);
  await api.mutate({
    mutation: op.STOP_BROADCAST,
    variables: { channelId: id },
    context: fetchOptions(signal),
  });
  for (;;) {
    await delay(2000, signal);
    try {
      await remove();
      return;
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }
}

/** `interrupted`: aborted on Ctrl-C; the steps stop and clean-up runs. */
export async function runVerify(
  target: VerifyTarget,
  print: (line: string) => void,
  interrupted?: AbortSignal,
): Promise<boolean> {
  const { app } = target;
  const checklist = new Checklist(print, interrupted);
  const cognito = new CognitoIdentityProviderClient(target.admin);
  const seller = newTemporarySeller();
  const clients: ApolloClient[] = [];
  const apiClient = (auth: AuthOptions) => {
    const client = createApiClient({ url: app.graphqlUrl, region: app.region, auth });
    clients.push(client);
    return client;
  };
  let sellerExists: SellerExists = 'no';
  let sellerApi: ApolloClient | undefined;
  let channel: { id: string } | undefined;
  let watch: ChannelStatusWatch | undefined;
  let session: IngestSession | undefined;
  let pattern: TestPattern | undefined;

  print(`Verifying ${target.source}: API ${app.graphqlUrl} (${app.region})`);
  try {
    await checklist.run(
      'seller',
      ({ signal }) =>
        createTemporarySeller(cognito, app.userPoolId, seller, signal, (state) => (sellerExists = state)),
      () => `${seller.email} in sellers`,
    );

    const tokens: Tokens = await checklist.run(
      'sign-in',
      () => new CognitoApi(app.cognitoEndpoint, app.userPoolClientId).signIn(seller.email, seller.password),
      () => 'USER_PASSWORD_AUTH',
    );
    const api = (sellerApi = apiClient({
      type: AUTH_TYPE.AMAZON_COGNITO_USER_POOLS,
      jwtToken: tokens.idToken,
    }));

    const created = await checklist.run(
      'channel',
      async ({ signal }) =>
        (
          await api.mutate({
            mutation: op.CREATE_CHANNEL,
            variables: { name: `verify ${new Date().toISOString()}` },
            context: fetchOptions(signal),
          })
        ).data!.createChannel,
      ({ id }) => id,
    );
    channel = created;

    const viewer = apiClient({ type: AUTH_TYPE.API_KEY, apiKey: app.apiKey });
    const status = (watch = new ChannelStatusWatch(viewer, created.id));
    await checklist.run(
      'status',
      ({ signal, waitingFor }) => {
        waitingFor('timeout', 'no acknowledgement from the real-time endpoint');
        return abortable(status.acknowledged, signal);
      },
      () => 'onChannelStatus with the public API key',
    );

    const ticket = await checklist.run(
      'ticket',
      async ({ signal }) => {
        const issued = (
          await api.mutate({
            mutation: op.START_BROADCAST,
            variables: { channelId: created.id },
            context: fetchOptions(signal),
          })
        ).data!.startBroadcast;
        checkIngestUrl(issued.url);
        return issued;
      },
      ({ url }) => url,
    );

    const ingest = (session = await checklist.run(
      'connect',
      ({ signal }) => IngestSession.open(ticket.url, signal),
      () => 'golive-ingest.v1',
    ));
    await checklist.run(
      'hello',
      ({ signal }) => ingest.hello(ticket.ticket, tokens.accessToken, TEST_PATTERN_MEDIA, signal),
      (ready) => `ready, relay mode ${ready.mode}`,
    );

    // The pattern plays while LIVE and playback are checked, and at least PATTERN_SECONDS.
    let checked = () => {};
    const checks = new Promise<void>((resolve) => (checked = resolve));
    const publishing = checklist.run(
      'publish',
      async ({ signal }) => {
        const started = Date.now();
        let bytes = 0;
        const playing = (pattern = startTestPattern((chunk) => {
          bytes += chunk.length;
          ingest.send(chunk);
        }));
        await abortable(
          Promise.race([
            Promise.all([delay(PATTERN_SECONDS * 1000, signal), checks]),
            playing.ended,
            ingest.whenClosed(),
          ]),
          signal,
        );
        playing.finish();
        await abortable(playing.ended, signal);
        return { seconds: (Date.now() - started) / 1000, bytes };
      },
      ({ seconds, bytes }) =>
        `${seconds.toFixed(1)} s, ${Math.round(bytes / 1024)} KiB of H.264 + Opus in Matroska`,
    );
    const publishFailed = publishing.then(
      () => new Promise<never>(() => {}),
      () => {
        throw new VerifyFailure('publish:failed', 'publishing stopped (above)');
      },
    );
    publishFailed.catch(() => undefined);
    const whilePublishing =
      <T>(work: (context: StepContext) => Promise<T>) =>
      (context: StepContext) =>
        Promise.race([work(context), publishFailed]);

    let liveAt = -1;
    try {
      liveAt = await checklist.run(
        'live',
        whilePublishing(async ({ signal, waitingFor }) => {
          waitingFor('live:no-stats', 'no stats from transwrap');
          const relay = ingest
            .relayLive(signal)
            .then(() => waitingFor('live:relay-live', "transwrap's relay is live at IVS"));
          relay.catch(() => undefined);
          const tracking = setInterval(() => {
            const rtmp = ingest.lastStats?.rtmp;
            if (rtmp && rtmp !== 'live') waitingFor('live:relay-connecting', `transwrap's relay: ${rtmp}`);
          }, 500);
          try {
            return await status.waitFor('LIVE', signal);
          } finally {
            clearInterval(tracking);
          }
        }),
        () => 'the viewer saw it',
      );
      const playlist = await checklist.run(
        'playlist',
        whilePublishing((context) => fetchPlaylist(created.playbackUrl, context)),
        ({ url, segments }) => `${segments.length} segments in ${url}`,
      );
      await checklist.run(
        'segment',
        whilePublishing(({ signal }) => fetchSegment(playlist, signal)),
        (size) => `${size} bytes of media`,
      );
    } finally {
      checked();
      await publishing.catch(() => undefined);
    }
    await publishing;

    await checklist.run(
      'stop',
      async ({ signal }) => {
        const closed = await ingest.stop(signal);
        if (closed.code !== 1000) throw closeFailure(closed);
        return closed;
      },
      ({ code }) => `transwrap closed ${code}`,
    );
    await checklist.run(
      'offline',
      ({ signal }) => status.waitFor('OFFLINE', signal, liveAt),
      () => 'the viewer saw it',
    );
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    checklist.printSkipped();
  } finally {
    pattern?.kill();
    session?.leave();
    if (sellerApi) {
      const api = sellerApi;
      let found: string[] = channel ? [channel.id] : [];
      const deleted = await checklist.cleanUp('delete-channel', async (context) => {
        // Every channel the temporary seller owns: a createChannel that timed out here may still
        // have made one.
        const owned = await api.query({
          query: op.MY_CHANNELS,
          variables: { limit: 10 },
          fetchPolicy: 'no-cache',
          context: fetchOptions(context.signal),
        });
        found = [...new Set([...found, ...(owned.data?.myChannels.items.map(({ id }) => id) ?? [])])];
        for (const id of found) await deleteChannel(api, id, context);
        return found.length > 0 ? found.join(', ') : 'none was made';
      });
      if (!deleted && found.length > 0)
        print(
          `    left behind: channel ${found.join(', ')}: delete it in the admin console, or with npm run destroy`,
        );
    }
    watch?.stop();
    clients.forEach((client) => client.stop());
    if (sellerExists !== 'no') {
      const deleted = await checklist.cleanUp('delete-seller', async ({ signal }) => {
        await deleteTemporarySeller(cognito, app.userPoolId, seller, signal);
        return seller.email;
      });
      if (!deleted) print(`    left behind: user ${seller.email} in user pool ${app.userPoolId}`);
    }
    cognito.destroy();
  }
  print(
    checklist.passed
      ? 'verify passed: the deployment works end to end.'
      : interrupted?.aborted
        ? 'verify interrupted: the clean-up steps above say what was deleted.'
        : `verify FAILED: ${checklist.failures} step(s) failed (above, with their likely cause).`,
  );
  return checklist.passed;
}
