/**
 * The stream's timed metadata (IVS PutMetadata; the local IVS carries it the same way), as the
 * playhead reaches it. Video.js's HLS engine turns each ID3 text it finds in the media into a cue
 * on a "metadata" text track; cues are only readable while the track is not disabled, and their
 * end times are not kept for a live stream, so each cue is reported once the playback time passes
 * its start (checked on every timeupdate), in the order of their times.
 */
import type Player from 'video.js/dist/types/player';

/** What a cue says: VTTCue text (Chromium, Firefox), or the ID3 frame's value (WebKit's DataCue). */
function textOf(cue: TextTrackCue): string | undefined {
  const { text, value } = cue as TextTrackCue & { text?: string; value?: { data?: unknown } };
  if (typeof text === 'string' && text) return text;
  return typeof value?.data === 'string' ? value.data : undefined;
}

function metadataTracks(player: Player): TextTrack[] {
  const list = player.textTracks() as unknown as TextTrackList;
  const tracks: TextTrack[] = [];
  for (let index = 0; index < list.length; index++) {
    const track = list[index]!;
    if (track.kind !== 'metadata') continue;
    if (track.mode === 'disabled') track.mode = 'hidden';
    tracks.push(track);
  }
  return tracks;
}

/** Calls onCue with each cue's text as playback reaches it; returns how to stop. */
export function followTimedMetadata(player: Player, onCue: (text: string) => void): () => void {
  const reported = new WeakSet<TextTrackCue>();
  const check = () => {
    const time = player.currentTime() ?? 0;
    const reached: TextTrackCue[] = [];
    for (const track of metadataTracks(player)) {
      const cues = track.cues;
      for (let index = 0; index < (cues?.length ?? 0); index++) {
        const cue = cues![index]!;
        if (cue.startTime <= time && !reported.has(cue)) reached.push(cue);
      }
    }
    for (const cue of reached.sort((a, b) => a.startTime - b.startTime)) {
      reported.add(cue);
      const text = textOf(cue);
      if (text) onCue(text);
    }
  };
  // The track appears with the first cue: made readable at once, before playback reaches it.
  const list = player.textTracks() as unknown as TextTrackList;
  const enable = () => metadataTracks(player);
  list.addEventListener('addtrack', enable);
  player.on('timeupdate', check);
  return () => {
    list.removeEventListener('addtrack', enable);
    player.off('timeupdate', check);
  };
}
