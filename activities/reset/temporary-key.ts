import { hkdfSync, randomBytes } from 'node:crypto';

const classes = [
  'ABCDEFGHJKLMNPQRSTUVWXYZ',
  'abcdefghijkmnopqrstuvwxyz',
  '23456789',
  '-_.!@#%+=',
] as const;
const alphabet = classes.join('');

/**
 * A temporary key of 16 characters with all four character classes, so it meets OpenLDAP's
 * quality check and AD's complexity rule. It is derived (HKDF-SHA256) from the worker's own
 * key (common/secrets.ts loadWorkerKey) and a per-recovery salt: unpredictable without the
 * key, yet the same on every attempt of one reset, which keeps the reset idempotent while
 * the key never leaves the activity.
 */
export function temporaryKey(secret: Buffer, salt: string, length = 16): string {
  return keyFrom(Buffer.from(hkdfSync('sha256', secret, salt, 'sspr temporary key', 255)), length);
}

/** A password nobody knows, to replace a temporary key that was never used. */
export function unknownPassword(): string {
  return keyFrom(randomBytes(255), 32);
}

function keyFrom(bytes: Buffer, length: number): string {
  let next = 0;
  // Rejection sampling keeps every choice equally likely.
  const uniform = (n: number) => {
    const limit = 256 - (256 % n);
    for (;;) {
      const byte = bytes[next++];
      if (byte === undefined) throw new Error('not enough random bytes for a key');
      if (byte < limit) return byte % n;
    }
  };
  const pick = (set: string) => set[uniform(set.length)] as string;
  const chars = [
    ...classes.map(pick),
    ...Array.from({ length: length - classes.length }, () => pick(alphabet)),
  ];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = uniform(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}
