/**
 * The local stack's stand-in for email: the messages Cognito would send (sign-up confirmation and
 * password reset codes) are appended to `outbox.jsonl` in the Cognito data folder, readable only
 * by this user, for a person (or a test) to read the code from. cognito-local would print them
 * to its log instead; codes do not belong in logs.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

export const OUTBOX_FILE = 'outbox.jsonl';

export interface OutboxMessage {
  at: string;
  to: string;
  username: string;
  code: string;
  subject?: string;
}

interface MessageSenderClass {
  prototype: {
    sendEmail(
      ctx: unknown,
      user: { Username: string },
      destination: string,
      message: { __code: string; emailSubject?: string },
    ): Promise<void>;
  };
}

export function deliverMessagesTo(path: string, sender: MessageSenderClass): void {
  sender.prototype.sendEmail = (_ctx, user, destination, message) => {
    const entry: OutboxMessage = {
      at: new Date().toISOString(),
      to: destination,
      username: user.Username,
      code: message.__code,
      subject: message.emailSubject,
    };
    appendFileSync(path, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
    return Promise.resolve();
  };
}

/** The newest message to an address, if any. */
export function lastMessageTo(path: string, to: string): OutboxMessage | undefined {
  if (!existsSync(path)) return undefined;
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OutboxMessage)
    .filter((message) => message.to === to)
    .at(-1);
}
