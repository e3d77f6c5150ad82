/**
 * The GraphQL server keeps parsed documents for reuse, bounded by the memory they take rather than
 * by their number: a client sending distinct documents near AppSync's 1 MB request limit (tens of
 * MB each once parsed) does not make the server grow with every one. Measured on the server's own
 * process, as `ps` shows it. A document over the limit is refused before it is read whole.
 */
import { residentKb } from '../testing/process-tree';
import { useApiStack } from '../testing/api-stack';
import { serviceProcess } from '../testing/service-pids';

const api = useApiStack('document-memory');

/** A valid query of about `kB` kilobytes that no other request sends: `__typename` under many aliases. */
function largeDocument(n: number, kB = 400): string {
  const fields: string[] = [];
  for (let length = 0; length < kB * 1000; length += 20) fields.push(`d${n}_${fields.length}: __typename`);
  return `{ ${fields.join(' ')} }`;
}

async function post(query: string) {
  const response = await fetch(api.stack.info.graphql.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': api.stack.info.graphql.apiKey },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as { errors?: { errorType: string }[] } };
}

async function answered(query: string): Promise<void> {
  const { status, body } = await post(query);
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
}

test('distinct large documents: the server’s memory levels off instead of growing with each', async () => {
  const server = serviceProcess(api.stack.pid, 'graphql').pid;
  // More than the server keeps; from here on, each new document pushes older ones out.
  for (let n = 0; n < 8; n++) await answered(largeDocument(n));
  const levelled = residentKb(server);
  for (let n = 8; n < 32; n++) await answered(largeDocument(n));
  const grownMb = (residentKb(server) - levelled) / 1024;
  // Kept whole (the cache counted entries, up to 500), these 24 took ~500 MB more.
  expect(grownMb).toBeLessThan(200);
}, 180_000);

test('a document over 1 MB is refused with 413 PayloadTooLargeException', async () => {
  const { status, body } = await post(largeDocument(-1, 1100));
  expect(status).toBe(413);
  expect(body.errors?.[0]?.errorType).toBe('PayloadTooLargeException');
});
