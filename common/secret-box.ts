import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { CodecKey } from './payload-codec';

const version = 'v1';
const ivBytes = 12;
const tagBytes = 16;
const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** A stored secret that cannot be opened: unknown key, altered text, malformed. */
export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

/**
 * Encrypts small secrets kept in the database (an SMTP password) with AES-256-GCM under the
 * service's secrets keys (SSPR_SECRETS_KEY, else generated into secrets.json).
 *
 * A sealed value is text: `v1.<key id>.<base64url(iv | ciphertext | tag)>`. The first key
 * seals; every key opens, so keys rotate by putting a new one first. `purpose` is bound as
 * additional data, so a value sealed for one use does not open as another.
 */
export class SecretBox {
  readonly #keys = new Map<string, Buffer>();
  readonly #current: CodecKey;

  constructor(keys: readonly CodecKey[]) {
    const [first] = keys;
    if (!first) throw new Error('The secret box needs at least one key');
    for (const { id, key } of keys) {
      if (key.length !== 32) throw new Error(`Secrets key "${id}" must be 32 bytes`);
      if (!idPattern.test(id)) throw new Error(`Secrets key id "${id}" is not a valid id`);
      if (this.#keys.has(id)) throw new Error(`Secrets key id "${id}" appears twice`);
      this.#keys.set(id, key);
    }
    this.#current = first;
  }

  /** The id of the key new values are sealed with. */
  get sealingKeyId(): string {
    return this.#current.id;
  }

  seal(plain: string, purpose: string): string {
    const iv = randomBytes(ivBytes);
    const cipher = createCipheriv('aes-256-gcm', this.#current.key, iv, {
      authTagLength: tagBytes,
    });
    cipher.setAAD(aad(this.#current.id, purpose));
    const data = Buffer.concat([
      iv,
      cipher.update(plain, 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return `${version}.${this.#current.id}.${data.toString('base64url')}`;
  }

  open(sealed: string, purpose: string): string {
    const [v, id, body, ...rest] = sealed.split('.');
    if (v !== version || !id || body === undefined || rest.length > 0) {
      throw new SecretBoxError('A stored secret is not in the v1.<key id>.<data> form');
    }
    const key = this.#keys.get(id);
    if (!key) {
      throw new SecretBoxError(
        `A stored secret is sealed with key "${id}", which is not configured (known: ${[
          ...this.#keys.keys(),
        ].join(', ')}); add it to SSPR_SECRETS_KEY after the current key`,
      );
    }
    const data = Buffer.from(body, 'base64url');
    if (data.length < ivBytes + tagBytes) {
      throw new SecretBoxError(`A stored secret sealed with key "${id}" is truncated`);
    }
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, ivBytes), {
      authTagLength: tagBytes,
    });
    decipher.setAAD(aad(id, purpose));
    decipher.setAuthTag(data.subarray(data.length - tagBytes));
    try {
      return Buffer.concat([
        decipher.update(data.subarray(ivBytes, data.length - tagBytes)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new SecretBoxError(
        `A stored secret sealed with key "${id}" fails authentication: it was altered, belongs to another use, or that id names another key here`,
      );
    }
  }

  /** Whether a sealed value uses a key other than the current one (to seal it again). */
  isStale(sealed: string): boolean {
    return sealed.split('.')[1] !== this.#current.id;
  }
}

function aad(id: string, purpose: string): Buffer {
  return Buffer.from(`sspr secret ${version} ${id} ${purpose}`);
}

/** The id of a key given without one: its fingerprint, so the id says which key it is. */
export function secretKeyIdOf(key: Buffer): string {
  return `k-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
}

/**
 * SSPR_SECRETS_KEY: one key in base64 (`openssl rand -base64 32`), or for rotation a
 * comma-separated list of `id:base64key`, the first of which seals. A key given alone is named
 * by its fingerprint. Returns a problem to report (never echoing a key) or the keys.
 */
export function parseSecretKeys(
  value: string,
): { keys: Array<{ id: string; key: string }> } | { problem: string } {
  const shape =
    'must be 32 random bytes in base64 (openssl rand -base64 32), or a comma-separated list of id:base64key whose first key encrypts';
  const entries = value.split(',').map((e) => e.trim());
  const keys: Array<{ id: string; key: string }> = [];
  for (const [index, entry] of entries.entries()) {
    const at = entry.indexOf(':');
    const id = at < 0 ? undefined : entry.slice(0, at).trim();
    const key = at < 0 ? entry : entry.slice(at + 1).trim();
    const which = `entry ${index + 1}${id && idPattern.test(id) ? ` ("${id}")` : ''}`;
    const bytes = /^[A-Za-z0-9+/_-]+={0,2}$/.test(key) ? Buffer.from(key, 'base64') : undefined;
    if (id === undefined && entries.length > 1) {
      return { problem: `${shape}; ${which} has no id: (a list names each key)` };
    }
    if (id !== undefined && !idPattern.test(id)) {
      return {
        problem: `${shape}; the id of ${which} must be 1 to 64 letters, digits, '_' or '-'`,
      };
    }
    if (bytes?.length !== 32) {
      return {
        problem: `${shape}; ${entries.length > 1 ? `the key of ${which}` : 'the key'} is not 32 bytes in base64`,
      };
    }
    const named = id ?? secretKeyIdOf(bytes);
    if (keys.some((k) => k.id === named))
      return { problem: `${shape}; the id "${named}" appears twice` };
    keys.push({ id: named, key });
  }
  return { keys };
}
