/**
 * The watch page's own read of a channel: one POST with the public API key, sent as soon as the
 * configuration is known. The page paints from it while the GraphQL client (Apollo and AppSync's
 * links, the larger part of the page's JavaScript) loads behind it for the live updates; a viewer
 * waiting on a phone sees the channel instead of a spinner meanwhile.
 */
import { print } from 'graphql';
import * as op from '@golive/common/api-operations';
import type { AppConfig } from '../../config/app-config';

export type PublicChannel = NonNullable<op.ChannelQuery['channel']>;

const QUERY = print(op.CHANNEL);

interface GraphqlResponse {
  data?: op.ChannelQuery | null;
  errors?: { message: string; errorType?: string }[];
}

/**
 * The channel, or null when there is none by that id (an id the API refuses as invalid cannot
 * exist either). Rejects with the API's own words when it could not answer.
 */
export async function readPublicChannel(
  config: Pick<AppConfig, 'graphqlUrl' | 'apiKey'>,
  id: string,
  signal: AbortSignal,
): Promise<PublicChannel | null> {
  const response = await fetch(config.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': config.apiKey },
    body: JSON.stringify({ query: QUERY, variables: { id } }),
    signal,
  });
  const body = (await response.json().catch(() => ({}))) as GraphqlResponse;
  const errors = body.errors ?? [];
  if (errors.some((error) => error.errorType === 'ValidationError')) return null;
  if (errors.length > 0) throw new Error(errors.map((error) => error.message).join(' '));
  if (!response.ok || body.data === undefined) throw new Error(`The API answered HTTP ${response.status}.`);
  return body.data?.channel ?? null;
}
