/** The transwrap instances browsers stream to: health at a glance, updated as each one reports. */
import { apiErrorMessage } from '../../api/api-error';
import { fullTime, percent, timeAgo } from './format';
import { EndpointStatusBadge } from './status-badge';
import { TableHead } from './table-head';
import { useEndpoints, type AdminEndpoint } from './use-endpoints';
import { useNow } from './use-now';

/** transwrap heartbeats every few seconds; this much silence from an active one is worth a look. */
const LATE_MS = 30_000;

export function EndpointsSection() {
  const { endpoints, error, retry } = useEndpoints();
  const now = useNow(1000);
  return (
    <section id="endpoints" className="admin-section" aria-labelledby="endpoints-title">
      <h2 id="endpoints-title">Endpoints</h2>
      <p className="hint">
        The transwrap instances taking broadcasts. Each one updates here as it reports in, and one that drains
        or stops stays listed with its new status.
      </p>
      {error && (
        <div className="row-message">
          <p className="error" role="alert">
            {endpoints ? 'Could not refresh the endpoints' : 'Endpoints could not be loaded'}:{' '}
            {apiErrorMessage(error)}
          </p>
          <button type="button" className="button small" onClick={retry}>
            Try again
          </button>
        </div>
      )}
      {!endpoints && !error && <p role="status">Loading endpoints…</p>}
      {endpoints?.length === 0 && <p>No endpoint is active. Broadcasts cannot start until one is.</p>}
      {endpoints && endpoints.length > 0 && (
        <div className="table-frame">
          <table className="admin-table endpoints-table" role="table" aria-labelledby="endpoints-title">
            <TableHead columns={['Endpoint', 'Status', 'Sessions', 'Load', 'Last heartbeat', 'URL']} />
            <tbody role="rowgroup">
              {endpoints.map((endpoint) => (
                <EndpointRow key={endpoint.id} endpoint={endpoint} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function EndpointRow({ endpoint, now }: { endpoint: AdminEndpoint; now: number }) {
  const late = endpoint.status === 'ACTIVE' && now - Date.parse(endpoint.heartbeatAt) > LATE_MS;
  return (
    <tr className="endpoint-row" role="row">
      <th scope="row" role="rowheader" className="cell-name">
        {endpoint.id}
      </th>
      <td role="cell" className="cell-status" data-label="Status">
        <EndpointStatusBadge status={endpoint.status} />
      </td>
      <td role="cell" className="cell-sessions" data-label="Sessions">
        {endpoint.sessions} / {endpoint.capacity}
      </td>
      <td role="cell" className="cell-load" data-label="Load">
        {percent(endpoint.load)}
      </td>
      <td role="cell" className="cell-heartbeat" data-label="Last heartbeat">
        <time dateTime={endpoint.heartbeatAt} title={fullTime(endpoint.heartbeatAt)}>
          {timeAgo(endpoint.heartbeatAt, now)}
        </time>
        {late && <strong className="late"> · late</strong>}
      </td>
      <td role="cell" className="cell-url" data-label="URL">
        <code>{endpoint.url}</code>
      </td>
    </tr>
  );
}
