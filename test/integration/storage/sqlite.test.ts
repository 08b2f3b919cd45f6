import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import { storageSuite } from './storage-suite';

// A new file per test, in the run's folder.
storageSuite('sqlite', async () => ({
  dialect: 'sqlite',
  file: join(await mkdtemp(join(inject('servers').root, 'storage-')), 'sspr.sqlite'),
}));
