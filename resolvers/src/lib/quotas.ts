/** The deployment's quotas as resolvers read them (../quotas.ts), and the errors that enforce them. */
import { util, type Context } from '@aws-appsync/utils';
import { QUOTA_DEFAULTS, QUOTA_VARIABLES, type Quotas } from '../quotas';

export const QUOTA_EXCEEDED = 'QuotaExceeded';

/** A whole number of at least 0, or the default when the API has no such variable. */
function setting(env: Record<string, string> | undefined, quota: keyof Quotas): number {
  const raw = env ? env[QUOTA_VARIABLES[quota]] : undefined;
  const value = raw === undefined || raw === '' ? NaN : Number(raw);
  return value >= 0 && Math.floor(value) === value ? value : QUOTA_DEFAULTS[quota];
}

export function quotasOf(ctx: Context): Quotas {
  return {
    channelsPerSeller: setting(ctx.env, 'channelsPerSeller'),
    liveBroadcastsPerSeller: setting(ctx.env, 'liveBroadcastsPerSeller'),
    liveHoursPerMonth: setting(ctx.env, 'liveHoursPerMonth'),
    chatRetentionHours: setting(ctx.env, 'chatRetentionHours'),
  };
}

/** "1 hour", "3 hours". */
export function counted(count: number, thing: string): string {
  return `${count} ${thing}${count === 1 ? '' : 's'}`;
}

/** A quota reached: the message says the limit and what frees it; errorInfo says the same for code. */
export function refuseOverQuota(
  message: string,
  quota: keyof Quotas,
  limit: number,
  resetsAt?: string,
): never {
  return util.error(message, QUOTA_EXCEEDED, null, { quota, limit, ...(resetsAt ? { resetsAt } : {}) });
}
