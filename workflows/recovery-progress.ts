import { upsertSearchAttributes } from '@temporalio/workflow';
import type { PublicState, RecoveryStatus, Step } from './messages';
import { recoveryStatus } from './search-attributes';

/** What the pages learn of a recovery beside where it is. */
export type RecoveryFacts = Omit<PublicState, 'status' | 'step'>;

/**
 * Where a recovery is, as its pages show it (the status, the user's step, the facts the
 * pages need) and as operators find it (the status as a search attribute).
 */
export class RecoveryProgress {
  private current: RecoveryStatus = 'looking-up';
  private step: Step | undefined;
  private facts: RecoveryFacts = {};

  get status(): RecoveryStatus {
    return this.current;
  }

  moveTo(status: RecoveryStatus, step?: Step): void {
    this.current = status;
    this.step = step;
    upsertSearchAttributes([{ key: recoveryStatus, value: status }]);
  }

  /** More for the pages to know; a fact told again replaces the older value. */
  tell(facts: RecoveryFacts): void {
    this.facts = { ...this.facts, ...facts };
  }

  view(): PublicState {
    return { status: this.current, step: this.step, ...this.facts };
  }
}
