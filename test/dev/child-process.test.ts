import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, waitFor } from '../../dev/child-process';
import { freePort } from '../../dev/ports';

describe('child processes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sspr-child-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fails fast with the end of the log when the server dies before it is ready', async () => {
    const logFile = join(dir, 'dies.log');
    const child = spawnServer('sh', ['-c', 'echo starting; echo "boom: bad config" >&2; exit 3'], {
      logFile,
    });
    const started = Date.now();
    await expect(
      waitFor(async () => false, { timeoutMs: 30_000, what: 'the dying server', child }),
    ).rejects.toThrow(/the dying server: the process ended \(exit code 3\)[\s\S]*boom: bad config/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('names what it waited for, the last error and the log on timeout', async () => {
    const logFile = join(dir, 'slow.log');
    const child = spawnServer('sleep', ['30'], { logFile });
    await expect(
      waitFor(
        async () => {
          throw new Error('connection refused');
        },
        { timeoutMs: 300, what: 'the slow server', child },
      ),
    ).rejects.toThrow(
      /the slow server was not ready after 300 ms\. Last error: connection refused\. See .*slow\.log/,
    );
    await child.stop();
    expect(await child.exited).toBe('signal SIGTERM');
  });

  it('kills a server that ignores SIGTERM, once, however often stop is called', async () => {
    const logFile = join(dir, 'stubborn.log');
    const child = spawnServer(
      'sh',
      ['-c', "trap '' TERM; echo ready; while :; do sleep 0.1; done"],
      {
        logFile,
      },
    );
    await waitFor(async () => (await readFile(logFile, 'utf8')).includes('ready'), {
      timeoutMs: 5_000,
      what: 'the stubborn server',
      child,
    });
    await Promise.all([child.stop(), child.stop()]);
    expect(await child.exited).toBe('signal SIGKILL');
    expect(child.hasExited()).toBe(true);
  }, 15_000);

  it('finds free ports', async () => {
    const [a, b] = await Promise.all([freePort(), freePort()]);
    expect(a).toBeGreaterThan(0);
    expect(a).not.toBe(b);
  });
});
