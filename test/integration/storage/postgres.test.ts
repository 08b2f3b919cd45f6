import { inject } from 'vitest';
import { createDatabase } from '../../../dev/postgres';
import { adminStorageSuite } from './admin-storage-suite';
import { dashboardStatsSuite } from './dashboard-stats-suite';
import type { FreshDatabase } from './fresh-database';
import { questionCatalogSuite } from './question-catalog-suite';
import { smtpConfigsSuite } from './smtp-configs-suite';
import { storageSuite } from './storage-suite';

// A new database per test on the run's PostgreSQL (test/global-setup.ts), or the reason there
// is none, and the suite says it is skipped.
const { postgres } = inject('servers');
const fresh: FreshDatabase =
  'url' in postgres
    ? async () => ({ dialect: 'postgres', url: await createDatabase(postgres.url) })
    : postgres;
storageSuite('postgres', fresh);
dashboardStatsSuite('postgres', fresh);
adminStorageSuite('postgres', fresh);
questionCatalogSuite('postgres', fresh);
smtpConfigsSuite('postgres', fresh);
