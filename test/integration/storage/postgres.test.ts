import { inject } from 'vitest';
import { createDatabase } from '../../../dev/postgres';
import { storageSuite } from './storage-suite';

// A new database per test on the run's PostgreSQL (test/global-setup.ts), or the reason there
// is none, and the suite says it is skipped.
const { postgres } = inject('servers');
storageSuite(
  'postgres',
  'url' in postgres
    ? async () => ({ dialect: 'postgres', url: await createDatabase(postgres.url) })
    : postgres,
);
