import type { LivePlaylist } from './live-playlist';

/**
 * The streams being packaged right now, for the HLS server: it answers their playlists from
 * memory (a blocking reload waits on the model) and waits for their hinted parts. Ended and
 * earlier broadcasts are served from their files.
 */
export class LiveStreams {
  private readonly byPlaylist = new Map<string, LivePlaylist>();
  private readonly byFolder = new Map<string, LivePlaylist>();

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

  /** By the folder its media is in. */
  inFolder(folder: string): LivePlaylist | undefined {
    return this.byFolder.get(folder);
  }
}
