/**
 * The camera's stream encoded with WebCodecs (H.264 + Opus) and muxed into a live Matroska stream
 * by Mediabunny, for browsers that have WebCodecs and MediaStreamTrackProcessor (Chrome, Edge,
 * Android). Unlike MediaRecorder, the video bitrate can change while live (`setVideoKbps`), so the
 * broadcast follows the uplink down and back up. Keyframes every 2 s start each Matroska cluster,
 * so transwrap's resume points are keyframes too. Loaded only when going live with it.
 */
import {
  AppendOnlyStreamTarget,
  EncodedAudioPacketSource,
  EncodedPacket,
  EncodedVideoPacketSource,
  MkvOutputFormat,
  Output,
} from 'mediabunny';
import { KEYFRAME_INTERVAL_MS } from './media-recording';
import type { Recording, RecordingSettings } from './recording';

/** Chromium's reader of a track's frames (not yet in TypeScript's DOM types). */
declare class MediaStreamTrackProcessor<T> {
  constructor(init: { track: MediaStreamTrack });
  readonly readable: ReadableStream<T>;
}

export function supportsWebCodecsRecording(): boolean {
  return (
    'VideoEncoder' in globalThis && 'AudioEncoder' in globalThis && 'MediaStreamTrackProcessor' in globalThis
  );
}

/** H.264 profile and level for the picture size: Constrained Baseline up to 720p, High for 1080p. */
function h264Codec(width: number, height: number): string {
  return width * height > 1280 * 720 ? 'avc1.640028' : 'avc1.42e01f';
}

/** Frames waiting in the encoder beyond this are dropped rather than delaying the broadcast. */
const MAX_ENCODE_QUEUE = 3;

export class WebCodecsRecording implements Recording {
  private session?: { stop(): void };
  private generation = 0;

  constructor(
    private readonly stream: MediaStream,
    private settings: RecordingSettings,
    private readonly deliver: (bytes: ArrayBuffer) => void,
    private readonly failed: (message: string) => void,
  ) {}

  get videoKbps(): number {
    return this.settings.videoKbps;
  }

  restart(): void {
    this.stopSession();
    const generation = ++this.generation;
    this.start(generation).catch((error: unknown) => {
      if (generation === this.generation) this.failed(`The encoder stopped: ${String(error)}`);
    });
  }

  /** Changes the video bitrate of the running encoder, without a new recording. */
  setVideoKbps(kbps: number): void {
    this.settings = { ...this.settings, videoKbps: kbps };
    this.onBitrate?.(kbps);
  }

  stop(): void {
    this.generation++;
    this.stopSession();
  }

  private onBitrate?: (kbps: number) => void;

  private stopSession(): void {
    this.session?.stop();
    this.session = undefined;
    this.onBitrate = undefined;
  }

