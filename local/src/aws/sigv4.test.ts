/** SigV4 verification against requests signed by the AWS SDK's own signer. */
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256, verifySigV4, type SignedRequest } from './sigv4';

const credentials = { accessKeyId: 'AKIALOCALTEST0000000', secretAccessKey: 'local-secret' };
const expected = { credentials, region: 'us-east-1', service: 'appsync' };

async function signed(
  options: {
    secret?: string;
    region?: string;
    date?: Date;
    body?: string;
    path?: string;
    extraHeaders?: Record<string, string>;
  } = {},
): Promise<SignedRequest> {
  const signer = new SignatureV4({
    credentials: { ...credentials, secretAccessKey: options.secret ?? credentials.secretAccessKey },
    region: options.region ?? 'us-east-1',
    service: 'appsync',
    sha256: NodeSha256,
  });
  const body = options.body ?? '{"query":"{ endpoints { items { id } } }"}';
  const request = await signer.sign(
    new HttpRequest({
      method: 'POST',
      hostname: '127.0.0.1',
      port: 4000,
      path: (options.path ?? '/graphql').split('?')[0],
      query: Object.fromEntries(new URLSearchParams((options.path ?? '').split('?')[1] ?? '')),
      headers: { host: '127.0.0.1:4000', 'content-type': 'application/json', ...options.extraHeaders },
      body,
    }),
    { signingDate: options.date ?? new Date() },
  );
  return { method: 'POST', path: options.path ?? '/graphql', headers: request.headers, body };
}

test('a correctly signed request is accepted and names its access key', async () => {
  expect(await verifySigV4(await signed(), expected)).toEqual({
    ok: true,
    accessKeyId: credentials.accessKeyId,
  });
});

test('a query string is part of what is signed', async () => {
  const request = await signed({ path: '/ListChannels?maxResults=5' });
  expect((await verifySigV4(request, expected)).ok).toBe(true);
  expect((await verifySigV4({ ...request, path: '/ListChannels?maxResults=6' }, expected)).ok).toBe(false);
});

test.each([
  [
    'a tampered body',
    async () => ({ ...(await signed()), body: '{"query":"{ channels { items { id } } }"}' }),
    'InvalidSignatureException',
  ],
  [
    'a tampered signed header',
    async () => {
      const request = await signed();
      return { ...request, headers: { ...request.headers, 'content-type': 'text/plain' } };
    },
    'InvalidSignatureException',
  ],
  ['the wrong secret', () => signed({ secret: 'guess' }), 'InvalidSignatureException'],
  [
    'an unknown access key',
    async () => {
      const request = await signed();
      const authorization = String(request.headers.authorization).replace(
        credentials.accessKeyId,
        'AKIAOTHER00000000000',
      );
      return { ...request, headers: { ...request.headers, authorization } };
    },
    'UnrecognizedClientException',
  ],
  ['another region', () => signed({ region: 'eu-west-1' }), 'InvalidSignatureException'],
  [
    'a request 6 minutes old',
    () => signed({ date: new Date(Date.now() - 6 * 60_000) }),
    'InvalidSignatureException',
  ],
  [
    'no Authorization header',
    async () => {
      const request = await signed();
      return { ...request, headers: { ...request.headers, authorization: undefined } };
    },
    'MissingAuthenticationTokenException',
  ],
  [
    'a payload hash header that does not match the body',
    () => signed({ extraHeaders: { 'x-amz-content-sha256': '0'.repeat(64) } }),
    'InvalidSignatureException',
  ],
])('%s is refused', async (_case, make, errorType) => {
  expect(await verifySigV4(await make(), expected)).toMatchObject({ ok: false, errorType });
});

test('an expired signature says so, as AWS does', async () => {
  const result = await verifySigV4(await signed({ date: new Date(Date.now() - 10 * 60_000) }), expected);
  expect(result.ok).toBe(false);
  expect(!result.ok && result.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than/);
});
