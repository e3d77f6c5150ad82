/**
 * Reads a QR code printed in a terminal (lan/terminal-qr.ts) back into its text with a QR reader
 * (jsQR): the characters become the pixels a phone's camera would see, with a quiet zone around.
 */
import jsQR from 'jsqr';

/** Dark modules from the terminal text: each character is two rows (▀ top, ▄ bottom, █ both), dark only in the dark foreground colour. */
function terminalQrPixels(text: string): { data: Uint8ClampedArray; width: number; height: number } {
  const rows: boolean[][] = [];
  for (const line of text.split('\n')) {
    const top: boolean[] = [];
    const bottom: boolean[] = [];
    let dark = true;
    for (const token of line.match(/\x1b\[[0-9;]*m|./gu) ?? []) {
      const colour = /^\x1b\[([0-9;]*)m$/.exec(token)?.[1];
      if (colour !== undefined) {
        // 30: the QR's dark foreground; 37 (light) or 0 (reset: the terminal's own) are not dark.
        if (colour === '30') dark = true;
        else if (colour === '37' || colour === '0') dark = false;
        continue;
      }
      top.push(dark && (token === '▀' || token === '█'));
      bottom.push(dark && (token === '▄' || token === '█'));
    }
    if (top.length > 0) rows.push(top, bottom);
  }
  const modules = Math.max(...rows.map((row) => row.length));
  const scale = 8;
  const margin = 4 * scale;
  const width = modules * scale + 2 * margin;
  const height = rows.length * scale + 2 * margin;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  rows.forEach((row, y) =>
    row.forEach((isDark, x) => {
      if (!isDark) return;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const at = ((margin + y * scale + dy) * width + margin + x * scale + dx) * 4;
          data.set([0, 0, 0, 255], at);
        }
    }),
  );
  return { data, width, height };
}

export function decodeTerminalQr(text: string): string | undefined {
  const { data, width, height } = terminalQrPixels(text);
  return jsQR(data, width, height)?.data;
}

/** Every QR code in a terminal's output (runs of lines drawn in colour), read in order. */
export function decodeTerminalQrs(output: string): (string | undefined)[] {
  const blocks: string[][] = [];
  let current: string[] | undefined;
  for (const line of output.split('\n')) {
    if (line.includes('\x1b[')) (current ??= (blocks.push([]), blocks[blocks.length - 1]!)).push(line);
    else current = undefined;
  }
  return blocks.map((block) => decodeTerminalQr(block.join('\n')));
}
