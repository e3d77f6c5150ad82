/**
 * The suspended sellers (the latest suspension first), shared by the Sellers section and the
 * channel rows, which offer Suspend only for owners not already suspended. A deployment with more
 * than a page of them shows the first page; the rest are still refused by the API.
 */
import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import * as op from '@golive/common/api-operations';

export type SuspendedSeller = op.SuspendedSellersQuery['suspendedSellers']['items'][number];

export const SUSPENDED_LISTED = { limit: 100 } as const;

export function useSuspendedSellers() {
  const { data, previousData, error, refetch } = useQuery(op.SUSPENDED_SELLERS, {
    variables: SUSPENDED_LISTED,
    fetchPolicy: 'cache-and-network',
  });
  const sellers = (data ?? previousData)?.suspendedSellers.items;
  const suspendedIds = useMemo(() => new Set(sellers?.map((seller) => seller.userId)), [sellers]);
  return { sellers, suspendedIds, error, retry: () => void refetch() };
}
