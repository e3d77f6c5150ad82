/** What the stack and a service child tell each other over the IPC channel. */

/** Stack to child, first and once: the service's config (it may hold secrets, so never argv). */
export interface ConfigMessage {
  type: 'config';
  config: unknown;
}

/** Child to stack: the service answers, and this is where. */
export interface ReadyMessage<Details> {
  type: 'ready';
  details: Details;
}

const ofType = (message: unknown, type: string) =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;

export function isConfigMessage(message: unknown): message is ConfigMessage {
  return ofType(message, 'config');
}

export function isReadyMessage<Details>(message: unknown): message is ReadyMessage<Details> {
  return ofType(message, 'ready');
}
