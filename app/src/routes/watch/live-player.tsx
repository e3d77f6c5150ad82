/**
 * The live video with what a viewer needs on top of it: the LIVE badge (or "Back to live" when
 * behind the live edge), "Tap to unmute" while muted, and what is happening when the picture is
 * not there yet. Mounted only while the channel is on air; unmounting disposes Video.js.
 */
import { useEffect, useRef, useState } from 'react';
import { LivePlayback, type PlaybackView } from './live-playback';
import type { PlaybackSignals } from './playback-signals';

export function LivePlayer(props: {
  src: string;
  /** The video's accessible name. */
  label: string;
  /** The seller's connection dropped: the player stays (showing the slate transwrap sends). */
  away: boolean;
  onAspectRatio: (ratio: number) => void;
  /** Told each timed metadata cue as playback reaches it, and whether the video plays. */
  signals: PlaybackSignals;
}) {
  const { src, label, away, onAspectRatio, signals } = props;
  const holder = useRef<HTMLDivElement>(null);
  const playback = useRef<LivePlayback>(undefined);
  const [view, setView] = useState<PlaybackView>({ phase: 'waiting', muted: true, behindLive: false });
  const aspectCallback = useRef(onAspectRatio);
  aspectCallback.current = onAspectRatio;

  useEffect(() => {
    const current = new LivePlayback(holder.current!, {
      src,
      label,
      onChange: (next) => {
        setView(next);
        signals.playing(next.phase === 'playing');
        if (next.aspectRatio) aspectCallback.current(next.aspectRatio);
      },
      onCue: (text) => signals.cue(text),
    });
    playback.current = current;
    return () => {
      current.dispose();
      signals.playing(false);
      playback.current = undefined;
    };
  }, [src, label, signals]);

  return (
    <div className="watch-player">
      <div ref={holder} className="watch-player-video" />
      <p className="watch-note" role="status">
        {view.phase === 'waiting' && !away ? 'Starting the video…' : ''}
      </p>
      {view.phase === 'failed' && (
        <div className="watch-failed" role="alert">
          <p>The video could not be played.</p>
          <button className="button small" onClick={() => playback.current?.retry()}>
            Try again
          </button>
        </div>
      )}
      <div className="watch-overlay">
        {view.behindLive ? (
          <button className="watch-pill" onClick={() => playback.current?.toLiveEdge()}>
            Back to live
          </button>
        ) : (
          view.phase === 'playing' && (
            <span className="watch-pill live" title="You are watching live">
              LIVE
            </span>
          )
        )}
        {view.muted && view.phase !== 'failed' && (
          <button className="watch-pill unmute" onClick={() => playback.current?.unmute()}>
            <SpeakerOffIcon />
            Tap to unmute
          </button>
        )}
      </div>
    </div>
  );
}

function SpeakerOffIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d="M4 9v6h4l5 4V5L8 9H4z" fill="currentColor" />
      <path d="M16 9l5 6M21 9l-5 6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
