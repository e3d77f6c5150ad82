/**
 * A status said in words, with a shape beside it (a dot, a ring, a triangle, a dash) so that it
 * never rests on colour alone.
 */
import type { EndpointStatus, StreamStatus } from '@golive/common/api-operations';

type Tone = 'live' | 'ok' | 'pending' | 'warning' | 'off';

const STREAM: Record<StreamStatus, { label: string; tone: Tone }> = {
  LIVE: { label: 'Live', tone: 'live' },
  CONNECTING: { label: 'Connecting', tone: 'pending' },
  INTERRUPTED: { label: 'Interrupted', tone: 'warning' },
  OFFLINE: { label: 'Offline', tone: 'off' },
};

const ENDPOINT: Record<EndpointStatus, { label: string; tone: Tone }> = {
  ACTIVE: { label: 'Active', tone: 'ok' },
  STARTING: { label: 'Starting', tone: 'pending' },
  DRAINING: { label: 'Draining', tone: 'warning' },
  STOPPED: { label: 'Stopped', tone: 'off' },
};

function Badge({ label, tone }: { label: string; tone: Tone }) {
  return (
    <span className={`status status-${tone}`}>
      <span className="status-shape" aria-hidden="true" />
      {label}
    </span>
  );
}

export const StreamStatusBadge = ({ status }: { status: StreamStatus }) => <Badge {...STREAM[status]} />;

export const EndpointStatusBadge = ({ status }: { status: EndpointStatus }) => (
  <Badge {...ENDPOINT[status]} />
);
