/**
 * One period of a packaged stream: an FFmpeg that copies FLV (given on stdin) into fragmented MP4,
 * read into an init section and parts (fmp4-fragments.ts). A stream whose decoder configuration
 * changes (a slate coming on in place of the camera) needs a new init section, so a new period,
 * so a new muxer. Its pieces are held until it is let deliver them: a period's last fragment
 * comes out after the next period has started, and the playlist must get them in order.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Fmp4FragmentReader, type Fmp4Fragment, type Fmp4Init } from './fmp4-fragments';

/** FFmpeg cuts a fragment once it holds this much; parts come out 0.3 s plus at most a frame. */
const FRAGMENT_S = 0.3;

export type Fmp4Piece = Fmp4Init | Fmp4Fragment;

export class Fmp4Muxer {
  private readonly process: ChildProcess;
  private held: Fmp4Piece[] = [];
  private deliver?: (piece: Fmp4Piece) => void;
  private errors = '';
  /** Resolves once FFmpeg has exited and every piece it made has been read. */
  readonly closed: Promise<{ code: number | null; errors: string }>;

  constructor(ffmpeg: string, onUnreadable: (error: unknown) => void) {
    this.process = spawn(
      ffmpeg,
      [
        ...['-hide_banner', '-loglevel', 'error', '-probesize', '32768', '-analyzeduration', '0'],
        ...['-f', 'flv', '-i', 'pipe:0', '-map', '0', '-c', 'copy', '-copyts', '-f', 'mp4'],
        // empty_moov: the header comes first, alone; default_base_moof: each fragment stands alone (as CMAF asks).
        ...['-movflags', 'empty_moov+default_base_moof+frag_keyframe'],
        ...['-frag_duration', String(FRAGMENT_S * 1_000_000), '-flush_packets', '1', 'pipe:1'],
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const reader = new Fmp4FragmentReader((piece) =>
      this.deliver ? this.deliver(piece) : this.held.push(piece),
    );
    let failed = false;
    this.process.stdout?.on('data', (chunk: Buffer) => {
      if (failed) return;
      try {
        reader.push(chunk);
      } catch (error) {
        failed = true;
        onUnreadable(error);
        this.process.kill('SIGKILL');
      }
    });
    this.process.stderr?.on(
      'data',
      (chunk: Buffer) => (this.errors = `${this.errors}${chunk.toString()}`.slice(-2000)),
    );
    this.process.stdin?.on('error', () => undefined); // EPIPE if FFmpeg has gone; its exit says why
    this.closed = new Promise((resolve) =>
      this.process.once('close', (code) => resolve({ code, errors: this.errors.trim() })),
    );
  }

  write(bytes: Buffer): void {
    this.process.stdin?.write(bytes);
  }

  /** From now on its pieces go to `deliver`, the ones held so far first. */
  release(deliver: (piece: Fmp4Piece) => void): void {
    for (const piece of this.held) deliver(piece);
    this.held = [];
    this.deliver = deliver;
  }

  /** No more input: FFmpeg writes its last fragment and exits. */
  end(): void {
    this.process.stdin?.end();
  }

  kill(): void {
    this.process.kill('SIGKILL');
  }
}
