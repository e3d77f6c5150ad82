/** Input checks. Each failure is a ValidationError that names the argument and what it accepts. */
import { util } from '@aws-appsync/utils';

export const VALIDATION_ERROR = 'ValidationError';
export const CHANNEL_NAME_MAX = 64;
export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZE_MAX = 100;
export const TOKEN_MAX = 200;

/** A display name: 1 to 64 characters after trimming, no control characters or angle brackets. */
export function channelName(raw: string): string {
  const name = raw.trim();
  if (name.length === 0 || name.length > CHANNEL_NAME_MAX) {
    util.error(`name must be 1 to ${CHANNEL_NAME_MAX} characters long.`, VALIDATION_ERROR);
  }
  if (!util.matches('^[^\\x00-\\x1f\\x7f<>]+$', name)) {
    util.error('name must not contain control characters or < >.', VALIDATION_ERROR);
  }
  return name;
}

export function pageSize(limit: number | null | undefined): number {
  if (limit === null || limit === undefined) return PAGE_SIZE_DEFAULT;
  if (limit < 1 || limit > PAGE_SIZE_MAX) {
    util.error(`limit must be between 1 and ${PAGE_SIZE_MAX}.`, VALIDATION_ERROR);
  }
  return limit;
}

/** Ids and tokens are short strings of letters, digits, - and _; anything else is refused before it reaches a table. */
export function identifier(argument: string, value: string): string {
  if (value.length === 0 || value.length > TOKEN_MAX || !util.matches('^[A-Za-z0-9_-]+$', value)) {
    util.error(`${argument} is not a valid identifier.`, VALIDATION_ERROR);
  }
  return value;
}

export function range(argument: string, value: number, min: number, max: number): number {
  if (value < min || value > max)
    util.error(`${argument} must be between ${min} and ${max}.`, VALIDATION_ERROR);
  return value;
}

/** Free text an admin writes for a user to read: 1 to `max` characters after trimming, no control characters. */
export function note(argument: string, raw: string, max: number): string {
  const text = raw.trim();
  if (text.length === 0 || text.length > max) {
    util.error(`${argument} must be 1 to ${max} characters long.`, VALIDATION_ERROR);
  }
  if (!util.matches('^[^\\x00-\\x1f\\x7f]+$', text)) {
    util.error(`${argument} must not contain control characters.`, VALIDATION_ERROR);
  }
  return text;
}

/** IVS names a channel by ARN (arn:aws:ivs:<region>:<account>:channel/<id>); the id is its last part. */
export function channelIdOfArn(field: string, arn: string): string {
  if (arn.length > 200 || !util.matches('^arn:aws:ivs:[a-z0-9-]+:[0-9]{12}:channel/[A-Za-z0-9]+$', arn))
    util.error(`${field} is not an IVS channel ARN.`, VALIDATION_ERROR);
  return arn.split('/')[1] ?? '';
}
