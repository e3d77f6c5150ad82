/**
 * One live stream in Video.js, looked after so a viewer never stares at a dead player: Video.js
 * (and its CSS) is imported here, so only the watch page ever downloads it; playback starts muted
 * (browsers only autoplay muted); the HLS playlist is awaited before Video.js sees it (for a moment
 * after LIVE it does not exist yet); errors and a picture that stops moving reload the stream with
 * backoff, quietly, for a while; how far behind the live edge the viewer is, is tracked.
 */
import type Player from 'video.js/dist/types/player';
import { LIVE_EDGE, LiveEdgeKeeper } from './live-edge';
import { followTimedMetadata } from './timed-metadata';

export type PlaybackPhase =
  /** Loading, or reloading after an error or a stall: the viewer sees "Starting the video…". */
  | 'waiting'
  | 'playing'
  /** Paused by the viewer, or the browser refused to autoplay: Video.js shows its play button. */
  | 'paused'
  /** Nothing played for GIVE_UP_MS of retrying. */
  | 'failed';

export interface PlaybackView {
  phase: PlaybackPhase;
  muted: boolean;
  /** Behind the live edge by more than BEHIND_LIVE_SECONDS. */
  behindLive: boolean;
  /** The picture's width / height, once known. */
  aspectRatio?: number;
}

/** Behind the live edge by more than this: offer to jump back. */
export const BEHIND_LIVE_SECONDS = 5;
/** No progress for this long while meant to be playing: reload the stream. */
const STALL_RELOAD_MS = 8000;
/** Retry this long without a single frame before saying the video cannot be played. */
const GIVE_UP_MS = 90_000;
const RETRY_DELAYS_MS = [1000, 2000, 3000, 5000];
const HLS_TYPE = 'application/x-mpegURL';

// Video.js adds <style> elements of its own when its module loads and with each player, which the
// Content-Security-Policy refuses; video-js.css and the player's `fill` layout cover what they set.
// Set before anything here imports it (preloadVideoJs included).
(window as { VIDEOJS_NO_DYNAMIC_STYLE?: boolean }).VIDEOJS_NO_DYNAMIC_STYLE = true;

export interface LivePlaybackOptions {
  /** The channel's playbackUrl (HLS). */
  src: string;
  /** The video's accessible name. */
  label: string;
  onChange: (view: PlaybackView) => void;
  /** Each timed metadata text of the stream, as playback reaches its moment. */
  onCue?: (text: string) => void;
}

export class LivePlayback {
  private player: Player | undefined;
  private view: PlaybackView = { phase: 'waiting', muted: true, behindLive: false };
  private readonly abort = new AbortController();
  private failingSince = Date.now();
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private lastTime = -1;
  private lastProgressAt = Date.now();
  private readonly liveEdge = new LiveEdgeKeeper();

  constructor(
    private readonly holder: HTMLElement,
    private readonly options: LivePlaybackOptions,
  ) {
    this.begin();
  }

  unmute(): void {
    if (!this.player) return;
    this.player.muted(false);
    if (this.player.volume() === 0) this.player.volume(1);
  }

  toLiveEdge(): void {
    const player = this.player;
    if (!player) return;
    // The newest buffered video (the player kept loading while paused), or the playlist's live point.
    const buffered = player.buffered() as unknown as TimeRanges;
    const newest = buffered.length > 0 ? buffered.end(buffered.length - 1) - LIVE_EDGE.landS : undefined;
    const candidates = [newest, seekableEnd(player)].filter((time): time is number => time !== undefined);
    if (candidates.length > 0) player.currentTime(Math.max(...candidates));
    void player.play()?.catch(() => undefined);
  }

  /** After giving up, the viewer asks for another round of attempts. */
  retry(): void {
    this.failingSince = Date.now();
    this.failures = 0;
    this.update({ phase: 'waiting' });
    if (this.player) this.reload();
    else this.begin();
  }

  dispose(): void {
    this.abort.abort();
    clearTimeout(this.retryTimer);
    clearInterval(this.watchdog);
    this.player?.dispose();
    this.player = undefined;
  }

  private get disposed() {
    return this.abort.signal.aborted;
  }

  private begin() {
    this.start().catch(() => {
      // No playlist within GIVE_UP_MS, or Video.js could not be fetched (offline): say so.
      if (!this.disposed) this.update({ phase: 'failed' });
    });
  }

  private async start() {
    const [{ default: videojs }] = await Promise.all([
      import('video.js'),
      import('video.js/dist/video-js.css'),
      waitForPlaylist(this.options.src, this.abort.signal, this.failingSince + GIVE_UP_MS),
    ]);
    if (this.disposed) return;

    const element = document.createElement('video');
    element.className = 'video-js';
    element.setAttribute('playsinline', '');
    element.setAttribute('aria-label', this.options.label);
    this.holder.appendChild(element);
    const player = videojs(element, {
      // Started by playIfWaiting, not by Video.js's autoplay: see there.
      autoplay: false,
      muted: true,
      controls: true,
      playsinline: true,
      preload: 'auto',
      fill: true,
      // Errors are retried here: Video.js's own error dialog would show a dead player meanwhile.
      errorDisplay: false,
      // Our LIVE badge and "Back to live" say where the viewer is; the control bar stays simple.
      controlBar: { liveDisplay: false, seekToLive: false, remainingTimeDisplay: false },
      sources: [{ src: this.options.src, type: HLS_TYPE }],
    });
    this.player = player;
    // Video.js names its box "Video Player": name it after what is playing.
    player.el().setAttribute('aria-label', this.options.label);

    player.on('playing', () => {
      this.failures = 0;
      this.update({ phase: 'playing' });
    });
    player.on('pause', () => {
      if (this.view.phase === 'playing') this.update({ phase: 'paused' });
    });
    player.on('volumechange', () => this.update({ muted: player.muted() ?? true }));
    player.on(['loadedmetadata', 'resize'], () => {
      const width = player.videoWidth();
      const height = player.videoHeight();
      if (width > 0 && height > 0) this.update({ aspectRatio: width / height });
    });
    player.on('error', () => this.failed());
    if (this.options.onCue) followTimedMetadata(player, this.options.onCue);
    player.ready(() => this.playIfWaiting());
    player.on(['loadedmetadata', 'canplay', 'durationchange'], () => this.playIfWaiting());
    this.watchdog = setInterval(() => this.check(), 1000);
  }

