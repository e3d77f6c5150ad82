/**
 * /watch/<channelId>, for anyone (signed out, the API key reads public channels). Shows whether
 * the channel is on air, starts playing by itself when it goes live (onChannelStatus), keeps the
 * player through a reconnect, and says so when the broadcast ends. The page paints from its own
 * read of the channel; the GraphQL client for the live updates, and Video.js when there is
 * something to play (or about to be), load after it, so nothing waits for them.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { Link, useParams } from 'wouter';
import { Loading } from '../../ui/loading';
import { usePageTitle } from '../../ui/page-title';
import { onAirFor } from './live-duration';
import { preloadVideoJs } from './live-playback';
import { LivePlayer } from './live-player';
import { PlaybackSignals } from './playback-signals';
import { ShareButton } from './share-button';
import { SignalIcon } from './signal-icon';
import { useChannelStatus, type ChannelStatus, type PublicChannel } from './use-channel-status';
import { hasPlayer, watchStatusText, watchView, type WatchView } from './watch-state';
import './watch.css';

const ChannelUpdates = lazy(() => import('./channel-updates'));

export default function WatchPage() {
  const { channelId = '' } = useParams<{ channelId: string }>();
  // A different channel is a different page: nothing of this one's state carries over.
  return <WatchChannel key={channelId} channelId={channelId} />;
}

function WatchChannel({ channelId }: { channelId: string }) {
  const { status, feed } = useChannelStatus(channelId);
  usePageTitle(status.state === 'found' ? status.channel.name : undefined);
  const [pinSlot, setPinSlot] = useState<HTMLElement | null>(null);
  const [chatSlot, setChatSlot] = useState<HTMLElement | null>(null);
  const signals = useMemo(() => new PlaybackSignals(), []);
  return (
    <>
      <ChannelView status={status} pins={{ setSlot: setPinSlot, setChatSlot, signals }} />
      {status.state === 'found' && (
        <Suspense fallback={null}>
          <ChannelUpdates
            channelId={channelId}
            feed={feed}
            pinSlot={pinSlot}
            signals={signals}
            chat={chatSlot ? { slot: chatSlot, enabled: status.channel.chatEnabled !== false } : undefined}
          />
        </Suspense>
      )}
    </>
  );
}

/** Where the pinned product and the chat are shown (by the API's chunk), and the player's signals. */
interface PinPlace {
  setSlot: (slot: HTMLElement | null) => void;
  setChatSlot: (slot: HTMLElement | null) => void;
  signals: PlaybackSignals;
}

function ChannelView({ status, pins }: { status: ChannelStatus; pins: PinPlace }) {
  switch (status.state) {
    case 'loading':
      return <Loading label="Finding the channel…" />;
    case 'missing':
      return (
        <main className="page center">
          <h1>No such channel</h1>
          <p>The link may be mistyped, or the seller deleted this channel.</p>
          <Link className="button primary" href="/">
            See who is live
          </Link>
        </main>
      );
    case 'failed':
      return (
        <main className="page center">
          <h1>This channel cannot be shown right now</h1>
          <p role="alert">{status.message}</p>
          <button className="button" onClick={status.retry}>
            Try again
          </button>
        </main>
      );
    case 'found':
      return <Watch channel={status.channel} pins={pins} />;
  }
}

function Watch({ channel, pins }: { channel: PublicChannel; pins: PinPlace }) {
  // Whether this viewer saw the broadcast here: OFFLINE afterwards means it ended.
  const watched = useRef(false);
  const view = watchView(channel.status, watched.current);
  if (hasPlayer(view)) watched.current = true;
  const [aspectRatio, setAspectRatio] = useState(16 / 9);
  const onAir = onAirFor(channel.liveSince, useMinuteClock(view === 'live'));

  useEffect(() => {
    // The seller pressed Go live: fetch the player while the stream starts.
    if (view === 'starting') preloadVideoJs();
  }, [view]);

  return (
    <main className="watch">
      <div className="watch-stage" style={{ '--watch-aspect': aspectRatio } as CSSProperties}>
        {hasPlayer(view) ? (
          <LivePlayer
            src={channel.playbackUrl}
            label={`${channel.name}, live video`}
            away={view === 'away'}
            onAspectRatio={setAspectRatio}
            signals={pins.signals}
          />
        ) : (
          <Poster view={view} name={channel.name} />
        )}
      </div>
      <div className="watch-pin" ref={pins.setSlot} />
      <div className="watch-info">
        <div className="watch-title">
          <h1>{channel.name}</h1>
          <p className={`watch-status ${view}`}>
            <span className="watch-status-dot" aria-hidden="true" />
            {/* Only the state is announced, not the minutes ticking by. */}
            <span role="status">{watchStatusText(view)}</span>
            {view === 'live' && onAir && <span className="watch-since"> · on air for {onAir}</span>}
            {view === 'live' && Boolean(channel.viewerCount) && (
              <span className="watch-since"> · {channel.viewerCount} watching</span>
            )}
          </p>
        </div>
        <ShareButton title={`${channel.name} on GoLive`} url={`${location.origin}/watch/${channel.id}`} />
      </div>
      <div className="watch-chat" ref={pins.setChatSlot} />
    </main>
  );
}

/** Instead of a player when there is nothing to play (the status line announces the change). */
function Poster({ view, name }: { view: WatchView; name: string }) {
  return (
    <div className={`watch-poster ${view}`}>
      <SignalIcon className="watch-poster-mark" />
      {view === 'ended' ? (
        <>
          <p className="watch-poster-title">The broadcast has ended</p>
          <p>Thanks for watching {name}.</p>
          <Link className="button small" href="/">
            See who else is live
          </Link>
        </>
      ) : view === 'starting' ? (
        <>
          <p className="watch-poster-title">{name} is about to go live</p>
          <p>The video starts by itself in a moment.</p>
        </>
      ) : (
        <>
          <p className="watch-poster-title">{name} is offline</p>
          <p>This page starts playing by itself when they go live.</p>
        </>
      )}
    </div>
  );
}

/** The current time, once a minute while it is shown ("Live for 12 min"). */
function useMinuteClock(running: boolean): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}
