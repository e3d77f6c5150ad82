/**
 * AppSync's real-time protocol messages (subprotocol `graphql-ws`, AppSync's variant):
 * https://docs.aws.amazon.com/appsync/latest/devguide/real-time-websocket-client.html
 * Client -> server: connection_init, start, stop. Server -> client: connection_ack, connection_error,
 * ka, start_ack, data, error, complete.
 */
import type { AppSyncError } from '../errors';

export type ClientMessage =
  | { type: 'connection_init'; payload?: unknown }
  | {
      type: 'start';
      id: string;
      payload: { data: string; extensions?: { authorization?: Record<string, string> } };
    }
  | { type: 'stop'; id: string };

type ShortError = { errorType: string; message: string; errorCode?: number };

export type ServerMessage =
  | { type: 'connection_ack'; payload: { connectionTimeoutMs: number } }
  | { type: 'connection_error'; payload: { errors: ShortError[] } }
  | { type: 'ka' }
  | { type: 'start_ack'; id: string }
  | { type: 'data'; id: string; payload: { data: unknown; errors?: AppSyncError[] } }
  | { type: 'error'; id?: string; payload: { errors: (ShortError | AppSyncError)[] } }
  | { type: 'complete'; id: string };

/** AppSync limits subscription ids to 128 characters. */
export const MAX_ID_LENGTH = 128;

/** Parses one text frame; a string result is the reason it is not a valid client message. */
export function parseClientMessage(
  text: string,
): ClientMessage | { invalid: string; id?: string; type?: string } {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { invalid: 'The message is not valid JSON.' };
  }
  if (message === null || typeof message !== 'object' || Array.isArray(message))
    return { invalid: 'The message must be a JSON object.' };
  const { type, id, payload } = message as Record<string, unknown>;
  const validId = typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH;
  switch (type) {
    case 'connection_init':
      return { type };
    case 'stop':
      return validId ? { type, id } : { invalid: 'stop needs a subscription id.', type };
    case 'start': {
      if (!validId) return { invalid: `start needs an id of 1 to ${MAX_ID_LENGTH} characters.`, type };
      const data = (payload as Record<string, unknown> | null)?.data;
      if (typeof data !== 'string')
        return { invalid: 'start needs payload.data, a JSON string with the query.', id, type };
      return message as ClientMessage;
    }
    default:
      return {
        invalid: `${typeof type === 'string' ? type : 'A message without a type'} is not supported through the realtime channel.`,
        type: typeof type === 'string' ? type : undefined,
      };
  }
}
