/**
 * The IVS control plane on its own, on a free loopback port, with an IVS client signed for it:
 * for tests of code that calls IVS (the emulator's own tests, `npm run destroy`'s cleanup).
 */
import { IvsClient } from '@aws-sdk/client-ivs';
import type { AddressInfo } from 'node:net';
import { createIvsControlPlane } from '../control-plane';
import { IvsStore } from '../ivs-store';

export const TEST_IVS_CREDENTIALS = {
  accessKeyId: 'AKIALOCALIVS00000000',
  secretAccessKey: 'ivs-test-secret',
};

export interface TestControlPlane {
  store: IvsStore;
  ivs: IvsClient;
  endpoint: string;
  stop(): Promise<void>;
}

/** Serves the state kept in `dir` (started again on the same dir, it finds what was there). */
export async function startTestControlPlane(dir: string, region = 'us-east-1'): Promise<TestControlPlane> {
  const store = new IvsStore(dir);
  const server = createIvsControlPlane({
    store,
    region,
    accountId: '000000000000',
    credentials: TEST_IVS_CREDENTIALS,
    ingestEndpoint: '127.0.0.1:1935',
    playbackBaseUrl: 'http://127.0.0.1:8080',
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ivs = new IvsClient({ endpoint, region, credentials: TEST_IVS_CREDENTIALS, maxAttempts: 1 });
  return {
    store,
    ivs,
    endpoint,
    async stop() {
      ivs.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
