/** What a service child tells the stack over the IPC channel. */
export interface ReadyMessage<Details> {
  type: 'ready';
  details: Details;
}

export function isReadyMessage<Details>(message: unknown): message is ReadyMessage<Details> {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'ready';
}
