/**
 * Amplify Hosting serves the PWA as the local stack's app host does: amplify.yml deploys the
 * backend and builds app/ into the artifacts it publishes, and customHttp.yml gives each file the
 * headers local/src/app/app-server.ts gives it (security headers on everything, immutable hashed
 * assets, entry points and the config revalidated every time).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { minimatch } from 'minimatch';
import { parse } from 'yaml';
import { APP_DIST, REPO_ROOT } from '@golive/common/repo-paths';
import { createAppServer, securityHeaders } from '@golive/local/app/app-server';
import { ANY_SECURE_BACKEND } from '@golive/local/app/content-security-policy';

interface CustomHttp {
  customHeaders: { pattern: string; headers: { key: string; value: string }[] }[];
}
interface BuildSpec {
  backend: { phases: { build: { commands: string[] } } };
  frontend: {
    phases: { build: { commands: string[] } };
    artifacts: { baseDirectory: string; files: string[] };
  };
}

const read = (file: string) => readFileSync(join(REPO_ROOT, file), 'utf8');
const customHttp = parse(read('customHttp.yml')) as CustomHttp;
const buildSpec = parse(read('amplify.yml')) as BuildSpec;
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
const dist = APP_DIST;

/** The headers Amplify Hosting adds to a file's response, by customHttp.yml's patterns. */
function hostingHeaders(path: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { pattern, headers: list } of customHttp.customHeaders) {
    if (!minimatch(path, pattern, { dot: true })) continue;
    for (const { key, value } of list) {
      const name = key.toLowerCase();
      // Two patterns setting one header would leave the answer to Amplify's precedence rules.
      if (name in headers) throw new Error(`${path}: ${name} is set by more than one pattern`);
      headers[name] = value;
    }
  }
  return headers;
}

function filesIn(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesIn(path) : [relative(dist, path)];
  });
}

let server: Server;
let port: number;
beforeAll(async () => {
  // Configured as in AWS, where the backend's hosts are only known at run time.
  server = createAppServer(dist, { version: '1.4' }, ANY_SECURE_BACKEND);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => server?.close());

/** What the local app host answers for a path (HEAD). */
function localHeaders(path: string): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: `/${path}`, method: 'HEAD' }, (response) => {
      resolve(response.headers as Record<string, string>);
      response.resume();
    })
      .on('error', reject)
      .end();
  });
}

describe('Amplify Hosting', () => {
  it('deploys the branch’s backend, then builds the PWA and publishes app/dist', () => {
    expect(buildSpec.backend.phases.build.commands).toEqual(['npm run deploy']);
    expect(scripts.deploy).toMatch(/amplify\/scripts\/deploy\.ts pipeline/);
    expect(buildSpec.frontend.phases.build.commands).toEqual(['npm run build']);
    expect(scripts.build).toMatch(/-w app|--workspace app/);
    expect(buildSpec.frontend.artifacts).toEqual({ baseDirectory: 'app/dist', files: ['**/*'] });
  });

  it('sends every file the local host’s security headers', async () => {
    const files = [...filesIn(dist), 'amplify_outputs.json'];
    expect(files).toContain('index.html');
    for (const file of files) {
      const local = await localHeaders(file);
      const hosted = hostingHeaders(file);
      for (const name of Object.keys(securityHeaders(ANY_SECURE_BACKEND))) {
        expect({ file, name, value: hosted[name] }).toEqual({ file, name, value: local[name] });
      }
    }
  });

  it('sends a strict Content-Security-Policy: the app’s own scripts only, no plugins, no framing, no plain-text backends', () => {
    const header = hostingHeaders('index.html')['content-security-policy'] ?? '';
    const policy = new Map(
      header.split(';').map((directive) => {
        const [name, ...sources] = directive.trim().split(/\s+/);
        return [name!, sources];
      }),
    );
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", 'https:', 'wss:']);
    for (const [name, sources] of policy) {
      const loose = sources.filter((source) => /unsafe|^\*$|^(http|ws):$/.test(source));
      expect({ name, loose }).toEqual({ name, loose: [] });
    }
  });

  it('caches hashed assets for good and revalidates the entry points, the service worker and the config', async () => {
    const files = filesIn(dist).filter((file) => !file.endsWith('.map'));
    const assets = files.filter((file) => file.startsWith('assets/'));
    const entryPoints = [
      'index.html',
      'sw.js',
      'manifest.webmanifest',
      'amplify_outputs.json',
      ...files.filter((file) => /^workbox-.*\.js$/.test(file)),
    ];
    expect(assets.length).toBeGreaterThan(3);
    for (const file of [...assets, ...entryPoints]) {
      const local = await localHeaders(file);
      expect({ file, cache: hostingHeaders(file)['cache-control'] }).toEqual({
        file,
        cache: local['cache-control'],
      });
    }
    expect(hostingHeaders('manifest.webmanifest')['content-type']).toBe(
      (await localHeaders('manifest.webmanifest'))['content-type'],
    );
  });
});
