/**
 * The RTMPS ingest's certificate: self-signed for 127.0.0.1 and localhost, made once and kept in
 * the data folder. local-stack.json names the file so clients can be told to trust it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import selfsigned from 'selfsigned';

export interface Certificate {
  key: string;
  cert: string;
  certPath: string;
}

export async function ensureCertificate(dir: string): Promise<Certificate> {
  mkdirSync(dir, { recursive: true });
  const keyPath = join(dir, 'ingest.key');
  const certPath = join(dir, 'ingest.crt');
  if (!existsSync(keyPath) || !existsSync(certPath)) {
    const pems = await selfsigned.generate([{ name: 'commonName', value: 'golive local IVS ingest' }], {
      notAfterDate: new Date(Date.now() + 3650 * 86_400_000),
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [
        {
          name: 'subjectAltName',
          altNames: [
            { type: 7, ip: '127.0.0.1' },
            { type: 2, value: 'localhost' },
          ],
        },
      ],
    });
    writeFileSync(keyPath, pems.private, { mode: 0o600 });
    writeFileSync(certPath, pems.cert);
  }
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath };
}
