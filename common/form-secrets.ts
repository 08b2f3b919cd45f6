import type { AnswerInput } from './domain/answers';
import type { SecretBox } from './secret-box';

/**
 * The secrets a user types in the recovery's forms (answers, a chosen password) are sealed by
 * the web for the worker's activities before they enter an Update: the workflow
 * passes them on unread, and an operator whose Web UI decodes payloads through the codec
 * endpoint sees only sealed text. The secrets key (SSPR_SECRETS_KEY) seals them; web and
 * worker hold it, the codec endpoint never uses it.
 */
const purposes = { answer: 'recovery answer', password: 'chosen password' } as const;

export function sealAnswers(box: SecretBox, answers: AnswerInput[]): AnswerInput[] {
  return answers.map((a) => ({ ...a, answer: box.seal(a.answer, purposes.answer) }));
}

export function openAnswers(box: SecretBox, answers: AnswerInput[]): AnswerInput[] {
  return answers.map((a) => ({ ...a, answer: box.open(a.answer, purposes.answer) }));
}

export function sealPassword(box: SecretBox, password: string): string {
  return box.seal(password, purposes.password);
}

export function openPassword(box: SecretBox, sealed: string): string {
  return box.open(sealed, purposes.password);
}
