/**
 * The baseline for bench/transwrap: the relay of the sample this product replaces, reduced to what
 * costs CPU and memory. A WebSocket server; each connection's first (text) message names the RTMP
 * output and the video codec, then every binary message is written straight to FFmpeg's stdin
 * (no backpressure, as in the sample). FFmpeg gets the sample's arguments: `-i -` (probed, no
 * declared format), `-vcodec copy` for H.264 or a libx264 720p transcode otherwise, `-acodec aac
 * -ar 44100 -b:a 128k`, `-preset veryfast -tune zerolatency`, FLV out. Only `-hide_banner
 * -loglevel error` is added (transwrap passes the same) so neither relay pays for FFmpeg's chatter.
 * Run as its own process (`node --import tsx baseline-relay.ts`) so its process tree can be
 * measured like transwrap's; it reports its port over IPC.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export function baselineArgs(video: string, output: string): string[] {
  const videoArgs = video === 'h264' ? ['-vcodec', 'copy'] : ['-vcodec', 'libx264', '-s', '1280x720'];
  return [
    ...['-hide_banner', '-loglevel', 'error'],
    ...['-i', '-'],
    ...videoArgs,
    ...['-preset', 'veryfast', '-tune', 'zerolatency'],
    ...['-acodec', 'aac', '-ar', '44100', '-b:a', '128k'],
    ...['-f', 'flv', output],
  ];
}

function main(): void {
  const ffmpegPath = process.env.FFMPEG_PATH ?? 'ffmpeg';
  const relays = new Set<ChildProcess>();
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 16 * 1024 * 1024 });
  server.on('connection', (socket) => {
    let ffmpeg: ChildProcess | undefined;
    socket.on('message', (data: Buffer, isBinary) => {
      if (isBinary) {
        ffmpeg?.stdin?.write(data);
        return;
      }
      const message = JSON.parse(data.toString()) as { type: string; output?: string; video?: string };
      if (message.type === 'start' && !ffmpeg && message.output) {
        const child = spawn(ffmpegPath, baselineArgs(message.video ?? 'h264', message.output), {
          stdio: ['pipe', 'ignore', 'pipe'],
        });
        ffmpeg = child;
        relays.add(child);
        let errors = '';
        child.stderr?.on('data', (chunk: Buffer) => (errors = `${errors}${chunk.toString()}`.slice(-1000)));
        child.stdin?.on('error', () => undefined);
        child.once('exit', (code) => {
          relays.delete(child);
          if (socket.readyState === socket.OPEN)
            socket.close(code === 0 ? 1000 : 4011, code === 0 ? 'ended' : errors.slice(-100));
        });
        socket.send(JSON.stringify({ type: 'ready' }));
      } else if (message.type === 'stop') {
        ffmpeg?.stdin?.end();
      }
    });
    socket.on('close', () => {
      if (ffmpeg && ffmpeg.exitCode === null) ffmpeg.stdin?.end();
      setTimeout(() => ffmpeg?.kill('SIGKILL'), 5000).unref();
    });
  });
  server.on('listening', () =>
    process.send?.({ type: 'listening', port: (server.address() as AddressInfo).port }),
  );
  const stop = () => {
    for (const relay of relays) relay.kill('SIGKILL');
    server.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
}

if (require.main === module) main();