  private async start(generation: number): Promise<void> {
    const videoTrack = this.stream.getVideoTracks()[0];
    const audioTrack = this.stream.getAudioTracks()[0];
    if (!videoTrack || !audioTrack) throw new Error('the camera stream has no video or no audio');
    const live = () => generation === this.generation;

    const output = new Output({
      format: new MkvOutputFormat({ appendOnly: true }),
      target: new AppendOnlyStreamTarget(
        new WritableStream<Uint8Array>({
          write: (bytes) => {
            if (live()) this.deliver(bytes.slice().buffer);
          },
        }),
      ),
    });
    const videoSource = new EncodedVideoPacketSource('avc');
    const audioSource = new EncodedAudioPacketSource('opus');
    output.addVideoTrack(videoSource, { frameRate: 30 });
    output.addAudioTrack(audioSource);
    await output.start();

    // Both tracks' timestamps count from this recording's start, on one clock.
    const startedAt = performance.now() * 1000;
    const offsets = new Map<string, number>();
    const timestamp = (kind: string, captured: number) => {
      if (!offsets.has(kind)) offsets.set(kind, captured - (performance.now() * 1000 - startedAt));
      return Math.max(0, captured - offsets.get(kind)!);
    };

    const { width = 1280, height = 720 } = videoTrack.getSettings();
    const videoConfig: VideoEncoderConfig = {
      codec: h264Codec(width, height),
      width,
      height,
      bitrate: this.settings.videoKbps * 1000,
      bitrateMode: 'variable',
      framerate: 30,
      latencyMode: 'realtime',
      avc: { format: 'avc' },
    };
    const support = await VideoEncoder.isConfigSupported(videoConfig);
    if (!support.supported) throw new Error(`H.264 ${width}x${height} encoding is not supported here`);

    let failure: Error | undefined;
    const videoEncoder = new VideoEncoder({
      output: (chunk, meta) => {
        if (live()) void videoSource.add(EncodedPacket.fromEncodedChunk(chunk), meta);
      },
      error: (error) => (failure = error),
    });
    videoEncoder.configure(videoConfig);
    const audioEncoder = new AudioEncoder({
      output: (chunk, meta) => {
        if (live()) void audioSource.add(EncodedPacket.fromEncodedChunk(chunk), meta);
      },
      error: (error) => (failure = error),
    });
    const { sampleRate = 48000, channelCount = 1 } = audioTrack.getSettings();
    audioEncoder.configure({
      codec: 'opus',
      sampleRate,
      numberOfChannels: channelCount,
      bitrate: this.settings.audioKbps * 1000,
    });

    let forceKeyFrame = true;
    this.onBitrate = (kbps) => {
      videoEncoder.configure({ ...videoConfig, bitrate: kbps * 1000 });
      forceKeyFrame = true;
    };

    const videoReader = new MediaStreamTrackProcessor<VideoFrame>({ track: videoTrack }).readable.getReader();
    const audioReader = new MediaStreamTrackProcessor<AudioData>({ track: audioTrack }).readable.getReader();
    this.session = {
      stop: () => {
        void videoReader.cancel().catch(() => undefined);
        void audioReader.cancel().catch(() => undefined);
        for (const encoder of [videoEncoder, audioEncoder]) if (encoder.state !== 'closed') encoder.close();
        void output.cancel().catch(() => undefined);
      },
    };

    let lastKeyFrame = -Infinity;
    const pumpVideo = async () => {
      for (;;) {
        const { value: frame, done } = await videoReader.read();
        if (done || !live()) return frame?.close();
        if (failure) throw failure;
        if (videoEncoder.encodeQueueSize > MAX_ENCODE_QUEUE) {
          frame.close();
          continue;
        }
        const at = timestamp('video', frame.timestamp);
        const keyFrame = forceKeyFrame || at - lastKeyFrame >= KEYFRAME_INTERVAL_MS * 1000;
        if (keyFrame) {
          lastKeyFrame = at;
          forceKeyFrame = false;
        }
        const stamped = new VideoFrame(frame, { timestamp: at });
        frame.close();
        videoEncoder.encode(stamped, { keyFrame });
        stamped.close();
      }
    };
    const pumpAudio = async () => {
      for (;;) {
        const { value: data, done } = await audioReader.read();
        if (done || !live()) return data?.close();
        if (failure) throw failure;
        audioEncoder.encode(restamp(data, timestamp('audio', data.timestamp)));
      }
    };
    await Promise.all([pumpVideo(), pumpAudio()]);
  }
}

/** The same audio with another timestamp (AudioData's timestamp is read-only). */
function restamp(data: AudioData, timestamp: number): AudioData {
  const planes = data.format?.endsWith('-planar') ? data.numberOfChannels : 1;
  const sizes = Array.from({ length: planes }, (_, planeIndex) => data.allocationSize({ planeIndex }));
  const buffer = new Uint8Array(sizes.reduce((sum, size) => sum + size, 0));
  let offset = 0;
  sizes.forEach((size, planeIndex) => {
    data.copyTo(buffer.subarray(offset, offset + size), { planeIndex });
    offset += size;
  });
  const copy = new AudioData({
    format: data.format!,
    sampleRate: data.sampleRate,
    numberOfFrames: data.numberOfFrames,
    numberOfChannels: data.numberOfChannels,
    timestamp,
    data: buffer,
  });
  data.close();
  return copy;
}
