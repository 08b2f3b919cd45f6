import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { freePort } from '../../dev/ports';

/**
 * A free port for a server that a test stops and starts again on the same port. It lies below
 * the kernel's ephemeral range, so that while the server is down neither another test's
 * freePort() (port 0) nor an outgoing connection can be given it. Falls back to freePort()
 * where that range leaves no room.
 */
export async function stablePort(host = '127.0.0.1'): Promise<number> {
  const low = await ephemeralLow();
  const first = 10_000;
  if (low - first < 1_000) return freePort(host);
  for (let tries = 0; tries < 50; tries++) {
    const port = first + Math.floor(Math.random() * (low - first));
    if (await isFree(port, host)) return port;
  }
  return freePort(host);
}

async function ephemeralLow(): Promise<number> {
  try {
    const [low] = (await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8'))
      .trim()
      .split(/\s+/)
      .map(Number);
    return low && Number.isInteger(low) ? low : 32_768;
  } catch {
    return 32_768; // Linux's default; other systems: below their usual 49152 too.
  }
}

function isFree(port: number, host: string): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}
