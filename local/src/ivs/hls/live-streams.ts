import type { LivePlaylist } from './live-playlist';
import { ViewerCount } from './viewer-count';

/**
 * The streams being packaged right now, for the HLS server: it answers their playlists from
 * memory (a blocking reload waits on the model) and waits for their hinted parts. Ended and
 * earlier broadcasts are served from their files.
 */
export class LiveStreams {
  private readonly byPlaylist = new Map<string, LivePlaylist>();
  private readonly byFolder = new Map<string, LivePlaylist>();
  private readonly viewers = new WeakMap<LivePlaylist, ViewerCount>();

  add(names: { playlist: string; folder: string }, playlist: LivePlaylist): void {
    this.byPlaylist.set(names.playlist, playlist);
    this.byFolder.set(names.folder, playlist);
  }

  remove(names: { playlist: string; folder: string }, playlist: LivePlaylist): void {
    if (this.byPlaylist.get(names.playlist) === playlist) this.byPlaylist.delete(names.playlist);
    if (this.byFolder.get(names.folder) === playlist) this.byFolder.delete(names.folder);
  }

  /** By the playlist's file name, e.g. us-east-1.000000000000.channel.<id>.m3u8. */
  playlist(name: string): LivePlaylist | undefined {
    return this.byPlaylist.get(name);
  }

  /** Who is watching a live playlist (viewer-count.ts). */
  viewersOf(playlist: LivePlaylist): ViewerCount {
    let count = this.viewers.get(playlist);
    if (!count) this.viewers.set(playlist, (count = new ViewerCount()));
    return count;
  }

  /** Viewers of the stream whose media is in `folder` (the channel id); 0 when not live. */
  viewerCount(folder: string): number {
    const playlist = this.byFolder.get(folder);
    return playlist ? this.viewersOf(playlist).current : 0;
  }

  /** By the folder its media is in. */
  inFolder(folder: string): LivePlaylist | undefined {
    return this.byFolder.get(folder);
  }
}
