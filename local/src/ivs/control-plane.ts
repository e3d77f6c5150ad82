/**
 * The IVS control plane as @aws-sdk/client-ivs sees it: REST-JSON (`POST /<Operation>`, JSON body),
 * SigV4 (service `ivs`) checked for every request, IVS's response shapes and error types.
 * Operations: CreateChannel, GetChannel, ListChannels, DeleteChannel, CreateStreamKey,
 * GetStreamKey, ListStreamKeys, DeleteStreamKey, GetStream, ListStreams, StopStream, PutMetadata.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { verifySigV4, type SigV4Credentials } from '../aws/sigv4';
import { closeAfterAnswer, readBody, RefusedBody } from '../process/request-body';
import { arnOf, parseArn, randomId, streamKeyValue } from './ivs-arn';
import { IvsError } from './ivs-errors';
import type { ChannelRecord, IvsStore, StreamKeyRecord } from './ivs-store';

export interface IvsControlPlaneOptions {
  store: IvsStore;
  region: string;
  accountId: string;
  credentials: SigV4Credentials;
  /** host[:port] reported as every channel's ingestEndpoint. */
  ingestEndpoint: string;
  /** Where HLS is served; playbackUrl = <base>/api/video/v1/<region>.<account>.channel.<id>.m3u8, like IVS. */
  playbackBaseUrl: string;
  /** How many watch a channel's live stream now (GetStream's viewerCount), by channel id. */
  viewerCount?: (channelId: string) => number;
  /** Other routes on the same server (HLS playback); returns true when it answered the request. */
  serveOther?: (request: IncomingMessage, response: ServerResponse) => boolean;
}

type Body = Record<string, unknown>;
/** PutMetadata's limits, as IVS documents them: 1 KB a request, 5 requests a second a channel. */
export const METADATA_MAX_BYTES = 1024;
export const METADATA_PER_SECOND = 5;
/** Every IVS request is a small JSON document; anything larger is refused before it is read. */
const MAX_BODY_BYTES = 64 * 1024;

const invalid = (message: string) => new IvsError('ValidationException', message);

/** The body as text. One too large gets 413 (and its connection closed) without being read. */
async function bodyOf(request: IncomingMessage, response: ServerResponse): Promise<string> {
  try {
    return (await readBody(request, MAX_BODY_BYTES)).toString('utf8');
  } catch (error) {
    if (!(error instanceof RefusedBody)) throw error;
    closeAfterAnswer(request, response);
    throw error.status === 413
      ? new IvsError('RequestEntityTooLargeException', error.message)
      : invalid(error.message);
  }
}

