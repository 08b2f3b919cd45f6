/** One answer as the user typed it, to the question it answers. */
export interface AnswerInput {
  questionId: number;
  answer: string;
}

/** Why an answer is refused at enrollment. */
export type AnswerProblem = 'too-short' | 'too-long' | 'like-identity' | 'repeated';

/**
 * How answers are compared and which are refused (standards: security questions). Pure
 * functions: the same rules apply when enrolling and when answering.
 */

/** NFKC, trimmed, inner spaces collapsed, case-folded: "  Rex  the Dog" equals "rex the dog". */
export function normaliseAnswer(answer: string): string {
  return answer.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLocaleLowerCase('und');
}

export const maxAnswerLength = 200;

/**
 * What is wrong with each answer, by position (undefined when it is fine): too short, equal to
 * something anyone can learn about the account (username, names, e-mail), or the same as an
 * earlier answer.
 */
export function answerProblems(
  answers: readonly string[],
  options: { minLength: number; identity: readonly string[] },
): Array<AnswerProblem | undefined> {
  const identity = new Set(
    options.identity.flatMap((value) => {
      const normal = normaliseAnswer(value);
      // An e-mail address is given away by its local part too.
      return normal.includes('@') ? [normal, normal.slice(0, normal.indexOf('@'))] : [normal];
    }),
  );
  const seen = new Set<string>();
  return answers.map((raw) => {
    const answer = normaliseAnswer(raw);
    let problem: AnswerProblem | undefined;
    if ([...answer].length < options.minLength) problem = 'too-short';
    else if ([...answer].length > maxAnswerLength) problem = 'too-long';
    else if (identity.has(answer)) problem = 'like-identity';
    else if (seen.has(answer)) problem = 'repeated';
    seen.add(answer);
    return problem;
  });
}
