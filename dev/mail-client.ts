import { setTimeout as sleep } from 'node:timers/promises';
import type { CaughtMessage } from './mail-store';

export interface WaitForMailOptions {
  subjectIncludes?: string;
  /** Default 20 s. */
  timeoutMs?: number;
  /** Only messages received at or after this time. */
  after?: Date;
}

/** Reads a mail catcher through its HTTP API, so it works from any process. */
export function mailClient(inboxUrl: string) {
  const api = new URL('api/messages', inboxUrl);

  async function list(to?: string): Promise<CaughtMessage[]> {
    const url = new URL(api);
    if (to) url.searchParams.set('to', to);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
    return (await response.json()) as CaughtMessage[];
  }

  /** The newest message for `to` that matches; on timeout the error lists what did arrive. */
  async function waitFor(to: string, opts: WaitForMailOptions = {}): Promise<CaughtMessage> {
    const { subjectIncludes, timeoutMs = 20_000, after } = opts;
    const matches = (m: CaughtMessage) =>
      (subjectIncludes === undefined || m.subject.includes(subjectIncludes)) &&
      (after === undefined || new Date(m.date) >= after);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const messages = await list(to);
      const found = messages.find(matches);
      if (found) return found;
      if (Date.now() >= deadline) {
        const wanted = [
          subjectIncludes === undefined ? '' : ` with a subject including "${subjectIncludes}"`,
          after === undefined ? '' : ` received after ${after.toISOString()}`,
        ].join('');
        const seen = messages.map((m) => `\n  ${m.date} "${m.subject}"`).join('') || ' none';
        throw new Error(
          `No mail for ${to}${wanted} within ${timeoutMs} ms. Messages for ${to}:${seen}`,
        );
      }
      await sleep(100);
    }
  }

  async function clear(): Promise<void> {
    const response = await fetch(api, { method: 'DELETE' });
    if (!response.ok) throw new Error(`DELETE ${api} answered ${response.status}`);
  }

  return { list, waitFor, clear };
}
