/**
 * The QR codes the banner prints decode, with a QR reader (jsQR), to exactly the URL: the text in
 * the terminal is turned back into pixels the way a phone's camera would see it.
 */
import { decodeTerminalQr } from './testing/terminal-qr-reader';
import { terminalQr } from './terminal-qr';

test.each(['https://192.168.1.23:8443/', 'http://my-laptop.local:8081/', 'https://golive.test:40123/'])(
  'the terminal QR code of %s reads back as that URL',
  async (url) => {
    expect(decodeTerminalQr(await terminalQr(url))).toBe(url);
  },
);
