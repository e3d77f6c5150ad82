/**
 * The camera's frames as VideoFrames for a VideoEncoder: from MediaStreamTrackProcessor where the
 * browser has it (Chromium), else by drawing the camera, playing in a hidden <video>, into a
 * canvas at each new frame (Firefox, Safari, WebKitGTK). The canvas, not the <video> itself, is
 * the VideoFrame's source: WebKitGTK's H.264 encoder fails on frames made from a <video>, and a
 * canvas of fixed size keeps the encoded picture one size whatever the camera does. `fitted`
 * always draws (a camera switched to while live, whose size or shape may differ from the
 * recording's): the picture is fitted whole into the frame, black bars where the shapes differ.
 * A hidden page renders nothing, so requestVideoFrameCallback stops there while the camera goes on
 * (measured in Firefox: a tab in the background); a timer paces the drawing then, so a seller who
 * switches tabs is still on air.
 */
import { trackReader, type MediaSamples } from './media-samples';

/** Used where requestVideoFrameCallback is missing or stopped: the camera's usual 30 fps. */
const FRAME_INTERVAL_MS = 1000 / 30;

export function cameraFrames(
  track: MediaStreamTrack,
  size: { width: number; height: number },
  options: { fitted?: boolean } = {},
): MediaSamples<VideoFrame> {
  const reader = options.fitted ? undefined : trackReader<VideoFrame>(track);
  if (reader) return reader;

  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d')!;

  // A frame drawn after the reader cancelled would have nobody to close it.
  let cancelled = false;
  const readable = new ReadableStream<VideoFrame>(
    {
      start: () => video.play(),
      cancel: () => void (cancelled = true),
      pull: (controller) =>
        new Promise<void>((resolve) =>
          atNextFrame(video, () => {
            if (cancelled) return resolve();
            drawFitted(context, video, size);
            controller.enqueue(new VideoFrame(canvas, { timestamp: Math.round(performance.now() * 1000) }));
            resolve();
          }),
        ),
    },
    { highWaterMark: 1 },
  );
  return {
    readable,
    stop: () => {
      video.pause();
      video.srcObject = null;
    },
  };
}

/** Calls `draw` once, at the camera's next frame, or by timer while the page is hidden. */
function atNextFrame(video: HTMLVideoElement, draw: () => void): void {
  let called = false;
  const once = () => {
    if (called) return;
    called = true;
    document.removeEventListener('visibilitychange', onHidden);
    draw();
  };
  // Hidden while waiting: the frame callback would not come until the page is shown again.
  const onHidden = () => {
    if (document.hidden) setTimeout(once, FRAME_INTERVAL_MS);
  };
  if (document.hidden || !('requestVideoFrameCallback' in video)) {
    setTimeout(once, FRAME_INTERVAL_MS);
    return;
  }
  document.addEventListener('visibilitychange', onHidden);
  video.requestVideoFrameCallback(once);
}

/** The whole picture, as large as fits, centred; black where it does not reach. */
function drawFitted(
  context: CanvasRenderingContext2D,
  video: HTMLVideoElement,
  size: { width: number; height: number },
): void {
  const { videoWidth, videoHeight } = video;
  const scale = Math.min(size.width / (videoWidth || size.width), size.height / (videoHeight || size.height));
  const width = Math.round((videoWidth || size.width) * scale);
  const height = Math.round((videoHeight || size.height) * scale);
  if (width < size.width || height < size.height) context.fillRect(0, 0, size.width, size.height);
  context.drawImage(video, (size.width - width) / 2, (size.height - height) / 2, width, height);
}
