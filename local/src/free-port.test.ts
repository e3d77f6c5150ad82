import { createServer } from 'node:net';
import { ephemeralStart, freePort } from './free-port';

test('a port for a setting of 0 is one a service can listen on, and not one the kernel hands out to outgoing connections', async () => {
  const ports = await Promise.all(Array.from({ length: 20 }, () => freePort('127.0.0.1')));
  for (const port of ports) expect(port).toBeLessThan(ephemeralStart());
  // A stack takes all its ports before its services listen: none twice.
  expect(new Set(ports).size).toBe(ports.length);
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(ports[0], '127.0.0.1', resolve));
  await new Promise((resolve) => server.close(resolve));
});
