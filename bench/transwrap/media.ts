/**
 * The bench's input media and where each frame sits in it. The H.264 streams are made here, like
 * transwrap's test media but at ~3 Mbps (2.9 Mbps H.264 without B-frames, as browsers encode, plus
 * 96 kbps Opus as Chrome's MediaRecorder writes it, or 96 kbps AAC as the app's WebCodecs path
 * sends it where the browser encodes AAC, in Matroska); the VP8 one is transwrap's Firefox-like
 * test file. All are cached under .cache/media. ffprobe gives every packet's byte
 * position and time, so a sender can release the bytes at the pace the media was recorded and
 * know which chunk completed which video frame.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { resolveFfmpeg, resolveFfprobe } from '@golive/common/binaries';
import { CACHE_DIR } from '@golive/common/repo-paths';
import type { MediaDeclaration } from '@golive/transwrap/protocol/messages';
import { browserMedia } from '@golive/transwrap/testing/test-media';

export interface IndexedMedia {
  label: string;
  path: string;
  media: MediaDeclaration;
  seconds: number;
  bytes: Buffer;
  kbps: number;
  /** Every packet in file order: its media time (ms from the first packet) and byte position. */
  packetMs: Float64Array;
  packetPos: Float64Array;
  /** Video packets in decode (= file) order: where each ends in the file, and its time in ms. */
  videoEnd: Float64Array;
  videoMs: Float64Array;
}

/** Opus as Chrome's MediaRecorder and the app's WebCodecs path in Chromium and Firefox send it; AAC as WebCodecs sends it where the browser encodes AAC. */
const AUDIO = {
  opus: ['-c:a', 'libopus', '-b:a', '96k'],
  aac: ['-c:a', 'aac', '-b:a', '96k', '-ar', '48000', '-ac', '1'],
};

function h264Matroska(seconds: number, audio: keyof typeof AUDIO): string {
  const dir = join(CACHE_DIR, 'media');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `bench-h264-3mbps-${audio === 'opus' ? '' : `${audio}-`}${seconds}s.mkv`);
  if (!existsSync(path)) {
    // Per process: parallel test workers may make the same file at once; the last rename wins.
    const partial = `${path}.${process.pid}.partial`;
    execFileSync(resolveFfmpeg(), [
      ...['-hide_banner', '-loglevel', 'error', '-y'],
      ...['-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
      ...['-t', String(seconds), '-pix_fmt', 'yuv420p'],
      ...['-c:v', 'libx264', '-preset', 'veryfast', '-bf', '0', '-g', '60'],
      ...['-b:v', '2900k', '-maxrate', '2900k', '-bufsize', '2900k'],
      ...AUDIO[audio],
      ...['-f', 'matroska', partial],
    ]);
    renameSync(partial, path);
  }
  return path;
}

interface ProbedPacket {
  codec_type?: string;
  pts_time?: string;
  dts_time?: string;
  pos?: string;
  size?: string;
}

/** h264: H.264 + Opus (video copied, audio transcoded); h264-aac: H.264 + AAC (both copied); vp8: transcoded. */
export type MediaKind = 'h264' | 'h264-aac' | 'vp8';

function mediaOf(kind: MediaKind, seconds: number): { path: string; media: MediaDeclaration; label: string } {
  if (kind === 'vp8')
    return {
      ...browserMedia('firefox-vp8', seconds),
      label: 'WebM VP8 1.5 Mbps + Opus 96 kbps, 720p30 (transwrap test media)',
    };
  const audio = kind === 'h264' ? 'opus' : 'aac';
  return {
    path: h264Matroska(seconds, audio),
    media: { container: 'webm', video: 'h264', audio },
    label: `Matroska H.264 2.9 Mbps + ${audio === 'opus' ? 'Opus' : 'AAC'} 96 kbps, 720p30`,
  };
}

export function indexedMedia(kind: MediaKind, seconds: number): IndexedMedia {
  const { path, media, label } = mediaOf(kind, seconds);
  const probed = JSON.parse(
    execFileSync(
      resolveFfprobe(),
      [
        ...['-v', 'error', '-show_entries', 'packet=codec_type,pts_time,dts_time,pos,size'],
        ...['-of', 'json', path],
      ],
      { maxBuffer: 256 * 1024 * 1024 },
    ).toString(),
  ) as { packets: ProbedPacket[] };
  const packets = probed.packets
    .map((packet) => ({
      video: packet.codec_type === 'video',
      ms: Number(packet.dts_time ?? packet.pts_time) * 1000,
      pos: Number(packet.pos),
      size: Number(packet.size),
    }))
    .filter((packet) => Number.isFinite(packet.ms) && Number.isFinite(packet.pos))
    .sort((a, b) => a.pos - b.pos);
  const first = Math.min(...packets.map((packet) => packet.ms));
  const video = packets.filter((packet) => packet.video);
  const bytes = readFileSync(path);
  return {
    label,
    path,
    media,
    seconds,
    bytes,
    kbps: Math.round((bytes.length * 8) / seconds / 1000),
    packetMs: Float64Array.from(packets, (packet) => packet.ms - first),
    packetPos: Float64Array.from(packets, (packet) => packet.pos),
    videoEnd: Float64Array.from(video, (packet) => packet.pos + packet.size),
    videoMs: Float64Array.from(video, (packet) => packet.ms - first),
  };
}
