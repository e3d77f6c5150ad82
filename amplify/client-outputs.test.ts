/**
 * What a deployment tells the PWA: amplify_outputs.json as Amplify writes it from the deployed
 * stack (its own generator, reading the synthesized outputs with sample deployed values), built
 * into the PWA as amplify.yml does, and read by the app: it calls the API at data.url with
 * data.api_key and signs in at the region's Cognito with auth.user_pool_client_id.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { REPO_ROOT } from '@golive/common/repo-paths';
import { launchBrowser, type TestBrowser } from '@golive/common/testing/browser';
import { createAppServer } from '@golive/local/app/app-server';
import { ANY_SECURE_BACKEND } from '@golive/local/app/content-security-policy';
import { appConfigFrom, type AmplifyOutputs } from '../app/src/config/app-config';
import { SAMPLE, SAMPLE_REGION } from './testing/sample-values';
import { useSynthesizedBackend } from './testing/synthesize';

const tsx = (script: string, ...args: string[]) => {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'amplify/testing', script), ...args],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 240_000,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  );
  if (result.status !== 0) throw new Error(`${script} failed:\n${result.stderr}`);
};

const backend = useSynthesizedBackend();
let work: string;
let outputs: AmplifyOutputs & { custom: Record<string, string>; data: Record<string, unknown> };
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'golive-outputs-'));
  tsx('sample-outputs.ts', backend().dir, join(work, 'amplify_outputs.json'));
  outputs = JSON.parse(readFileSync(join(work, 'amplify_outputs.json'), 'utf8')) as typeof outputs;
}, 240_000);
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('amplify_outputs.json from a deployment', () => {
  it('gives the PWA every field it reads, each from the right deployed resource', () => {
    expect(appConfigFrom(outputs)).toEqual({
      region: SAMPLE_REGION,
      graphqlUrl: SAMPLE.graphqlUrl,
      apiKey: SAMPLE.apiKey,
      userPoolId: SAMPLE.userPoolId,
      userPoolClientId: SAMPLE.userPoolClientId,
      cognitoEndpoint: `https://cognito-idp.${SAMPLE_REGION}.amazonaws.com/`,
    });
  });

  it('names the API’s auth modes and transwrap’s wss:// address', () => {
    expect(outputs.data).toMatchObject({
      default_authorization_type: 'AMAZON_COGNITO_USER_POOLS',
      authorization_types: ['API_KEY', 'AWS_IAM'],
    });
    expect(outputs.custom.transwrapUrl).toBe(`wss://${SAMPLE.distributionDomain}/ingest`);
    expect(outputs.custom.deploymentId).toBe(backend().rootStackName);
  });

  it('carries nothing a browser must not know', () => {
    const text = JSON.stringify(outputs);
    expect(text).not.toMatch(/stream.?key|secret|rtmps?:\/\//i);
  });
});

describe('the PWA built against it', () => {
  let browser: TestBrowser;
  let server: Server;
  let appUrl: string;
  const dist = () => join(work, 'dist');

  beforeAll(async () => {
    tsx('build-pwa.ts', join(work, 'amplify_outputs.json'), dist());
    // With Amplify Hosting's Content-Security-Policy (customHttp.yml): the backend is any https/wss host.
    const outputs: unknown = JSON.parse(readFileSync(join(dist(), 'amplify_outputs.json'), 'utf8'));
    server = createAppServer(dist(), outputs, ANY_SECURE_BACKEND);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('serves the outputs file from its build, outside the precache (a redeploy’s values reach installed apps)', () => {
    expect(existsSync(join(dist(), 'amplify_outputs.json'))).toBe(true);
    const serviceWorker = readFileSync(join(dist(), 'sw.js'), 'utf8');
    expect(serviceWorker).toContain('url:"index.html"');
    expect(serviceWorker).not.toContain('url:"amplify_outputs.json"');
  });

  /** Opens a page with every request off this machine answered by `answer` and recorded. */
  async function openOffline(path: string, answer: (request: Request) => { status: number; body: unknown }) {
    const page: Page = await browser.context.newPage();
    const seen: Request[] = [];
    await page.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => {
        const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' };
        if (route.request().method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
        seen.push(route.request());
        const { status, body } = answer(route.request());
        return route.fulfill({
          status,
          contentType: 'application/json',
          headers: cors,
          body: JSON.stringify(body),
        });
      },
    );
    await page.routeWebSocket(/.*/, () => undefined);
    await page.goto(`${appUrl}${path}`);
    return { page, seen };
  }

  it('asks the deployed API for a channel with the public API key', async () => {
    const { page, seen } = await openOffline('/watch/AbCdef1G2hij', () => ({
      status: 200,
      body: { data: { channel: null } },
    }));
    await page
      .getByText(/not found|no such channel|doesn’t exist|does not exist/i)
      .first()
      .waitFor();
    const api = seen.filter((r) => r.method() === 'POST' && r.url() === SAMPLE.graphqlUrl);
    expect(api.length).toBeGreaterThan(0);
    expect(api[0]!.headers()['x-api-key']).toBe(SAMPLE.apiKey);
    await page.close();
  });

  it('signs in at the region’s Cognito with the deployed app client', async () => {
    const { page, seen } = await openOffline('/sign-in', () => ({
      status: 400,
      body: { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' },
    }));
    await page.getByLabel('Email').fill('seller@example.com');
    await page.getByLabel('Password').fill('Not-the-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
    const cognito = seen.find((r) => r.headers()['x-amz-target']?.endsWith('.InitiateAuth'));
    expect(cognito?.url()).toBe(`https://cognito-idp.${SAMPLE_REGION}.amazonaws.com/`);
    expect((cognito?.postDataJSON() as { ClientId?: string }).ClientId).toBe(SAMPLE.userPoolClientId);
    await page.close();
  });
});
