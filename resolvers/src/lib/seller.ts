/**
 * The seller item (sellers table, keyed by Cognito sub): whether the seller is suspended, and how
 * many seconds their channels were LIVE in each calendar month (UTC). One item per seller, so one
 * read tells startBroadcast both. A month's seconds are added when a broadcast leaves LIVE
 * (functions/recordLiveTime.ts), to the month it left LIVE in.
 */
import { util } from '@aws-appsync/utils';
import type { Seller } from '@golive/common/generated/schema-types';

export const SUSPENDED = 'SUSPENDED';
export const SELLER_SUSPENDED = 'SellerSuspended';
export const SUSPENSION_REASON_MAX = 500;

export interface SellerItem {
  id: string;
  /** 'SUSPENDED' while suspended, absent otherwise: the bySuspension index holds only suspended sellers. */
  suspension?: typeof SUSPENDED;
  suspendedAt?: string;
  suspendedReason?: string;
  /** The admin (Cognito sub) who suspended them. */
  suspendedBy?: string;
  /** `liveSeconds:<YYYY-MM>`: seconds LIVE in that month. */
  [liveSecondsInMonth: `liveSeconds:${string}`]: number | undefined;
}

/** The calendar month (UTC) of an ISO 8601 time: 2026-03-31T23:59:59Z is 2026-03. */
export function monthOf(isoTime: string): string {
  return isoTime.substring(0, 7);
}

export function thisMonth(): string {
  return monthOf(util.time.nowISO8601());
}

export function liveSecondsAttribute(month: string): `liveSeconds:${string}` {
  return `liveSeconds:${month}`;
}

export function liveSecondsIn(seller: SellerItem | null | undefined, month: string): number {
  return (seller ? seller[liveSecondsAttribute(month)] : undefined) ?? 0;
}

/** When the month after `month` (YYYY-MM) begins, UTC. */
export function nextMonthStart(month: string): string {
  const year = Number(month.substring(0, 4));
  const number = Number(month.substring(5, 7));
  const next = number === 12 ? `${year + 1}-01` : `${year}-${number < 9 ? '0' : ''}${number + 1}`;
  return `${next}-01T00:00:00.000Z`;
}

export function refuseIfSuspended(seller: SellerItem | null | undefined): void {
  if (seller?.suspension !== SUSPENDED) return;
  util.error(
    `Your seller account is suspended: ${seller.suspendedReason ?? 'no reason given'}. Broadcasting and new channels are blocked until an admin reinstates it.`,
    SELLER_SUSPENDED,
  );
}

/** The GraphQL Seller of an item (or of a seller with no item yet). */
export function sellerView(id: string, item: SellerItem | null | undefined): Seller {
  const suspended = item?.suspension === SUSPENDED;
  return {
    userId: id,
    suspended,
    suspendedReason: suspended ? (item?.suspendedReason ?? null) : null,
    suspendedAt: suspended ? (item?.suspendedAt ?? null) : null,
    liveHoursThisMonth: Math.round((liveSecondsIn(item, thisMonth()) / 3600) * 100) / 100,
  };
}
