import { condition } from '@temporalio/workflow';
import { constantTimeEqual } from './constant-time';
import { type SessionProof, sessionTtlSeconds } from './messages';
import { refuse } from './refuse';

/**
 * The browser that opened the link, by the digest of its session secret: every later step
 * must come from it. The session lives while the user works: each form sent restarts its
 * clock, and one still being processed (the directory slow to answer) holds it open.
 */
export class BrowserSession {
  private digest: string | undefined;
  private processing = false;
  private touched = false;

  /** The link was opened: from now on, this browser's session. */
  begin(sessionDigest: string): void {
    this.digest = sessionDigest;
  }

  holds(sessionDigest: string): boolean {
    return this.digest ? constantTimeEqual(this.digest, sessionDigest) : false;
  }

  /**
   * Refuses a form that is not for the step the recovery is at (or comes while another is
   * processed), or that another browser sent.
   */
  admit(input: SessionProof, atItsStep: boolean): void {
    if (!atItsStep || this.processing) refuse('step');
    if (!this.holds(input.sessionDigest)) refuse('session');
  }

  /** Processes a form, holding the session open until it is done. */
  async submit<R>(work: () => Promise<R>): Promise<R> {
    this.processing = true;
    this.touched = true;
    try {
      return await work();
    } finally {
      this.processing = false;
    }
  }

  /** Waits until `done`, as long as the session lives; false when it idled out first. */
  async lastsUntil(done: () => boolean): Promise<boolean> {
    for (;;) {
      this.touched = false;
      const woken = await condition(() => done() || this.touched, sessionTtlSeconds * 1000);
      if (done()) return true;
      if (!woken && !this.processing) return false;
    }
  }
}
