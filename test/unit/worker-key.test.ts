import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryKey } from '../../activities/reset/temporary-key';
import { loadConfig } from '../../common/config';
import { loadSecrets, loadWorkerKey } from '../../common/secrets';

/** Temporary keys derive from a key the web processes never load. */
describe("the worker's own key (R5, S2)", () => {
  it('not configured: generated once into worker.key (0600), apart from the secrets web loads', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sspr-worker-key-'));
    const config = loadConfig({ SSPR_DATA_DIR: dataDir });
    const web = loadSecrets(config);
    expect(readdirSync(dataDir)).toEqual(['secrets.json']);
    const key = loadWorkerKey(config);
    expect(key).toHaveLength(32);
    expect(loadWorkerKey(config)).toEqual(key);
    expect(statSync(join(dataDir, 'worker.key')).mode & 0o777).toBe(0o600);
    // Nothing the web holds gives the worker's key.
    expect([
      web.linkKey,
      ...web.codecKeys.map((k) => k.key),
      ...web.secretsKeys.map((k) => k.key),
    ]).not.toContainEqual(key);
    const salt = 'a-recovery-salt';
    expect(temporaryKey(key, salt)).not.toBe(temporaryKey(web.linkKey, salt));
  });

  it('configured: SSPR_WORKER_KEY, and nothing is written', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sspr-worker-key-'));
    const configured = randomBytes(32);
    const config = loadConfig({
      SSPR_DATA_DIR: dataDir,
      SSPR_WORKER_KEY: configured.toString('base64'),
    });
    expect(loadWorkerKey(config)).toEqual(configured);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a key too short to be one, naming the setting', () => {
    expect(() => loadConfig({ SSPR_WORKER_KEY: 'c2hvcnQ=' })).toThrow(
      /SSPR_WORKER_KEY: must be at least 32 random bytes in base64/,
    );
  });
});
