/** Suspended sellers, why and since when, each with Reinstate. Suspending is done from a channel's row. */
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import * as op from '@golive/common/api-operations';
import { apiErrorMessage } from '../../api/api-error';
import { fullTime, timeAgo } from './format';
import { TableHead } from './table-head';
import { useNow } from './use-now';
import { useSuspendedSellers, type SuspendedSeller } from './use-suspended-sellers';

export function SellersSection() {
  const { sellers, error, retry } = useSuspendedSellers();
  const now = useNow(15_000);
  return (
    <section id="sellers" className="admin-section" aria-labelledby="sellers-title">
      <h2 id="sellers-title">Suspended sellers</h2>
      <p className="hint">
        Suspended sellers cannot go live or create channels. Suspend one from a channel&rsquo;s row.
      </p>
      {error && (
        <div className="row-message">
          <p className="error" role="alert">
            Suspended sellers could not be loaded: {apiErrorMessage(error)}
          </p>
          <button type="button" className="button small" onClick={retry}>
            Try again
          </button>
        </div>
      )}
      {!sellers && !error && <p role="status">Loading suspended sellers…</p>}
      {sellers?.length === 0 && <p>No seller is suspended.</p>}
      {sellers && sellers.length > 0 && (
        <div className="table-frame">
          <table className="admin-table sellers-table" role="table" aria-labelledby="sellers-title">
            <TableHead
              columns={[
                'Seller',
                'Reason',
                'Since',
                'Live this month',
                <span className="visually-hidden">Actions</span>,
              ]}
            />
            <tbody role="rowgroup">
              {sellers.map((seller) => (
                <SellerRow key={seller.userId} seller={seller} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function SellerRow({ seller, now }: { seller: SuspendedSeller; now: number }) {
  const [reinstate, { loading }] = useMutation(op.REINSTATE_SELLER, { refetchQueries: ['SuspendedSellers'] });
  const [failed, setFailed] = useState<string>();
  const act = async () => {
    setFailed(undefined);
    try {
      await reinstate({ variables: { userId: seller.userId } });
    } catch (error) {
      setFailed(`Not reinstated: ${apiErrorMessage(error)}`);
    }
  };
  return (
    <tr className="seller-row" role="row">
      <th scope="row" role="rowheader" className="cell-name">
        <code>{seller.userId}</code>
      </th>
      <td role="cell" data-label="Reason">
        {seller.suspendedReason}
      </td>
      <td role="cell" data-label="Since">
        {seller.suspendedAt && (
          <time dateTime={seller.suspendedAt} title={fullTime(seller.suspendedAt)}>
            {timeAgo(seller.suspendedAt, now)}
          </time>
        )}
      </td>
      <td role="cell" data-label="Live this month">
        {seller.liveHoursThisMonth} h
      </td>
      <td role="cell" className="cell-actions">
        <button
          type="button"
          className="button small"
          aria-disabled={loading}
          onClick={() => !loading && void act()}
        >
          {loading ? 'Reinstating…' : 'Reinstate'}
          <span className="visually-hidden"> {seller.userId}</span>
        </button>
        {failed && (
          <p className="error" role="alert">
            {failed}
          </p>
        )}
      </td>
    </tr>
  );
}
