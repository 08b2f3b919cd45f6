import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { migrator, openDatabase } from '../../../db/database';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

/** What web/main.ts and worker/main.ts do first, as a process of its own. */
const migrateScript = `
  import { migrateToLatest, openDatabase } from './db/database.ts';
  const db = openDatabase(process.argv[1]);
  await migrateToLatest(db);
  await db.destroy();
`;

describe('SQLite: web and worker starting together on a new file', () => {
  it('migrate once between them, in turn, and both start', async () => {
    for (let round = 0; round < 3; round++) {
      const file = join(await mkdtemp(join(tmpdir(), 'sspr-race-')), 'sspr.sqlite');
      const start = () =>
        run(
          process.execPath,
          ['--import', 'tsx', '--input-type=module', '-e', migrateScript, file],
          {
            cwd: root,
          },
        );
      await Promise.all([start(), start(), start()]);
      const db = openDatabase(file);
      const applied = (await migrator(db).getMigrations()).filter((m) => m.executedAt);
      expect(applied.length).toBe((await migrator(db).getMigrations()).length);
      await db.destroy();
    }
  });
});