  /** Each second: is the picture moving, and how far behind the live edge is it. */
  private check() {
    const player = this.player;
    if (!player || this.retryTimer) return;
    this.playIfWaiting();
    const time = player.currentTime() ?? 0;
    const edge = seekableEnd(player);
    this.update({ behindLive: edge !== undefined && edge - time > BEHIND_LIVE_SECONDS });
    this.keepNearLive(player, time);
    // Paused by the viewer (or autoplay refused) is a choice; paused while meant to start is a stall.
    if (time !== this.lastTime || (player.paused() && this.view.phase === 'paused')) {
      this.lastTime = time;
      this.lastProgressAt = Date.now();
      if (time > 0 && !player.paused()) this.failingSince = Date.now();
    } else if (Date.now() - this.lastProgressAt > STALL_RELOAD_MS) {
      this.failed();
    }
  }

  /** Closes the gap to the newest video while it plays (live-edge.ts). */
  private keepNearLive(player: Player, time: number) {
    const step = this.liveEdge.next({
      currentTime: time,
      bufferedEnd: bufferedEnd(player, time),
      steady: this.view.phase === 'playing' && !player.paused() && !player.seeking(),
    });
    if (step.seekTo !== undefined) player.currentTime(step.seekTo);
    if (player.playbackRate() !== step.rate) player.playbackRate(step.rate);
  }

  /**
   * Muted autoplay, asked for by the page until the video plays or the browser refuses it, rather
   * than by Video.js's autoplay, which asks once: it waits for a 'loadstart' that Firefox can fire
   * before Video.js listens (the player then sat paused for good), and WebKit over MSE ends a live
   * stream whose duration is still 0 when its metadata loads (Video.js pauses on that 'ended',
   * and its autoplay gives up); a moment later the stream has a duration and plays. Called as the
   * stream gets ready and by the watchdog each second while waiting.
   */
  private playIfWaiting() {
    const player = this.player;
    if (!player || this.view.phase !== 'waiting' || !player.paused()) return;
    player.muted(true);
    player.play()?.catch((error: unknown) => {
      // The browser refuses even muted autoplay (a setting, or power saving): Video.js shows its play button.
      if (error instanceof DOMException && error.name === 'NotAllowedError') this.update({ phase: 'paused' });
    });
  }

  private failed() {
    if (this.disposed || this.retryTimer) return;
    if (Date.now() - this.failingSince > GIVE_UP_MS) {
      this.update({ phase: 'failed' });
      return;
    }
    this.update({ phase: 'waiting' });
    const delay = RETRY_DELAYS_MS[Math.min(this.failures++, RETRY_DELAYS_MS.length - 1)]!;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.reload();
    }, delay);
  }

  private reload() {
    const player = this.player;
    if (!player || this.disposed) return;
    this.lastProgressAt = Date.now();
    player.src({ src: this.options.src, type: HLS_TYPE });
    void player.play()?.catch(() => undefined);
  }

  private update(change: Partial<PlaybackView>) {
    const next = { ...this.view, ...change };
    if (Object.entries(change).every(([key, value]) => this.view[key as keyof PlaybackView] === value))
      return;
    this.view = next;
    if (!this.disposed) this.options.onChange(next);
  }
}

/** Fetches Video.js ahead of need (the seller is about to go live), so playback starts sooner. */
export function preloadVideoJs(): void {
  void Promise.all([import('video.js'), import('video.js/dist/video-js.css')]).catch(() => undefined);
}

/** The end of the buffered video that holds `time`: the newest video the player has, when live. */
function bufferedEnd(player: Player, time: number): number | undefined {
  const buffered = player.buffered() as unknown as TimeRanges;
  for (let index = buffered.length - 1; index >= 0; index--)
    if (buffered.start(index) <= time + 0.1 && time <= buffered.end(index)) return buffered.end(index);
  return undefined;
}

function seekableEnd(player: Player): number | undefined {
  // Video.js declares its own TimeRange loosely; the browser's TimeRanges is what it returns.
  const seekable = player.seekable() as unknown as TimeRanges;
  return seekable.length > 0 ? seekable.end(seekable.length - 1) : undefined;
}

/**
 * Resolves once the playlist lists media (a segment, or a low-latency part): right after LIVE, IVS
 * (and the local packager) may not have written it yet, and a playlist left over from the last
 * broadcast ends with ENDLIST.
 */
async function waitForPlaylist(src: string, signal: AbortSignal, deadline: number): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(src, { cache: 'no-store', signal });
      const text = response.ok ? await response.text() : '';
      if (/#EXT-X-STREAM-INF|#EXTINF|#EXT-X-PART:/.test(text) && !text.includes('#EXT-X-ENDLIST')) return;
    } catch (error) {
      if (signal.aborted) throw error;
    }
    if (Date.now() > deadline) throw new Error(`no playable stream at ${src}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
