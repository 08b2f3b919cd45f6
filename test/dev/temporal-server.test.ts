import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporalServer, type TemporalDevServer } from '../../dev/temporal-server';

describe('Temporal dev server', () => {
  let dir: string;
  const servers: TemporalDevServer[] = [];
  const connections: Connection[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sspr-temporal-'));
  });
  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await Promise.all(servers.map((server) => server.stop()));
    await rm(dir, { recursive: true, force: true });
  });

  it('runs headless in memory with the search attributes registered', async () => {
    const server = await startTemporalServer({
      headless: true,
      namespace: 'sspr-test',
      searchAttributes: { SsprUser: 'Keyword', SsprStartedAt: 'Datetime' },
      logFile: join(dir, 'headless.log'),
    });
    servers.push(server);
    expect(server.address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(server.uiUrl).toBeUndefined();

    const connection = await Connection.connect({ address: server.address });
    connections.push(connection);
    const info = await connection.workflowService.getSystemInfo({});
    expect(info.serverVersion).toMatch(/^\d+\.\d+/);
    const { customAttributes } = await connection.operatorService.listSearchAttributes({
      namespace: 'sspr-test',
    });
    expect(customAttributes).toMatchObject({
      SsprUser: encodeSearchAttributeIndexedValueType('KEYWORD'),
      SsprStartedAt: encodeSearchAttributeIndexedValueType('DATETIME'),
    });
  });

  it('serves the Web UI and keeps state in a SQLite file when asked', async () => {
    const dbFile = join(dir, 'state', 'temporal.db');
    const server = await startTemporalServer({
      dbFile,
      searchAttributes: {},
      logFile: join(dir, 'ui.log'),
    });
    servers.push(server);
    expect(server.namespace).toBe('default');
    expect(existsSync(dbFile)).toBe(true);
    const ui = await fetch(server.uiUrl ?? 'missing');
    expect(ui.ok).toBe(true);
  });

  it('says how to get the CLI when it is missing', async () => {
    await expect(
      startTemporalServer({
        cliPath: join(dir, 'no-such-temporal'),
        searchAttributes: {},
        logFile: join(dir, 'missing.log'),
      }),
    ).rejects.toThrow(/bash scripts\/sspr provision/);
  });
});
