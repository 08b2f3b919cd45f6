import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config';

export interface Secrets {
  /** HMAC key for one-time link tokens and recovery sessions. */
  linkKey: Buffer;
}

interface SecretsFile {
  linkKey: string;
}

/**
 * Secrets come from the configuration. When one is not configured (the demo), it is generated
 * once into the data folder (mode 0600) so that the web and worker processes of one machine
 * share it; several machines must configure it.
 */
export function loadSecrets(config: Config): Secrets {
  if (config.linkKey) return { linkKey: Buffer.from(config.linkKey, 'base64') };
  return { linkKey: Buffer.from(readOrCreateSecretsFile(config.dataDir).linkKey, 'base64') };
}

function readOrCreateSecretsFile(dataDir: string): SecretsFile {
  const path = join(dataDir, 'secrets.json');
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as SecretsFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const fresh: SecretsFile = { linkKey: randomBytes(32).toString('base64') };
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(fresh), { mode: 0o600 });
  try {
    // link() fails if another process created the file first: then both use that one.
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  return JSON.parse(readFileSync(path, 'utf8')) as SecretsFile;
}
