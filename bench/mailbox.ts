import type { CaughtMessage } from '../dev/mail-catcher';

/** What a benchmark keeps of a message: enough to find a link or a subject in it. */
export type Mail = Pick<CaughtMessage, 'to' | 'subject' | 'text'>;

interface Waiter {
  matches: (mail: Mail) => boolean;
  resolve: (mail: Mail) => void;
}

/**
 * The mail catcher's messages by recipient, as they arrive: a benchmark waits on a recipient's
 * next message without polling the inbox (polling would load the machine it measures).
 */
export class Mailbox {
  readonly #mail = new Map<string, Mail[]>();
  readonly #waiters = new Map<string, Set<Waiter>>();
  #received = 0;

  /** Every message the catcher caught so far. */
  get received(): number {
    return this.#received;
  }

  deliver(message: Mail): void {
    this.#received++;
    const mail: Mail = { to: message.to, subject: message.subject, text: message.text };
    for (const address of message.to.map((to) => to.toLowerCase())) {
      const waiting = [...(this.#waiters.get(address) ?? [])].find((w) => w.matches(mail));
      if (waiting) {
        this.#waiters.get(address)?.delete(waiting);
        waiting.resolve(mail);
        continue;
      }
      const kept = this.#mail.get(address) ?? [];
      kept.push(mail);
      this.#mail.set(address, kept);
    }
  }

  /** The first message to `to` that `matches`, already here or once it arrives; each is taken once. */
  take(to: string, matches: (mail: Mail) => boolean, timeoutMs: number): Promise<Mail> {
    const address = to.toLowerCase();
    const kept = this.#mail.get(address) ?? [];
    const index = kept.findIndex(matches);
    if (index >= 0) return Promise.resolve(kept.splice(index, 1)[0] as Mail);
    return new Promise<Mail>((resolve, reject) => {
      const waiters = this.#waiters.get(address) ?? new Set<Waiter>();
      this.#waiters.set(address, waiters);
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`no matching mail for ${to} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = {
        matches,
        resolve: (mail) => {
          clearTimeout(timer);
          resolve(mail);
        },
      };
      waiters.add(waiter);
    });
  }

  /** Drops what is kept for `to` (a finished journey's later notices). */
  forget(to: string): void {
    this.#mail.delete(to.toLowerCase());
  }
}
