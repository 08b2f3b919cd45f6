import type { RecoveryRequest } from './messages';

/**
 * Where a recovery's links go, and when another one goes out. A repeated request re-sends
 * the link: a stranger's within the resend limit, an admin's always. An admin may have the
 * links, and the temporary key after them, go to the user's verified alternate address.
 */
export class LinkDelivery {
  /** Where links and the temporary key go: the main address, or the alternate one. */
  inbox = '';
  private alternate: boolean;
  private waiting = false;
  private byAdmin = false;

  constructor(first: RecoveryRequest) {
    this.alternate = first.sendTo === 'alternate';
  }

  /** The user, or an admin, asked again while the recovery runs. */
  askedAgain(request: RecoveryRequest): void {
    this.waiting = true;
    if (request.sendTo === 'alternate') this.alternate = true;
    if (request.requestedBy) this.byAdmin = true;
  }

  get toAlternate(): boolean {
    return this.alternate;
  }

  /** A repeated request waits for its link. */
  get requested(): boolean {
    return this.waiting;
  }

  /** Whether the waiting request gets a new link, given the links sent in the last hour. */
  mayResend(sentLastHour: number, limitPerHour: number): boolean {
    return this.byAdmin || sentLastHour <= limitPerHour;
  }

  /** A link went out: it answers every request so far. */
  sent(): void {
    this.waiting = false;
    this.byAdmin = false;
  }

  /** The waiting request gets no link: the resend limit was reached. */
  declined(): void {
    this.waiting = false;
  }
}
