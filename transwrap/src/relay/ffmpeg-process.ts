/**
 * One FFmpeg of a relay, with its input on stdin. Writes report backpressure (the caller stops
 * feeding until 'drain'); the exit says whether it finished, could not read its input, or failed.
 * FFmpeg's own error text is redacted (an output URL holds the stream key) before anyone sees it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';

export type FfmpegExit =
  { kind: 'finished' } | { kind: 'bad-media'; detail: string } | { kind: 'failed'; detail: string };

interface FfmpegEvents {
  drain: [];
  exit: [FfmpegExit];
}

/**
 * FFmpeg gets only what it needs to run and to verify TLS, not transwrap's environment: that holds
 * AWS credentials (locally the stack's secret), which a media tool has no use for.
 */
const FFMPEG_ENVIRONMENT = ['PATH', 'HOME', 'LANG', 'TZ', 'LD_LIBRARY_PATH', 'SSL_CERT_FILE', 'SSL_CERT_DIR'];

function ffmpegEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    FFMPEG_ENVIRONMENT.filter((name) => process.env[name] !== undefined).map((name) => [
      name,
      process.env[name],
    ]),
  );
}

const BAD_MEDIA =
  /Invalid data found|EBML header parsing failed|could not find codec parameters|moov atom not found|Error opening input/i;

export class FfmpegProcess extends EventEmitter<FfmpegEvents> {
  private readonly process: ChildProcess;
  private errors = '';
  private ending = false;

  /** @param secret text in the arguments (the output URL) that never appears in an error. */
  constructor(ffmpeg: string, args: string[], secret?: string) {
    super();
    this.process = spawn(ffmpeg, args, { stdio: ['pipe', 'pipe', 'pipe'], env: ffmpegEnvironment() });
    const redact = (text: string) => (secret ? text.replaceAll(secret, '<ingest>') : text);
    this.process.stderr?.on(
      'data',
      (chunk: Buffer) => (this.errors = redact(`${this.errors}${chunk.toString()}`).slice(-2000)),
    );
    this.process.stdin?.on('drain', () => this.emit('drain'));
    this.process.stdin?.on('error', () => undefined); // EPIPE when FFmpeg quits; the exit says why
    this.process.once('close', (code) => {
      const detail = this.errors.trim();
      if (this.ending && (code === 0 || code === 255)) this.emit('exit', { kind: 'finished' });
      else if (BAD_MEDIA.test(detail)) this.emit('exit', { kind: 'bad-media', detail });
      else this.emit('exit', { kind: 'failed', detail: detail || `FFmpeg exited with ${code}` });
    });
  }

  protected get stdout(): Readable {
    return this.process.stdout!;
  }

  /** false: the pipe is full; wait for 'drain' before writing more. */
  write(chunk: Buffer): boolean {
    return this.process.stdin?.write(chunk) ?? false;
  }

  /** Bytes accepted but not yet taken by FFmpeg. */
  get queuedBytes(): number {
    return this.process.stdin?.writableLength ?? 0;
  }

  /** Ends the input; FFmpeg flushes and exits. */
  finish(): void {
    this.ending = true;
    this.process.stdin?.end();
    setTimeout(() => this.process.kill('SIGKILL'), 5000).unref();
  }

  kill(): void {
    this.ending = true;
    this.process.kill('SIGKILL');
  }

  /** Kills FFmpeg as a failure (it is stuck): the exit reports `failed` with this reason. */
  abort(reason: string): void {
    this.errors = reason;
    this.process.kill('SIGKILL');
  }
}
