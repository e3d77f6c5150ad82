/**
 * Regenerates the PWA's PNG icons in public/icons/ from the logo, public/favicon.svg, by having
 * Debian's Chromium draw it on a page exactly the icon's size and screenshotting that page. The
 * PNGs are checked in; run this when the logo changes:
 *
 *   cd app && node --import tsx scripts/make-icons.ts
 *
 * - icon-*: the logo as it is (its rounded tile, transparent corners), for purpose "any".
 * - maskable-*: the tile's colour to every edge and the logo inside the central 80%, the safe
 *   zone every launcher's mask keeps (https://web.dev/articles/maskable-icon).
 * - apple-touch-icon-180: opaque (iOS draws transparency as black) and full-bleed; iOS rounds
 *   the corners itself.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { resolveChromium } from '@golive/common/binaries';

const PUBLIC_DIR = join(import.meta.dirname, '..', 'public');
const ICONS_DIR = join(PUBLIC_DIR, 'icons');

interface Icon {
  file: string;
  size: number;
  /** The logo's share of the icon's width, centred. */
  logoScale: number;
  /** Paints the whole square (the logo's tile colour) so the icon has no transparent pixel. */
  opaque: boolean;
}

const ICONS: Icon[] = [
  { file: 'icon-192.png', size: 192, logoScale: 1, opaque: false },
  { file: 'icon-512.png', size: 512, logoScale: 1, opaque: false },
  { file: 'maskable-192.png', size: 192, logoScale: 0.8, opaque: true },
  { file: 'maskable-512.png', size: 512, logoScale: 0.8, opaque: true },
  { file: 'apple-touch-icon-180.png', size: 180, logoScale: 1, opaque: true },
];

const logo = readFileSync(join(PUBLIC_DIR, 'favicon.svg'), 'utf8');
/** The colour of the logo's tile (its first rect), which full-bleed icons extend to the edges. */
const tileColour = /<rect\b[^>]*\bfill="([^"]+)"/.exec(logo)?.[1];
if (!tileColour)
  throw new Error('favicon.svg has no <rect fill="..."> tile to take the background colour from');

function iconPage({ size, logoScale, opaque }: Icon): string {
  const logoSize = size * logoScale;
  const logoUrl = `data:image/svg+xml;base64,${Buffer.from(logo).toString('base64')}`;
  return `<!doctype html>
<html><body style="margin:0; width:${size}px; height:${size}px; overflow:hidden;
  display:grid; place-items:center; background:${opaque ? tileColour : 'transparent'}">
  <img src="${logoUrl}" alt="" style="display:block; width:${logoSize}px; height:${logoSize}px">
</body></html>`;
}

/** What the saved PNG really is, decoded by the browser: its pixel size and whether any pixel is see-through. */
async function inspectPng(
  page: Page,
  png: Buffer,
): Promise<{ width: number; height: number; opaque: boolean }> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.naturalWidth, image.naturalHeight);
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let opaque = true;
    for (let alpha = 3; alpha < data.length && opaque; alpha += 4) opaque = data[alpha] === 255;
    return { width: image.naturalWidth, height: image.naturalHeight, opaque };
  }, png.toString('base64'));
}

async function main() {
  mkdirSync(ICONS_DIR, { recursive: true });
  const browser = await chromium.launch({ executablePath: resolveChromium(), args: ['--no-sandbox'] });
  try {
    for (const icon of ICONS) {
      const page = await browser.newPage({
        viewport: { width: icon.size, height: icon.size },
        deviceScaleFactor: 1,
      });
      await page.setContent(iconPage(icon));
      await page.locator('img').evaluate((image: HTMLImageElement) => image.decode());
      const path = join(ICONS_DIR, icon.file);
      const png = await page.screenshot({ path, omitBackground: !icon.opaque });
      const seen = await inspectPng(page, png);
      await page.close();
      if (seen.width !== icon.size || seen.height !== icon.size)
        throw new Error(`${icon.file} came out ${seen.width}x${seen.height}, not ${icon.size}x${icon.size}`);
      if (icon.opaque && !seen.opaque) throw new Error(`${icon.file} has transparent pixels`);
      if (!icon.opaque && seen.opaque) throw new Error(`${icon.file} lost the logo's transparent corners`);
      console.log(
        `${icon.file}: ${seen.width}x${seen.height}, ${seen.opaque ? 'opaque' : 'transparent corners'}`,
      );
    }
  } finally {
    await browser.close();
  }
}

await main();
