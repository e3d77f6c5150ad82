/**
 * The camera's stream encoded with WebCodecs (H.264, and AAC or Opus as the encoding ladder chose)
 * and muxed into a live Matroska stream by Mediabunny. Frames and samples come from
 * camera-frames.ts and microphone-samples.ts, whichever way the browser provides them. Unlike
 * MediaRecorder, the video bitrate can change while live (`setVideoKbps`), so the
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
import { checkedAvcDescription } from './avc-description';
import { h264Codec } from './encoder-capabilities';
import type { WebCodecsEncoding } from './encoding-ladder';
import { KEYFRAME_INTERVAL_MS } from './media-recording';
import { microphoneSamples } from './microphone-samples';
import { SwitchableFrames } from './switchable-frames';
import type { Recording, RecordingSettings } from './recording';

/** Frames waiting in the encoder beyond this are dropped rather than delaying the broadcast. */
const MAX_ENCODE_QUEUE = 3;

export class WebCodecsRecording implements Recording {
  private session?: { stop(): void };
  private generation = 0;

  constructor(
    private readonly stream: MediaStream,
    private settings: RecordingSettings<WebCodecsEncoding>,
    private readonly deliver: (bytes: ArrayBuffer) => void,
    private readonly failed: (message: string) => void,
  ) {}

  get encoding(): WebCodecsEncoding {
    return this.settings.encoding;
  }

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

  /**
   * Encodes another camera's frames from now on, in the same recording: the encoder keeps its
   * size and settings (switchable-frames.ts fits the new picture in).
   */
  switchCamera(track: MediaStreamTrack): void {
    this.camera = track;
    this.onCamera?.(track);
  }

  stop(): void {
    this.generation++;
    this.stopSession();
  }

  private onBitrate?: (kbps: number) => void;
  private onCamera?: (track: MediaStreamTrack) => void;
  /** The camera switched to while live; a restart (a new recording) starts with it. */
  private camera?: MediaStreamTrack;

  private stopSession(): void {
    this.session?.stop();
    this.session = undefined;
    this.onBitrate = undefined;
    this.onCamera = undefined;
  }

  private async start(generation: number): Promise<void> {
    const videoTrack = this.camera ?? this.stream.getVideoTracks()[0];
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
    const audioCodec = this.settings.encoding.media.audio;
    const audioSource = new EncodedAudioPacketSource(audioCodec);
    output.addVideoTrack(videoSource, { frameRate: 30 });
    output.addAudioTrack(audioSource);
    await output.start();

    // Both tracks' timestamps count from this recording's start, on one clock: each track's own
    // clock is offset by where it stood when its first frame arrived. Encoded packets are restamped,
    // not raw frames: copying AudioData to restamp it crashes WebKitGTK's web process.
    const startedAt = performance.now() * 1000;
    const offsets = new Map<'video' | 'audio', number>();
    const since = (kind: 'video' | 'audio', captured: number) => {
      if (!offsets.has(kind)) offsets.set(kind, captured - (performance.now() * 1000 - startedAt));
      return Math.max(0, captured - offsets.get(kind)!);
    };
    const restamped = (kind: 'video' | 'audio', chunk: EncodedVideoChunk | EncodedAudioChunk) =>
      EncodedPacket.fromEncodedChunk(chunk).clone({ timestamp: since(kind, chunk.timestamp) / 1e6 });

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
        if (live()) void videoSource.add(restamped('video', chunk), withCheckedDescription(chunk, meta));
      },
      error: (error) => (failure = error),
    });
    videoEncoder.configure(videoConfig);
    const audioEncoder = new AudioEncoder({
      output: (chunk, meta) => {
        if (live()) void audioSource.add(restamped('audio', chunk), meta);
      },
      error: (error) => (failure = error),
    });
    // Configured by the first samples: their rate is the microphone's, or the audio context's.
    const configureAudio = ({ sampleRate, numberOfChannels }: AudioData) =>
      audioEncoder.configure({
        codec: audioCodec === 'aac' ? 'mp4a.40.2' : 'opus',
        sampleRate,
        numberOfChannels,
        bitrate: this.settings.audioKbps * 1000,
      });

    let forceKeyFrame = true;
    this.onBitrate = (kbps) => {
      videoEncoder.configure({ ...videoConfig, bitrate: kbps * 1000 });
      forceKeyFrame = true;
    };

    const frames = new SwitchableFrames(videoTrack, { width, height });
    const samples = await microphoneSamples(audioTrack);
    if (!live()) {
      frames.stop();
      samples.stop();
      return;
    }
    this.onCamera = (track) => frames.switchTo(track);
    const audioReader = samples.readable.getReader();
    this.session = {
      stop: () => {
        void audioReader.cancel().catch(() => undefined);
        frames.stop();
        samples.stop();
        for (const encoder of [videoEncoder, audioEncoder]) if (encoder.state !== 'closed') encoder.close();
        void output.cancel().catch(() => undefined);
      },
    };

    let lastKeyFrame = -Infinity;
    let clock = frames.clock;
    // Every frame and sample read is closed whatever happens to it (encoded, dropped, or the
    // session ending or failing under it): one left to the garbage collector stalls the camera.
    const pumpVideo = async () => {
      for (;;) {
        const frame = await frames.read();
        if (!frame) return;
        try {
          if (!live()) return;
          if (failure) throw failure;
          if (videoEncoder.encodeQueueSize > MAX_ENCODE_QUEUE) continue;
          if (frames.clock !== clock) {
            // Another source: its first frame is now on the recording's timeline, and a keyframe.
            clock = frames.clock;
            offsets.delete('video');
            forceKeyFrame = true;
          }
          const at = since('video', frame.timestamp);
          const keyFrame = forceKeyFrame || at - lastKeyFrame >= KEYFRAME_INTERVAL_MS * 1000;
          if (keyFrame) {
            lastKeyFrame = at;
            forceKeyFrame = false;
          }
          videoEncoder.encode(frame, { keyFrame });
        } finally {
          frame.close();
        }
      }
    };
    const pumpAudio = async () => {
      for (;;) {
        const { value: data, done } = await audioReader.read();
        if (done) return;
        try {
          if (!live()) return;
          if (failure) throw failure;
          if (audioEncoder.state === 'unconfigured') configureAudio(data);
          since('audio', data.timestamp); // fixes the audio clock's offset at its first input
          audioEncoder.encode(data);
        } finally {
          data.close();
        }
      }
    };
    await Promise.all([pumpVideo(), pumpAudio()]);
  }
}

/** The encoder's metadata with an H.264 description that holds together (avc-description.ts). */
function withCheckedDescription(
  chunk: EncodedVideoChunk,
  meta: EncodedVideoChunkMetadata | undefined,
): EncodedVideoChunkMetadata | undefined {
  const description = meta?.decoderConfig?.description;
  if (!meta?.decoderConfig || !description) return meta;
  const keyframe = new Uint8Array(chunk.byteLength);
  chunk.copyTo(keyframe);
  return {
    ...meta,
    decoderConfig: { ...meta.decoderConfig, description: checkedAvcDescription(description, keyframe) },
  };
}
