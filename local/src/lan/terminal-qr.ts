/** QR codes printed in the terminal, for a phone's camera to open a URL (the qrcode library draws them). */
import QRCode from 'qrcode';

/**
 * Two rows of modules per line of text (half blocks), dark on a light background, with a
 * one-module margin: small enough to fit beside the banner, readable by phone cameras.
 */
export function terminalQr(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'terminal', small: true, errorCorrectionLevel: 'M' });
}
