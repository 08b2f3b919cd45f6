import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import { adminStorageSuite } from './admin-storage-suite';
import { dashboardStatsSuite } from './dashboard-stats-suite';
import type { FreshDatabase } from './fresh-database';
import { questionCatalogSuite } from './question-catalog-suite';
import { smtpConfigsSuite } from './smtp-configs-suite';
import { storageSuite } from './storage-suite';

// A new file per test, in the run's folder.
const fresh: FreshDatabase = async () => ({
  dialect: 'sqlite',
  file: join(await mkdtemp(join(inject('servers').root, 'storage-')), 'sspr.sqlite'),
});
storageSuite('sqlite', fresh);
dashboardStatsSuite('sqlite', fresh);
adminStorageSuite('sqlite', fresh);
questionCatalogSuite('sqlite', fresh);
smtpConfigsSuite('sqlite', fresh);
