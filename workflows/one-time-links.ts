import type { IssuedLink } from '../activities';
import type { LinkPurpose } from '../common/domain/links';
import { constantTimeEqual } from './constant-time';
import type { LinkRefusal } from './messages';

const hour = 60 * 60 * 1000;

/**
 * The links of one recovery's step, each good once until it expires; those of earlier steps
 * are remembered so the user can be told a newer link was sent. Time is the workflow's own
 * clock.
 *
 * `lasting` (recoveries since the patch 'links-outlive-resends'): a link sent again for the
 * same step joins the ones already out instead of replacing them, so a stranger's repeated
 * request never kills the link the user is about to open; the first one opened holds the
 * session, and every other one of the step is then refused as superseded, one sent while it
 * was being opened too. Before it, only the newest link worked, and a resend reopened the step.
 */
export class OneTimeLinks {
  /** The step's links still good to open; the newest is last. */
  private valid: IssuedLink[] = [];
  private readonly older: string[] = [];
  private readonly sent: { at: number; purpose: LinkPurpose }[] = [];
  private openedDigest: string | undefined;
  private making = false;

  constructor(private readonly lasting: boolean) {}

  /**
   * Makes and e-mails a link with `make`; `again` when it is the same step's link sent again
   * on a repeated request. It counts once `make` returns; false when `make` sent none.
   */
  async issue(make: () => Promise<IssuedLink | undefined>, again = false): Promise<boolean> {
    this.making = true;
    try {
      const link = await make();
      if (!link) return false;
      this.sent.push({ at: Date.now(), purpose: link.purpose });
      if (this.lasting && again && this.opened) this.older.push(link.digest);
      else if (this.lasting && again) this.valid.push(link);
      else {
        this.older.push(...this.valid.map((old) => old.digest));
        this.valid = [link];
        this.openedDigest = undefined;
      }
      return true;
    } finally {
      this.making = false;
    }
  }

  /** A link is being made and e-mailed: the user may open it before the activity returns. */
  get issuing(): boolean {
    return this.making;
  }

  /** The newest link of the step. */
  get current(): IssuedLink | undefined {
    return this.valid.at(-1);
  }

  get opened(): boolean {
    return this.openedDigest !== undefined;
  }

  /** Links of this purpose sent in the last hour (before the patch: of any purpose). */
  sentLastHour(purpose: LinkPurpose): number {
    const since = Date.now() - hour;
    return this.sent.filter((s) => s.at > since && (!this.lasting || s.purpose === purpose)).length;
  }

  /** Why a link must be refused, or undefined when it may open the step now. */
  refusal(digest: string): LinkRefusal | undefined {
    const link = this.valid.find((one) => constantTimeEqual(one.digest, digest));
    if (!link) {
      return this.older.some((older) => constantTimeEqual(older, digest))
        ? 'superseded'
        : 'unknown';
    }
    if (this.openedDigest !== undefined) {
      return constantTimeEqual(this.openedDigest, digest) ? 'used' : 'superseded';
    }
    if (Date.now() >= Date.parse(link.expiresAt)) return 'expired';
    return undefined;
  }

  /** The link with this digest opened the step. */
  use(digest: string): void {
    this.openedDigest = digest;
  }
}
