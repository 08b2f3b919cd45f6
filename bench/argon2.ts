import { answerMatches, hashAnswer } from '../activities/enrollment/answer-hash';
import { argon2Options } from '../common/argon2';
import { defaultPolicy } from '../db/defaults';
import type { Section } from './report';
import { percentile } from './stats';
import { formatTable } from './table';

/**
 * Part 5: the cost of the answers' argon2id, as the activities pay it (answer-hash.ts): one
 * verification at a time (what one answer costs), and many at once (what the machine can do:
 * @node-rs/argon2 runs them on libuv's thread pool).
 */
export async function benchArgon2(samples: number): Promise<Section> {
  const hashTimes: number[] = [];
  let stored = '';
  for (let i = 0; i < Math.max(5, samples / 4); i++) {
    const t = performance.now();
    stored = await hashAnswer('bench answer');
    hashTimes.push(performance.now() - t);
  }
  const verifyTimes: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    if (!(await answerMatches(stored, 'Bench  Answer'))) throw new Error('argon2: no match');
    verifyTimes.push(performance.now() - t);
  }
  const burst = samples;
  const t = performance.now();
  await Promise.all(Array.from({ length: burst }, () => answerMatches(stored, 'bench answer')));
  const perSecond = burst / ((performance.now() - t) / 1000);
  const perRecovery = defaultPolicy.min_questions;
  const verify = percentile(verifyTimes, 50);
  const figures = {
    options: argon2Options,
    hashMs: percentile(hashTimes, 50),
    verifyMs: verify,
    verifyP95Ms: percentile(verifyTimes, 95),
    verificationsPerSecond: perSecond,
    perRecovery,
  };
  const markdown = [
    `argon2id, memory ${argon2Options.memoryCost} KiB (${(argon2Options.memoryCost / 1024).toFixed(0)} MiB), ` +
      `${argon2Options.timeCost} passes, parallelism ${argon2Options.parallelism} ` +
      '(common/argon2.ts: the OWASP Password Storage minimum).',
    formatTable(
      ['figure', 'value'],
      [
        [`hash an answer, ms (median of ${hashTimes.length})`, figures.hashMs],
        [`verify an answer, ms (median of ${samples})`, verify],
        ['verify an answer, ms (p95)', figures.verifyP95Ms],
        [`verifications per second, ${burst} at once`, perSecond],
        [`CPU for a recovery's ${perRecovery} answers, ms`, verify * perRecovery],
      ],
    ),
  ].join('\n\n');
  return { title: 'Answer hashing (argon2id)', markdown, figures };
}
