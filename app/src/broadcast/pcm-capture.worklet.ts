/**
 * Runs in the AudioWorklet (its own global scope, loaded by microphone-samples.ts): passes the
 * microphone's samples to the page in batches, for browsers without MediaStreamTrackProcessor.
 * Batches of 1,024 frames (about 21 ms): fewer messages than one per 128-frame render quantum.
 */

// The AudioWorklet global scope, which TypeScript's DOM library does not describe.
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessor): void;

const BATCH_FRAMES = 1024;

class PcmCapture extends AudioWorkletProcessor {
  private batch: Float32Array[] = [];
  private filled = 0;

  process(inputs: Float32Array[][]): boolean {
    const channels = inputs[0] ?? [];
    const length = channels[0]?.length ?? 0;
    if (length === 0) return true;
    if (this.batch.length !== channels.length) {
      this.batch = channels.map(() => new Float32Array(BATCH_FRAMES));
      this.filled = 0;
    }
    let offset = 0;
    while (offset < length) {
      const count = Math.min(BATCH_FRAMES - this.filled, length - offset);
      this.batch.forEach((batch, index) =>
        batch.set(channels[index]!.subarray(offset, offset + count), this.filled),
      );
      this.filled += count;
      offset += count;
      if (this.filled === BATCH_FRAMES) {
        const planes = this.batch;
        this.port.postMessage(
          planes,
          planes.map((plane) => plane.buffer),
        );
        this.batch = channels.map(() => new Float32Array(BATCH_FRAMES));
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor('pcm-capture', PcmCapture);