function channelArnArgument(body: Body, field: string): string {
  const arn = body[field];
  if (!parseArn(arn, 'channel'))
    throw invalid(
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws:ivs:[a-z0-9-]+:[0-9]+:channel/[a-zA-Z0-9-]+$`,
    );
  return arn as string;
}

function keyArnArgument(body: Body): string {
  if (!parseArn(body.arn, 'stream-key'))
    throw invalid(
      `1 validation error detected: Value at 'arn' failed to satisfy constraint: Member must be a stream key ARN`,
    );
  return body.arn as string;
}

function tagsArgument(body: Body): Record<string, string> {
  const tags = body.tags ?? {};
  if (
    typeof tags !== 'object' ||
    tags === null ||
    Array.isArray(tags) ||
    Object.values(tags).some((v) => typeof v !== 'string')
  ) {
    throw invalid('tags must map strings to strings.');
  }
  if (Object.keys(tags).length > 50) throw invalid('A resource may have at most 50 tags.');
  return tags as Record<string, string>;
}

/** maxResults and nextToken (an opaque offset) over a list. */
function paginate<T>(items: T[], body: Body, max: number): { page: T[]; nextToken?: string } {
  const limit = body.maxResults ?? max;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > max) {
    throw invalid(`maxResults must be between 1 and ${max}.`);
  }
  let offset = 0;
  if (body.nextToken !== undefined && body.nextToken !== '') {
    if (typeof body.nextToken !== 'string') throw invalid('The nextToken is not valid.');
    offset = Number(Buffer.from(body.nextToken, 'base64url').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0) throw invalid('The nextToken is not valid.');
  }
  const page = items.slice(offset, offset + limit);
  const next =
    offset + limit < items.length ? Buffer.from(String(offset + limit)).toString('base64url') : undefined;
  return { page, ...(next ? { nextToken: next } : {}) };
}

export function createIvsControlPlane(options: IvsControlPlaneOptions): Server {
  const { store, region, accountId } = options;

  const channelView = (channel: ChannelRecord) => ({
    arn: channel.arn,
    name: channel.name,
    latencyMode: channel.latencyMode,
    type: channel.type,
    authorized: channel.authorized,
    insecureIngest: channel.insecureIngest,
    recordingConfigurationArn: channel.recordingConfigurationArn,
    preset: channel.preset,
    tags: channel.tags,
    ingestEndpoint: options.ingestEndpoint,
    playbackUrl: `${options.playbackBaseUrl}/api/video/v1/${region}.${accountId}.channel.${channel.id}.m3u8`,
    playbackRestrictionPolicyArn: '',
    containerFormat: 'TS',
  });
  const channelSummary = ({
    ingestEndpoint: _i,
    playbackUrl: _p,
    containerFormat: _c,
    ...summary
  }: ReturnType<typeof channelView>) => summary;
  const keyView = (key: StreamKeyRecord) => ({
    arn: key.arn,
    channelArn: key.channelArn,
    tags: key.tags,
    value: key.value,
  });

  function channel(arn: string): ChannelRecord {
    const found = store.channels.get(arn);
    if (!found) throw new IvsError('ResourceNotFoundException', `Channel not found: ${arn}`);
    return found;
  }

  function newKey(channelArn: string, tags: Record<string, string>): StreamKeyRecord {
    const key = {
      arn: arnOf(region, accountId, 'stream-key', randomId()),
      channelArn,
      value: streamKeyValue(region),
      tags,
    };
    store.streamKeys.set(key.arn, key);
    return key;
  }

  const viewersOf = (channelArn: string) => options.viewerCount?.(channel(channelArn).id) ?? 0;

  function liveStream(channelArn: string) {
    channel(channelArn);
    const stream = store.streams.get(channelArn);
    if (!stream) throw new IvsError('ChannelNotBroadcasting', `Channel is not broadcasting: ${channelArn}`);
    return stream;
  }

  /** Each channel's PutMetadata times in the last second. */
  const metadataCalls = new Map<string, number[]>();
  function throttleMetadata(channelArn: string): void {
    const now = Date.now();
    const recent = (metadataCalls.get(channelArn) ?? []).filter((at) => now - at < 1000);
    if (recent.length >= METADATA_PER_SECOND)
      throw new IvsError('ThrottlingException', `Request rate exceeded for PutMetadata on ${channelArn}.`);
    metadataCalls.set(channelArn, [...recent, now]);
  }

  const operations: Record<string, (body: Body) => { status?: number; body?: unknown }> = {
    CreateChannel(body) {
      const name = body.name ?? '';
      if (typeof name !== 'string' || name.length > 128 || !/^[a-zA-Z0-9-_]*$/.test(name)) {
        throw invalid(
          `1 validation error detected: Value at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9-_]*$`,
        );
      }
      const latencyMode = body.latencyMode ?? 'LOW';
      const type = body.type ?? 'STANDARD';
      if (latencyMode !== 'LOW' && latencyMode !== 'NORMAL')
        throw invalid('latencyMode must be LOW or NORMAL.');
      if (typeof type !== 'string' || !['STANDARD', 'BASIC', 'ADVANCED_SD', 'ADVANCED_HD'].includes(type))
        throw invalid('type is not a channel type.');
      const id = randomId();
      const record: ChannelRecord = {
        arn: arnOf(region, accountId, 'channel', id),
        id,
        name,
        latencyMode,
        type: type as ChannelRecord['type'],
        authorized: body.authorized === true,
        insecureIngest: body.insecureIngest === true,
        recordingConfigurationArn:
          typeof body.recordingConfigurationArn === 'string' ? body.recordingConfigurationArn : '',
        preset: '',
        tags: tagsArgument(body),
        createdAt: new Date().toISOString(),
      };
      store.channels.set(record.arn, record);
      const key = newKey(record.arn, {});
      store.save();
      return { body: { channel: channelView(record), streamKey: keyView(key) } };
    },
    GetChannel: (body) => ({ body: { channel: channelView(channel(channelArnArgument(body, 'arn'))) } }),
    ListChannels(body) {
      const filter = body.filterByName;
      const all = [...store.channels.values()].filter(
        (c) => typeof filter !== 'string' || c.name.startsWith(filter),
      );
      const { page, nextToken } = paginate(all, body, 100);
      return { body: { channels: page.map((c) => channelSummary(channelView(c))), nextToken } };
    },
    DeleteChannel(body) {
      const arn = channelArnArgument(body, 'arn');
      channel(arn);
      if (store.streams.has(arn))
        throw new IvsError('ConflictException', 'Unable to delete channel while it is live.');
      for (const key of store.keysOf(arn)) store.streamKeys.delete(key.arn);
      store.channels.delete(arn);
      store.save();
      return { status: 204 };
    },
    CreateStreamKey(body) {
      const channelArn = channelArnArgument(body, 'channelArn');
      channel(channelArn);
      if (store.keysOf(channelArn).length > 0) {
        throw new IvsError(
          'ServiceQuotaExceededException',
          'Request would exceed the limit of 1 stream key per channel.',
        );
      }
      const key = newKey(channelArn, tagsArgument(body));
      store.save();
      return { body: { streamKey: keyView(key) } };
    },
    GetStreamKey(body) {
      const key = store.streamKeys.get(keyArnArgument(body));
      if (!key) throw new IvsError('ResourceNotFoundException', `Stream key not found: ${String(body.arn)}`);
      return { body: { streamKey: keyView(key) } };
    },
    ListStreamKeys(body) {
      const channelArn = channelArnArgument(body, 'channelArn');
      channel(channelArn);
      const { page, nextToken } = paginate(store.keysOf(channelArn), body, 50);
      return {
        body: {
          streamKeys: page.map(({ arn, channelArn: owner, tags }) => ({ arn, channelArn: owner, tags })),
          nextToken,
        },
      };
    },
    DeleteStreamKey(body) {
      const arn = keyArnArgument(body);
      if (!store.streamKeys.delete(arn))
        throw new IvsError('ResourceNotFoundException', `Stream key not found: ${arn}`);
      store.save();
      return { status: 204 };
    },
    GetStream(body) {
      const stream = liveStream(channelArnArgument(body, 'channelArn'));
      const { playbackUrl } = channelView(channel(stream.channelArn));
      return { body: { stream: { ...stream, playbackUrl, viewerCount: viewersOf(stream.channelArn) } } };
    },
    ListStreams(body) {
      const { page, nextToken } = paginate([...store.streams.values()], body, 100);
      return {
        body: {
          streams: page.map((stream) => ({ ...stream, viewerCount: viewersOf(stream.channelArn) })),
          nextToken,
        },
      };
    },
    PutMetadata(body) {
      const arn = channelArnArgument(body, 'channelArn');
      const { metadata } = body;
      if (typeof metadata !== 'string' || metadata.length === 0)
        throw invalid(
          "1 validation error detected: Value at 'metadata' failed to satisfy constraint: Member must not be empty",
        );
      if (Buffer.byteLength(metadata, 'utf8') > METADATA_MAX_BYTES)
        throw invalid(
          `1 validation error detected: Value at 'metadata' failed to satisfy constraint: Member must have length less than or equal to ${METADATA_MAX_BYTES}`,
        );
      liveStream(arn);
      throttleMetadata(arn);
      store.emit('putMetadata', arn, metadata);
      return { status: 204 };
    },
    StopStream(body) {
      const arn = channelArnArgument(body, 'channelArn');
      liveStream(arn);
      store.emit('stopStream', arn);
      return { body: {} };
    },
  };

  return createServer((request, response) => {
    const reply = (status: number, body?: unknown, errorType?: string) => {
      if (response.headersSent || response.destroyed) return;
      response.writeHead(status, {
        'content-type': 'application/json',
        'x-amzn-requestid': randomId(8),
        ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
      });
      response.end(body === undefined ? '' : JSON.stringify(body));
    };
    void (async () => {
      try {
        if (options.serveOther?.(request, response)) return;
        const text = await bodyOf(request, response);
        const verdict = await verifySigV4(
          { method: request.method ?? '', path: request.url ?? '/', headers: request.headers, body: text },
          { credentials: options.credentials, region, service: 'ivs' },
        );
        if (!verdict.ok) throw new IvsError(verdict.errorType, verdict.message);
        const name = new URL(request.url ?? '/', 'http://localhost').pathname.slice(1);
        const operation = request.method === 'POST' ? operations[name] : undefined;
        if (!operation)
          return reply(
            404,
            { message: `Unknown operation ${request.method ?? ''} /${name}` },
            'UnknownOperationException',
          );
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : {};
        } catch {
          throw invalid('The request body is not valid JSON.');
        }
        if (body === null || typeof body !== 'object' || Array.isArray(body))
          throw invalid('The request body must be a JSON object.');
        const result = operation(body as Body);
        reply(result.status ?? 200, result.body);
      } catch (error) {
        if (error instanceof IvsError)
          return reply(error.status, { exceptionMessage: error.message, message: error.message }, error.type);
        console.error('ivs: unexpected error', error);
        reply(500, { message: 'Internal error' }, 'InternalServerException');
      }
    })();
  });
}
