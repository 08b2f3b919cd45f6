import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../common/config';
import type { CodecKey } from '../../common/payload-codec';
import { SecretBox, SecretBoxError, secretKeyIdOf } from '../../common/secret-box';
import { loadSecrets } from '../../common/secrets';
import { configProblems } from '../support/config-problems';

const key = (id: string): CodecKey => ({ id, key: randomBytes(32) });
const base64Key = () => randomBytes(32).toString('base64');

describe('secret box (AES-256-GCM, key id and purpose bound)', () => {
  it('seals to text that holds nothing in clear and opens to the same secret', () => {
    const box = new SecretBox([key('k1')]);
    const sealed = box.seal('correct horse battery staple', 'smtp-password');
    expect(sealed).toMatch(/^v1\.k1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('horse');
    expect(box.open(sealed, 'smtp-password')).toBe('correct horse battery staple');
    // Random IV: the same secret seals differently each time.
    expect(box.seal('correct horse battery staple', 'smtp-password')).not.toBe(sealed);
    expect(box.open(box.seal('', 'x'), 'x')).toBe('');
    expect(box.open(box.seal('contraseña ñ €', 'x'), 'x')).toBe('contraseña ñ €');
  });

  it('rotation: the first key seals, every key opens; stale values are recognised', () => {
    const old = key('old');
    const sealedOld = new SecretBox([old]).seal('s3cret', 'p');
    const rotated = new SecretBox([key('new'), old]);
    expect(rotated.sealingKeyId).toBe('new');
    expect(rotated.open(sealedOld, 'p')).toBe('s3cret');
    expect(rotated.isStale(sealedOld)).toBe(true);
    expect(rotated.isStale(rotated.seal('s3cret', 'p'))).toBe(false);
  });

  it('refuses another purpose, an unknown key, an altered or malformed value', () => {
    const box = new SecretBox([key('k1')]);
    const sealed = box.seal('s3cret', 'smtp-password');
    expect(() => box.open(sealed, 'other')).toThrow(SecretBoxError);
    expect(() => new SecretBox([key('k2')]).open(sealed, 'smtp-password')).toThrow(
      /key "k1", which is not configured \(known: k2\)/,
    );
    // Same id, another key: authentication fails.
    expect(() => new SecretBox([key('k1')]).open(sealed, 'smtp-password')).toThrow(
      /fails authentication/,
    );
    const [v, id, body = ''] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[14] = (flipped[14] ?? 0) ^ 1;
    expect(() => box.open(`${v}.${id}.${flipped.toString('base64url')}`, 'smtp-password')).toThrow(
      /fails authentication/,
    );
    expect(() => box.open('v1.k1.AAAA', 'smtp-password')).toThrow(/truncated/);
    expect(() => box.open('plain text', 'smtp-password')).toThrow(/not in the v1/);
    expect(() => new SecretBox([])).toThrow();
    expect(() => new SecretBox([{ id: 'short', key: randomBytes(16) }])).toThrow(/32 bytes/);
    expect(() => new SecretBox([key('a.b')])).toThrow(/not a valid id/);
  });
});

describe('SSPR_SECRETS_KEY and secrets.json', () => {
  it('one key alone is named by its fingerprint; a list names each key, the first seals', () => {
    const a = base64Key();
    const b = base64Key();
    expect(loadConfig({ SSPR_SECRETS_KEY: a }).secretsKeys).toEqual([
      { id: secretKeyIdOf(Buffer.from(a, 'base64')), key: a },
    ]);
    expect(loadConfig({ SSPR_SECRETS_KEY: `2025:${a}, 2024:${b}` }).secretsKeys).toEqual([
      { id: '2025', key: a },
      { id: '2024', key: b },
    ]);
  });

  it('a bad value is reported without echoing it', () => {
    const short = randomBytes(16).toString('base64');
    for (const value of [short, `k1:${base64Key()},${base64Key()}`, `a.b:${base64Key()}`]) {
      const problems = configProblems({ SSPR_SECRETS_KEY: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^SSPR_SECRETS_KEY: must be 32 random bytes in base64/);
      expect(problems[0]).not.toContain(short);
    }
    const a = base64Key();
    expect(configProblems({ SSPR_SECRETS_KEY: `k:${a},k:${base64Key()}` })[0]).toMatch(
      /the id "k" appears twice/,
    );
  });

  it('not configured: generated into secrets.json, and added to an older file from its link key', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sspr-secrets-'));
    const secrets = loadSecrets(loadConfig({ SSPR_DATA_DIR: dataDir }));
    expect(secrets.secretsKeys).toHaveLength(1);
    expect(secrets.secretsKeys[0]?.key).toHaveLength(32);
    expect(secrets.secretsKeys[0]?.key).not.toEqual(secrets.codecKeys[0]?.key);
    expect(loadSecrets(loadConfig({ SSPR_DATA_DIR: dataDir }))).toEqual(secrets);

    // A file from before SMTP configurations: the key is derived from its link key, so web and
    // worker upgrading it at once agree.
    const { linkKey, codecKeys } = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
    const upgrade = () => {
      const older = mkdtempSync(join(tmpdir(), 'sspr-secrets-'));
      writeFileSync(join(older, 'secrets.json'), JSON.stringify({ linkKey, codecKeys }));
      return { older, secrets: loadSecrets(loadConfig({ SSPR_DATA_DIR: older })) };
    };
    const first = upgrade();
    expect(first.secrets.codecKeys).toEqual(secrets.codecKeys);
    expect(first.secrets.secretsKeys).toHaveLength(1);
    expect(upgrade().secrets.secretsKeys).toEqual(first.secrets.secretsKeys);
    const file = JSON.parse(readFileSync(join(first.older, 'secrets.json'), 'utf8'));
    expect(file.secretsKeys).toEqual([
      {
        id: first.secrets.secretsKeys[0]?.id,
        key: first.secrets.secretsKeys[0]?.key.toString('base64'),
      },
    ]);
  });

  it('configured link and codec keys: derived from the link key, so machines agree; configured wins', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sspr-secrets-'));
    const env = {
      SSPR_DATA_DIR: dataDir,
      SSPR_LINK_KEY: base64Key(),
      SSPR_CODEC_KEYS: `prod-1:${base64Key()}`,
    };
    const derived = loadSecrets(loadConfig(env)).secretsKeys;
    expect(loadSecrets(loadConfig({ ...env, SSPR_DATA_DIR: '/nonexistent' })).secretsKeys).toEqual(
      derived,
    );
    expect(derived[0]?.key).not.toEqual(Buffer.from(env.SSPR_LINK_KEY, 'base64'));
    const own = base64Key();
    expect(loadSecrets(loadConfig({ ...env, SSPR_SECRETS_KEY: `s1:${own}` })).secretsKeys).toEqual([
      { id: 's1', key: Buffer.from(own, 'base64') },
    ]);
  });
});
