/**
 * The camera's stream recorded in small pieces for transwrap: MediaRecorder with a 100 ms
 * timeslice (the relay's added delay starts here), a keyframe every 2 s (IVS wants one; without
 * asking, Chromium makes one only every ~5 s). `restart()` begins a new recording, header first,
 * which a new ingest session needs; pieces of the previous recording are never delivered after it.
 */
import type { RecorderEncoding } from './encoding-ladder';
import type { Recording, RecordingSettings } from './recording';

export const TIMESLICE_MS = 100;
export const KEYFRAME_INTERVAL_MS = 2000;

export class MediaRecording implements Recording {
  private recorder?: MediaRecorder;
  private generation = 0;
  /** Blob → bytes is asynchronous; a chain keeps the pieces in order. */
  private delivery: Promise<void> = Promise.resolve();

  constructor(
    private readonly stream: MediaStream,
    private readonly settings: RecordingSettings<RecorderEncoding>,
    private readonly deliver: (bytes: ArrayBuffer) => void,
    private readonly failed: (message: string) => void,
  ) {}

  /** Starts (or starts over) with the container header first. */
  restart(): void {
    this.stopRecorder();
    const generation = ++this.generation;
    const options: MediaRecorderOptions & { videoKeyFrameIntervalDuration?: number } = {
      mimeType: this.settings.encoding.mimeType,
      videoBitsPerSecond: this.settings.videoKbps * 1000,
      audioBitsPerSecond: this.settings.audioKbps * 1000,
      videoKeyFrameIntervalDuration: KEYFRAME_INTERVAL_MS,
    };
    let recorder: MediaRecorder;
    try {
      recorder = new MediaRecorder(this.stream, options);
    } catch (error) {
      return this.failed(`This browser cannot record ${this.settings.encoding.label}: ${String(error)}`);
    }
    recorder.ondataavailable = ({ data }) => {
      if (data.size === 0) return;
      this.delivery = this.delivery.then(async () => {
        const bytes = await data.arrayBuffer();
        if (generation === this.generation) this.deliver(bytes);
      });
    };
    recorder.onerror = (event) => {
      if (generation === this.generation)
        this.failed(`Recording stopped: ${event.message || 'the recorder failed'}`);
    };
    this.recorder = recorder;
    recorder.start(TIMESLICE_MS);
  }

  get encoding(): RecorderEncoding {
    return this.settings.encoding;
  }

  get videoKbps(): number {
    return this.settings.videoKbps;
  }

  stop(): void {
    this.generation++;
    this.stopRecorder();
  }

  private stopRecorder(): void {
    const recorder = this.recorder;
    this.recorder = undefined;
    if (recorder && recorder.state !== 'inactive') recorder.stop();
  }
}
