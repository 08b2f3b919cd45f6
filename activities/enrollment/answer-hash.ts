import { hash, verify } from '@node-rs/argon2';
import { argon2Options } from '../../common/argon2';
import { normaliseAnswer } from '../../common/domain/answers';

export function hashAnswer(answer: string): Promise<string> {
  return hash(normaliseAnswer(answer), argon2Options);
}

export async function answerMatches(storedHash: string, answer: string): Promise<boolean> {
  try {
    return await verify(storedHash, normaliseAnswer(answer));
  } catch {
    return false;
  }
}
