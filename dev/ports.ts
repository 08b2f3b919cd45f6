import { createServer } from 'node:net';

/**
 * Asks the kernel for a port nobody is listening on. The port is released before it is used, so
 * another process could take it in between: good enough for local servers on a dev machine.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') {
    throw new Error(`Could not read the port the kernel gave on ${host}`);
  }
  return address.port;
}
