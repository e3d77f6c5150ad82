/**
 * Frame numbers a camera picture carries, for measuring glass-to-glass latency: the fake camera's
 * every frame has its number in a band across the top, as large black and white cells that survive
 * H.264 at any bitrate the app uses, between reference cells (white, black) that say where the
 * threshold is. Reading the seller's preview and a viewer's <video> at the same instant gives how
 * many frames behind the viewer is.
 *
 * Layout, in 16 equal columns over the band (the top third of the picture): white, black, then
 * `bits` cells (most significant first), then white up to the last column, which is black. The
 * reader takes columns 0 and 14 as white, 1 and 15 as black.
 */
export const FRAME_CODE = {
  bits: 11,
  columns: 16,
  /** The band's height as a share of the picture's. */
  bandShare: 1 / 3,
};

/** Frames before the numbers repeat; the fake camera loops its file at that length. */
export const FRAME_CODE_PERIOD = 2 ** FRAME_CODE.bits;

/** FFmpeg's geq expression for luma: the band over the moving test pattern underneath. */
export function frameCodeLuma(width: number, height: number): string {
  const column = `floor(X*${FRAME_CODE.columns}/${width})`;
  const last = FRAME_CODE.columns - 1;
  const bit = `bitand(floor(N/pow(2,${FRAME_CODE.bits + 1}-${column})),1)`;
  const cell = `if(lt(${column},1),235,if(lt(${column},2),16,if(lt(${column},${2 + FRAME_CODE.bits}),16+219*${bit},if(lt(${column},${last}),235,16))))`;
  return `if(lt(Y,${Math.round(height * FRAME_CODE.bandShare)}),${cell},lum(X,Y))`;
}

/** The same band's chroma: neutral, so the cells are pure grey levels. */
export function frameCodeChroma(height: number, plane: 'cb' | 'cr'): string {
  // Chroma planes are half height in yuv420p.
  return `if(lt(Y,${Math.round((height / 2) * FRAME_CODE.bandShare)}),128,${plane}(X,Y))`;
}

/**
 * Runs in the page (page.evaluate(readFrameNumber, ...)): the frame number a <video> shows now.
 * undefined when there is no readable code (not playing yet, or the references do not contrast: a
 * frame mid-transition). Self-contained, no inner named functions: it is sent as source text.
 */
export function readFrameNumber({ selector, layout }: { selector: string; layout: typeof FRAME_CODE }) {
  const video = document.querySelector<HTMLVideoElement>(selector);
  if (!video || !video.videoWidth || !video.videoHeight) return undefined;
  const { videoWidth: width, videoHeight: height } = video;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(video, 0, 0, width, height);
  const bandHeight = height * layout.bandShare;
  // Each cell's mean brightness over its middle half, away from the edges' compression blur.
  const cells: number[] = [];
  for (let index = 0; index < layout.columns; index++) {
    const x = Math.round(((index + 0.25) * width) / layout.columns);
    const w = Math.max(1, Math.round((0.5 * width) / layout.columns));
    const h = Math.max(1, Math.round(bandHeight * 0.5));
    const { data } = context.getImageData(x, Math.round(bandHeight * 0.25), w, h);
    let sum = 0;
    for (let at = 0; at < data.length; at += 4)
      sum += data[at]! * 0.299 + data[at + 1]! * 0.587 + data[at + 2]! * 0.114;
    cells.push(sum / (data.length / 4));
  }
  const white = (cells[0]! + cells[layout.columns - 2]!) / 2;
  const black = (cells[1]! + cells[layout.columns - 1]!) / 2;
  if (white - black < 100) return undefined;
  let number = 0;
  for (let bit = 0; bit < layout.bits; bit++)
    number = number * 2 + (cells[2 + bit]! > (white + black) / 2 ? 1 : 0);
  return number;
}
