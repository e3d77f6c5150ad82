/**
 * Who Cognito's emails (sign-up codes, password resets, email changes) come from. Cognito's own
 * sender allows 50 emails a day per account, after which sign-ups and password resets silently
 * stop: a branch deployment must send through Amazon SES, or say that it accepts the limit.
 *
 * Env (read at synthesis; amplify/DEPLOY.md, "Email"):
 * - GOLIVE_EMAIL_FROM: the From header, `no-reply@live.example.com` or `GoLive <no-reply@live.example.com>`
 * - GOLIVE_SES_IDENTITY_ARN: the verified SES identity that address belongs to,
 *   `arn:aws:ses:<region>:<account>:identity/<domain or address>`
 * - GOLIVE_EMAIL_VIA_COGNITO=accept-50-per-day: waives SES for a branch (a trial, say)
 */
import { ConfigError, refused, settingsFrom, type Env } from '@golive/common/settings/environment';
import { EMAIL_ADDRESS } from '../email-address';

/** The variables read here, all empty unless set (amplify/README.md's settings table). */
export const EMAIL_DEFAULTS = {
  GOLIVE_EMAIL_FROM: '',
  GOLIVE_SES_IDENTITY_ARN: '',
  GOLIVE_EMAIL_VIA_COGNITO: '',
};

export type EmailSender =
  { kind: 'ses'; from: string; address: string; identityArn: string } | { kind: 'cognito-default' };

/** The value of GOLIVE_EMAIL_VIA_COGNITO that waives SES: it says what is given up. */
export const COGNITO_EMAIL_WAIVER = 'accept-50-per-day';

const IDENTITY_ARN = /^arn:aws[a-z-]*:ses:[a-z]{2}(-[a-z]+)+-\d:\d{12}:identity\/(?<identity>[^/\s]+)$/;

/** The address in `Name <address>` or a bare address. */
function addressIn(from: string): string | undefined {
  const address = from.match(/^[^<>]*<([^<>]+)>$/)?.[1] ?? from;
  return EMAIL_ADDRESS.test(address) ? address : undefined;
}

/** SES sends from an address it verified, or from any address at a verified domain (or below it). */
function identityCovers(identity: string, address: string): boolean {
  const wanted = identity.toLowerCase();
  const sender = address.toLowerCase();
  if (wanted.includes('@')) return sender === wanted;
  const domain = sender.split('@')[1]!;
  return domain === wanted || domain.endsWith(`.${wanted}`);
}

export function emailSender(env: Env, branch: boolean): EmailSender {
  const setting = settingsFrom(env, EMAIL_DEFAULTS);
  const from = setting.text('GOLIVE_EMAIL_FROM') || undefined;
  const identityArn = setting.text('GOLIVE_SES_IDENTITY_ARN') || undefined;
  const waiver =
    setting.text('GOLIVE_EMAIL_VIA_COGNITO', {
      test: (value) => value === COGNITO_EMAIL_WAIVER,
      allowed: `"${COGNITO_EMAIL_WAIVER}" (Cognito's sender stops after 50 emails a day)`,
    }) || undefined;
  if (from === undefined && identityArn === undefined) {
    if (branch && waiver === undefined) {
      throw new ConfigError(
        'A branch deployment sends sign-up codes and password resets through Amazon SES: set GOLIVE_EMAIL_FROM (e.g. "GoLive <no-reply@live.example.com>") and GOLIVE_SES_IDENTITY_ARN (the verified SES identity of that address or its domain). ' +
          `Cognito's own sender stops after 50 emails a day; to accept that, set GOLIVE_EMAIL_VIA_COGNITO=${COGNITO_EMAIL_WAIVER}. amplify/DEPLOY.md, "Email", says how.`,
      );
    }
    return { kind: 'cognito-default' };
  }
  if (from === undefined || identityArn === undefined) {
    throw new ConfigError('GOLIVE_EMAIL_FROM and GOLIVE_SES_IDENTITY_ARN go together: set both, or neither');
  }
  if (waiver !== undefined) {
    throw new ConfigError(
      'GOLIVE_EMAIL_VIA_COGNITO waives SES, but GOLIVE_EMAIL_FROM and GOLIVE_SES_IDENTITY_ARN are set: choose one',
    );
  }
  const address = addressIn(from);
  if (!address) {
    throw refused('GOLIVE_EMAIL_FROM', from, 'an address or "Name <address>"');
  }
  const identity = identityArn.match(IDENTITY_ARN)?.groups?.identity;
  if (!identity) {
    throw refused(
      'GOLIVE_SES_IDENTITY_ARN',
      identityArn,
      'an SES identity ARN (arn:aws:ses:<region>:<account>:identity/<domain or address>)',
    );
  }
  // Cognito refuses a From address the identity does not verify (InvalidParameterException).
  if (!identityCovers(identity, address)) {
    throw new ConfigError(
      `GOLIVE_EMAIL_FROM (${address}) is not an address the SES identity ${identity} may send from: use an address at ${identity.includes('@') ? 'exactly that' : 'that domain'}, or that address's own identity`,
    );
  }
  return { kind: 'ses', from, address, identityArn };
}
