/**
 * Compares two digests without stopping at the first difference, so the time taken says
 * nothing about how much of a guessed digest was right (ASVS 2.7.5). Workflow code has no
 * node:crypto, hence this small loop.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) {
    difference |= a.charCodeAt(i) ^ b.charCodeAt(i % Math.max(b.length, 1));
  }
  return difference === 0;
}
