/**
 * The microphone's raw samples as AudioData for an AudioEncoder: from MediaStreamTrackProcessor
 * where the browser has it (Chromium), else through an AudioWorklet (Firefox, Safari, WebKitGTK).
 * Worklet samples are stamped by counting them from the first batch, so the audio's timeline has
 * no gaps or jitter whatever the main thread's timing.
 */
import { trackReader, type MediaSamples } from './media-samples';
import workletUrl from './pcm-capture.worklet.ts?worker&url';

/** How long an audio context may take to start before the browser is taken not to run it. */
const AUDIO_START_MS = 2000;

/** Whether Web Audio runs here: an audio context starts, within a moment. */
export async function webAudioRuns(): Promise<boolean> {
  const context = new AudioContext();
  try {
    const started = context.resume().then(() => context.state === 'running');
    const late = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), AUDIO_START_MS));
    return await Promise.race([started, late]);
  } finally {
    void context.close().catch(() => undefined);
  }
}

export async function microphoneSamples(track: MediaStreamTrack): Promise<MediaSamples<AudioData>> {
  const reader = trackReader<AudioData>(track);
  if (reader) return reader;

  const context = new AudioContext();
  await context.audioWorklet.addModule(workletUrl);
  const source = context.createMediaStreamSource(new MediaStream([track]));
  // Mono, fixed: a phone's voice needs no more, and an encoder configured for one channel count
  // refuses another (WebKitGTK's source changed from one to two channels a moment after starting).
  const capture = new AudioWorkletNode(context, 'pcm-capture', {
    channelCount: 1,
    channelCountMode: 'explicit',
  });
  source.connect(capture);
  // Connected to the output (it writes silence) so that every engine keeps pulling it.
  capture.connect(context.destination);
  await context.resume();

  let startedAt: number | undefined;
  let frames = 0;
  const readable = new ReadableStream<AudioData>({
    start(controller) {
      capture.port.onmessage = ({ data: planes }: MessageEvent<Float32Array[]>) => {
        startedAt ??= performance.now() * 1000;
        const numberOfFrames = planes[0]?.length ?? 0;
        const data = new Float32Array(numberOfFrames * planes.length);
        planes.forEach((plane, index) => data.set(plane, index * numberOfFrames));
        controller.enqueue(
          new AudioData({
            format: 'f32-planar',
            sampleRate: context.sampleRate,
            numberOfFrames,
            numberOfChannels: planes.length,
            timestamp: Math.round(startedAt + (frames / context.sampleRate) * 1e6),
            data,
          }),
        );
        frames += numberOfFrames;
      };
    },
    // Samples made after the reader is gone would have nobody to close them.
    cancel: () => void (capture.port.onmessage = null),
  });
  return {
    readable,
    stop: () => {
      capture.port.onmessage = null;
      source.disconnect();
      capture.disconnect();
      void context.close().catch(() => undefined);
    },
  };
}
