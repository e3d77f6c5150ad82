/**
 * The home page: who is live right now, each a tap away from their watch page, kept fresh while
 * the page is open; for sellers, the way to go live themselves.
 */
import { Link } from 'wouter';
import { useAuth } from '../../auth/auth-context';
import { Loading } from '../../ui/loading';
import { usePageTitle } from '../../ui/page-title';
import { liveFor } from '../watch/live-duration';
import { SignalIcon } from '../watch/signal-icon';
import { useLiveChannels, type LiveChannel } from './use-live-channels';
import './live-channels.css';

export default function LiveChannelsPage() {
  usePageTitle('Live now');
  const { user, is } = useAuth();
  const live = useLiveChannels();
  const seller = is('sellers');

  return (
    <main className="page live-channels">
      <h1>Live now</h1>
      {seller && (
        <div className="go-live-cta">
          <p>Ready to sell?</p>
          <Link className="button primary small" href="/live">
            Go live
          </Link>
        </div>
      )}

      {!live.loaded && <Loading label="Finding who is live…" />}
      {live.loaded && live.error && live.channels.length === 0 && (
        <div className="notice" role="alert">
          <p className="error">Could not find out who is live: {live.error}</p>
          <p className="hint">This page tries again by itself every few seconds.</p>
        </div>
      )}
      {live.loaded && !live.error && live.channels.length === 0 && (
        <div className="live-empty" role="status">
          <SignalIcon className="live-empty-mark" />
          <p className="live-empty-title">Nobody is live right now</p>
          <p className="hint">
            This list updates by itself.
            {!user && ' Selling something? '}
            {!user && <Link href="/sign-in">Sign in to go live</Link>}
          </p>
        </div>
      )}

      {live.channels.length > 0 && (
        <ul className="live-list" aria-label="Live channels">
          {live.channels.map((channel) => (
            <li key={channel.id}>
              <ChannelCard channel={channel} now={live.readAt} />
            </li>
          ))}
        </ul>
      )}
      {live.hasMore && (
        <button className="button live-more" disabled={live.loadingMore} onClick={live.showMore}>
          {live.loadingMore ? 'Loading…' : 'Show more'}
        </button>
      )}
    </main>
  );
}

function ChannelCard({ channel, now }: { channel: LiveChannel; now: number }) {
  const since = liveFor(channel.liveSince, now);
  return (
    // Named in one phrase: the parts are separate boxes, which screen readers would run together.
    <Link href={`/watch/${channel.id}`} className="live-card" aria-label={`${channel.name}, ${since}`}>
      <span className="live-card-badge" aria-hidden="true">
        LIVE
      </span>
      <span className="live-card-name">{channel.name}</span>
      <span className="live-card-since">
        {channel.liveSince ? <time dateTime={channel.liveSince}>{since}</time> : since}
      </span>
      <span className="live-card-chevron" aria-hidden="true">
        ›
      </span>
    </Link>
  );
}
