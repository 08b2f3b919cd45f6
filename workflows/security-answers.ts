import type { EnrollmentSummary, PolicySnapshot } from '../activities';

/**
 * The security questions a recovery asks and the tries left. The same set until answered
 * right: the first ones by id, so a new recovery does not show others. Wrong answers count
 * toward a lockout, those of earlier recoveries within the lockout's time too. An admin may
 * delete the questions meanwhile; then none is checked again. A user with fewer questions than
 * the policy now asks answers all they have, then adds the missing ones.
 */
export class SecurityAnswers {
  private asked: number[] = [];
  private wrong = 0;
  private maxWrong = 0;
  private right = false;
  private deleted = false;
  private lacking = 0;

  /** Chooses the questions before the link goes out, so the page shows them as it opens. */
  ask(
    enrollment: EnrollmentSummary,
    policy: Pick<PolicySnapshot, 'minQuestions' | 'maxWrongAnswers'>,
  ): void {
    this.asked = enrollment.questionIds.slice(0, policy.minQuestions);
    this.wrong = enrollment.recentWrongAnswers ?? 0;
    this.maxWrong = policy.maxWrongAnswers;
    this.lacking = Math.max(policy.minQuestions - enrollment.questionIds.length, 0);
  }

  /** How many questions the user must add once the asked ones are answered right. */
  get missing(): number {
    return this.lacking;
  }

  get questionIds(): number[] {
    return this.asked;
  }

  get attemptsLeft(): number {
    return Math.max(this.maxWrong - this.wrong, 0);
  }

  get answeredRight(): boolean {
    return this.right;
  }

  get questionsGone(): boolean {
    return this.deleted;
  }

  answered(right: boolean): void {
    this.right = right;
    if (!right) this.wrong++;
  }

  questionsDeleted(): void {
    this.deleted = true;
  }

  /** A new enrollment was saved: questions deleted before it are not its questions. */
  enrolledAgain(): void {
    this.deleted = false;
  }

  /** Whether an answer may still be checked: not once right, out of tries, or deleted. */
  get open(): boolean {
    return !this.right && this.attemptsLeft > 0 && !this.deleted;
  }
}
