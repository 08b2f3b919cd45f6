import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP relay in front of a server, on the same address (so its certificate still matches)
 * and a free port: it counts the connections clients open, can cut them all as a server
 * restart would, and can stall (accept and forward nothing) to make clients time out.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const live = new Set<Socket>();
  let opened = 0;
  let stalled = false;
  const server = createServer((client) => {
    opened++;
    live.add(client);
    client.on('close', () => live.delete(client));
    client.on('error', () => {});
    if (stalled) return;
    const upstream = connect(target.port, target.host);
    live.add(upstream);
    upstream.on('close', () => {
      live.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, target.host, resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no port');
  return {
    port: address.port,
    /** How many connections clients have opened through it. */
    opened: () => opened,
    cutAll() {
      for (const socket of live) socket.destroy();
    },
    stall(on: boolean) {
      stalled = on;
    },
    async stop() {
      this.cutAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
