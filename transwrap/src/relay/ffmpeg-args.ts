/**
 * A relay's two FFmpeg commands. The source turns what the browser sends into FLV, the cheapest
 * correct way for each declared input: H.264 is copied (the browser already encoded it); Opus
 * becomes AAC (FLV/RTMP carries AAC, not Opus); VP8/VP9 are transcoded to H.264 tuned for live:
 * keyframe every 2 s as IVS wants, zerolatency, capped bitrate. No probing delay: the container
 * headers say what the streams are. The publisher copies FLV to IVS over RTMP(S): it owns the
 * connection, so the source behind it can change (the seller's media, the slate) without IVS
 * seeing the stream end.
 */
import type { MediaDeclaration } from '../protocol/messages';

export type RelayMode = 'copy' | 'transcode';

export function relayMode(media: MediaDeclaration): RelayMode {
  return media.video === 'h264' ? 'copy' : 'transcode';
}

// superfast, not veryfast: ~0.19 instead of ~0.30 cores per 720p30 stream (bench/transwrap), for a
// path only browsers without an H.264 encoder take; at 2.5 Mbps the quality difference is small.
const TRANSCODE_H264 = [
  ...['-c:v', 'libx264', '-preset', 'superfast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p'],
  ...['-b:v', '2500k', '-maxrate', '3000k', '-bufsize', '3000k'],
  ...['-force_key_frames', 'expr:gte(t,n_forced*2)', '-sc_threshold', '0'],
];

export function sourceArgs(media: MediaDeclaration): string[] {
  const audio =
    media.audio === 'none'
      ? ['-an']
      : media.audio === 'aac'
        ? ['-c:a', 'copy']
        : ['-c:a', 'aac', '-b:a', '128k', '-ar', '48000'];
  return [
    ...['-hide_banner', '-loglevel', 'error', '-nostdin'],
    // copyts: a restarted source keeps the recording's timeline, so the splicer can tell old from new.
    // No `nobuffer`: it discards what probing read, which loses the first GOP of H.264 from Matroska.
    ...['-copyts', '-fflags', '+genpts', '-probesize', '32768', '-analyzeduration', '0'],
    ...['-f', media.container === 'webm' ? 'matroska' : 'mp4', '-i', 'pipe:0'],
    ...['-map', '0:v:0', ...(media.audio === 'none' ? [] : ['-map', '0:a:0'])],
    ...(relayMode(media) === 'copy' ? ['-c:v', 'copy'] : TRANSCODE_H264),
    ...audio,
    // Each packet is written out as soon as it is muxed: the splicer, not a buffer, decides pace.
    ...['-flush_packets', '1', '-f', 'flv', '-flvflags', 'no_duration_filesize', 'pipe:1'],
  ];
}

export function publisherArgs(output: string): string[] {
  return [
    ...['-hide_banner', '-loglevel', 'error', '-nostdin'],
    // The FLV header says which tracks come, and their sequence headers come first: no probing.
    ...['-probesize', '32768', '-analyzeduration', '0', '-f', 'flv', '-i', 'pipe:0'],
    ...['-map', '0', '-c', 'copy'],
    ...['-progress', 'pipe:1', '-stats_period', '1'],
    ...['-f', 'flv', '-flvflags', 'no_duration_filesize', output],
  ];
}
