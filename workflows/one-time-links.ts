import type { IssuedLink } from '../activities';
import { constantTimeEqual } from './constant-time';
import type { LinkRefusal } from './messages';

const hour = 60 * 60 * 1000;

/**
 * The links of one recovery: only the newest one works, once, until it expires; the older
 * ones are remembered so the user can be told a newer link was sent. Time is the workflow's
 * own clock.
 */
export class OneTimeLinks {
  private newest: IssuedLink | undefined;
  private readonly older: string[] = [];
  private readonly sentAt: number[] = [];
  private used = false;
  private making = false;

  /** Makes and e-mails a new link with `make`, which becomes the newest once it returns. */
  async issue(make: () => Promise<IssuedLink>): Promise<void> {
    this.making = true;
    try {
      const link = await make();
      if (this.newest) this.older.push(this.newest.digest);
      this.newest = link;
      this.used = false;
      this.sentAt.push(Date.now());
    } finally {
      this.making = false;
    }
  }

  /** A link is being made and e-mailed: the user may open it before the activity returns. */
  get issuing(): boolean {
    return this.making;
  }

  get current(): IssuedLink | undefined {
    return this.newest;
  }

  get opened(): boolean {
    return this.used;
  }

  /** Links sent in the last hour, for the resend limit. */
  sentLastHour(): number {
    return this.sentAt.filter((at) => at > Date.now() - hour).length;
  }

  /** Why a link must be refused, or undefined when it is the newest, unused and alive. */
  refusal(digest: string): LinkRefusal | undefined {
    const link = this.newest;
    if (!link || !constantTimeEqual(link.digest, digest)) {
      return this.older.some((older) => constantTimeEqual(older, digest))
        ? 'superseded'
        : 'unknown';
    }
    if (this.used) return 'used';
    if (Date.now() >= Date.parse(link.expiresAt)) return 'expired';
    return undefined;
  }

  use(): void {
    this.used = true;
  }
}
