/** A stand-in for the browser's MediaRecorder in Node tests: the test recording, as chunks in real time. */
import { readFileSync } from 'node:fs';
import { testRecording } from './test-broadcast';

/** Plays the recording as a MediaRecorder would: chunks at real-time pace, from the header on each start. */
export class FileRecorder {
  private generation = 0;
  starts = 0;
  constructor(private readonly deliver: (chunk: Buffer) => void) {}

  start(): void {
    const generation = ++this.generation;
    this.starts++;
    const { path, seconds } = testRecording();
    const bytes = readFileSync(path);
    const chunkBytes = Math.ceil(bytes.length / (seconds * 4)); // a chunk every 250 ms
    const begin = Date.now();
    void (async () => {
      for (let offset = 0; offset < bytes.length && generation === this.generation; offset += chunkBytes) {
        // Pacing, not waiting: each chunk is delivered when the recorder would have made it.
        const due = begin + (offset / bytes.length) * seconds * 1000;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
        if (generation === this.generation) this.deliver(bytes.subarray(offset, offset + chunkBytes));
      }
    })();
  }

  stop(): void {
    this.generation++;
  }
}
