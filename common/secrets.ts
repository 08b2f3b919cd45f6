import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config';
import type { CodecKey } from './payload-codec';

export interface Secrets {
  /** HMAC key for one-time link tokens and recovery sessions. */
  linkKey: Buffer;
  /** Keys of the payload codec: the first encrypts, every one decodes. */
  codecKeys: CodecKey[];
  /** Keys sealing secrets kept in the database (SMTP passwords): the first seals. */
  secretsKeys: CodecKey[];
}

interface SecretsFile {
  linkKey: string;
  /** Added in issue 3; a file written before it has none until a process adds one. */
  codecKeys?: Array<{ id: string; key: string }>;
  /** Added with SMTP configurations; a file written before them gets one the same way. */
  secretsKeys?: Array<{ id: string; key: string }>;
}

/**
 * Secrets come from the configuration. When one is not configured (the demo), it is generated
 * once into the data folder (mode 0600) so that the web and worker processes of one machine
 * share it; several machines must configure it. The secrets key alone has one more source:
 * where the link and codec keys are configured and it is not, it is derived from the link key
 * (HKDF), so that machines configured before it existed still share one.
 */
export function loadSecrets(config: Config): Secrets {
  const file =
    config.linkKey && config.codecKeys ? undefined : readOrCreateSecretsFile(config.dataDir);
  const linkKey = config.linkKey ?? file?.linkKey;
  const codecKeys = config.codecKeys ?? file?.codecKeys;
  if (!linkKey || !codecKeys) throw new Error('unreachable: secrets neither configured nor read');
  const secretsKeys =
    config.secretsKeys ?? file?.secretsKeys ?? derivedKeys(linkKey, secretsKeyInfo);
  const decoded = (keys: Array<{ id: string; key: string }>) =>
    keys.map(({ id, key }) => ({ id, key: Buffer.from(key, 'base64') }));
  return {
    linkKey: Buffer.from(linkKey, 'base64'),
    codecKeys: decoded(codecKeys),
    secretsKeys: decoded(secretsKeys),
  };
}

/**
 * The worker's own key, from which temporary keys are derived. Web processes never
 * load it, so a compromised web process, which holds the link and codec keys, still cannot
 * work out a temporary key from a recovery's history. Unconfigured, it is generated once into
 * the data folder; workers on several machines should share one (SSPR_WORKER_KEY), though
 * a reset retried on a worker with another key only sets and mails another key.
 */
export function loadWorkerKey(config: Config): Buffer {
  if (config.workerKey) return Buffer.from(config.workerKey, 'base64');
  const path = join(config.dataDir, 'worker.key');
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  createExclusively(path, randomBytes(32).toString('base64'));
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length < 32)
    throw new Error(`${path} is damaged: it must hold 32 random bytes in base64`);
  return key;
}

/** The path of the generated secrets in a data folder. */
export function secretsFilePath(dataDir: string): string {
  return join(dataDir, 'secrets.json');
}

function readOrCreateSecretsFile(dataDir: string): Required<SecretsFile> {
  const path = secretsFilePath(dataDir);
  let file = readSecretsFile(path);
  if (!file) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const codecKey = randomBytes(32);
    const secretsKey = randomBytes(32);
    createExclusively(
      path,
      JSON.stringify({
        linkKey: randomBytes(32).toString('base64'),
        codecKeys: [{ id: keyIdOf(codecKey), key: codecKey.toString('base64') }],
        secretsKeys: [{ id: keyIdOf(secretsKey), key: secretsKey.toString('base64') }],
      } satisfies SecretsFile),
    );
    // Whoever created it first, every process uses that file.
    file = readSecretsFile(path) as SecretsFile;
  }
  if (file.codecKeys?.length && file.secretsKeys?.length) return file as Required<SecretsFile>;
  // A file from before the codec or the secrets key: add the missing keys, keeping the others.
  // Each is derived from the link key (HKDF), so that web and worker upgrading the file at the
  // same moment write the same content and agree on it, with no lock; the replacement is an
  // atomic rename.
  const upgraded: Required<SecretsFile> = {
    ...file,
    codecKeys: file.codecKeys?.length ? file.codecKeys : derivedKeys(file.linkKey, codecKeyInfo),
    secretsKeys: file.secretsKeys?.length
      ? file.secretsKeys
      : derivedKeys(file.linkKey, secretsKeyInfo),
  };
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(upgraded), { mode: 0o600 });
  try {
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
  return upgraded;
}

const codecKeyInfo = 'sspr payload codec key v1';
const secretsKeyInfo = 'sspr secrets key v1';

/** One key derived from the link key (base64) for one use. */
function derivedKeys(linkKey: string, info: string): Array<{ id: string; key: string }> {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(linkKey, 'base64'), '', info, 32));
  return [{ id: keyIdOf(key), key: key.toString('base64') }];
}

/** A generated key's id names its fingerprint, so the id says which key it is. */
function keyIdOf(key: Buffer): string {
  return `local-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
}

function readSecretsFile(path: string): SecretsFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let file: Partial<SecretsFile> | null = null;
  try {
    file = JSON.parse(text) as Partial<SecretsFile> | null;
  } catch {
    // reported below
  }
  const bytes = (v: unknown) => (typeof v === 'string' ? Buffer.from(v, 'base64').length : 0);
  const valid =
    file !== null &&
    typeof file === 'object' &&
    bytes(file.linkKey) >= 32 &&
    (file.codecKeys === undefined ||
      (Array.isArray(file.codecKeys) &&
        file.codecKeys.every((k) => typeof k?.id === 'string' && bytes(k.key) === 32))) &&
    (file.secretsKeys === undefined ||
      (Array.isArray(file.secretsKeys) &&
        file.secretsKeys.every((k) => typeof k?.id === 'string' && bytes(k.key) === 32)));
  if (!valid) {
    throw new Error(
      `${path} is damaged: it needs "linkKey" (base64), "codecKeys" and "secretsKeys" ([{ "id", "key" }], 32-byte keys in base64)`,
    );
  }
  return file as SecretsFile;
}

/** Writes `content` to `path` unless the file exists; whoever creates it first wins. */
function createExclusively(path: string, content: string) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  try {
    // link() fails if another process created the file first: then both use that one.
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}
