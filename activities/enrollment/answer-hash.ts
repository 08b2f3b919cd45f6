import { hash, verify } from '@node-rs/argon2';
import { normaliseAnswer } from './answer-rules';

/**
 * argon2id at the OWASP Password Storage minimum (19 MiB, 2 passes, 1 lane): answers are
 * stored like passwords. The cost per verification is measured in the benchmarks.
 */
const parameters = {
  algorithm: 2, // Algorithm.Argon2id: a const enum, which isolated modules cannot import
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashAnswer(answer: string): Promise<string> {
  return hash(normaliseAnswer(answer), parameters);
}

export async function answerMatches(storedHash: string, answer: string): Promise<boolean> {
  try {
    return await verify(storedHash, normaliseAnswer(answer));
  } catch {
    return false;
  }
}
