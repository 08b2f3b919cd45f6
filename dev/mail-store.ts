export interface CaughtMessage {
  id: string;
  /** When the catcher received it (ISO 8601), not the Date header. */
  date: string;
  from: string;
  /** Envelope recipients, so Bcc recipients are included. */
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

const maxMessages = 1_000;

/** Caught mail in memory, newest first; the oldest fall off past the cap. */
export class MessageStore {
  #messages: CaughtMessage[] = [];

  add(message: CaughtMessage): void {
    this.#messages.unshift(message);
    this.#messages.length = Math.min(this.#messages.length, maxMessages);
  }

  list(to?: string): CaughtMessage[] {
    if (!to) return [...this.#messages];
    const wanted = to.toLowerCase();
    return this.#messages.filter((m) => m.to.some((address) => address.toLowerCase() === wanted));
  }

  get(id: string): CaughtMessage | undefined {
    return this.#messages.find((m) => m.id === id);
  }

  clear(): void {
    this.#messages = [];
  }
}
