import { type Browser, browser } from '../dev/form-browser';
import type { Mailbox } from './mailbox';
import { answerFor, type BenchUser, clientAddressOf } from './users';

/** Where a benchmark's users find the service: its web process, and the mail it sends them. */
export interface Target {
  baseUrl: string;
  mailbox: Mailbox;
}

/** How long a step may take before the journey counts as failed: far beyond any healthy run. */
export const patienceMs = 120_000;

/** Milliseconds of each step of one recovery; they add up to `total`. */
export interface JourneyTimings {
  /** The start page, then its form sent. */
  request: number;
  /** From the form's answer until the link's e-mail is in the inbox. */
  linkMail: number;
  /** The link's page, its button (the session), then the questions' page. */
  open: number;
  /** The answers sent, then the page that follows. */
  answers: number;
  /** From that page until the temporary key's e-mail is in the inbox. */
  keyMail: number;
  total: number;
}

export const journeySteps = ['request', 'linkMail', 'open', 'answers', 'keyMail', 'total'] as const;

/** A browser for the real web process: cookies and the CSRF field, as test/support/browser.ts keeps them. */
export function httpBrowser(baseUrl: string, user: BenchUser): Browser {
  const forwarded = { 'x-forwarded-for': clientAddressOf(user) };
  return browser(
    {
      request: (input: Request | string | URL, init: RequestInit = {}) =>
        fetch(new URL(String(input), baseUrl), {
          ...init,
          headers: { ...Object.fromEntries(new Headers(init.headers)), ...forwarded },
          redirect: 'manual',
        }),
    },
    { language: 'en' },
  );
}

/** The link in a message, as a path of the web process. */
export function linkPath(text: string): string | undefined {
  return /\/link\/[A-Za-z0-9_-]{43}/.exec(text)?.[0];
}

const isKeyMail = (mail: { subject: string }) => /temporary password/i.test(mail.subject);

/** The start page, then its form: the e-mail with a link is on its way. */
export async function askForLink(b: Browser, user: BenchUser): Promise<void> {
  expect(await b.get('/'), 200, 'start page');
  expect(await b.post('/', { username: user.uid }), 200, 'start form');
}

/** The link in the user's next e-mail, as a path of the web process. */
export async function linkMailFor(
  target: Target,
  user: BenchUser,
  timeoutMs = patienceMs,
): Promise<string> {
  const mail = await target.mailbox.take(user.mail, (m) => !!linkPath(m.text), timeoutMs);
  return linkPath(mail.text) as string;
}

/** The link's page, its button (the session starts), then the questions' page. */
export async function openLink(b: Browser, path: string) {
  expect(await b.get(path), 200, 'link page');
  const opened = await b.post(path, {});
  expect(opened, 303, 'link button');
  const location = opened.headers.get('location');
  if (location !== '/recovery') throw new Error(`link button: sent to ${location}, not /recovery`);
  const page = await b.get('/recovery');
  expect(page, 200, 'questions page');
  const questionIds = [...page.body.matchAll(/name="answer-(\d+)"/g)].map((m) => Number(m[1]));
  if (questionIds.length === 0) throw new Error('no questions on the page');
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return { questionIds, csrf };
}

/** The answers every benchmark user gave when enrolled, as the form's fields. */
export function answerFields(questionIds: readonly number[]): Record<string, string> {
  return Object.fromEntries(questionIds.map((id) => [`answer-${id}`, answerFor(id)]));
}

/**
 * One enrolled user's whole recovery over HTTP, as a person does it: ask, open the e-mailed link,
 * answer the questions, read the temporary key in the next e-mail.
 */
export async function recoverOverHttp(target: Target, user: BenchUser): Promise<JourneyTimings> {
  const b = httpBrowser(target.baseUrl, user);
  const { mark, timings } = stepClock();

  await askForLink(b, user);
  mark();
  const path = await linkMailFor(target, user);
  mark();
  const { questionIds } = await openLink(b, path);
  mark();
  expect(await b.post('/recovery/answers', answerFields(questionIds)), 303, 'answers');
  expect(await b.get('/recovery'), 200, 'page after the answers');
  mark();
  await target.mailbox.take(user.mail, isKeyMail, patienceMs);
  mark();
  target.mailbox.forget(user.mail);

  return timings();
}

/** Times a journey's steps: `mark()` at the end of each of the five, then `timings()`. */
export function stepClock() {
  const marks = [performance.now()];
  const step = (i: number) => (marks[i + 1] as number) - (marks[i] as number);
  return {
    mark: () => {
      marks.push(performance.now());
    },
    timings: (): JourneyTimings => ({
      request: step(0),
      linkMail: step(1),
      open: step(2),
      answers: step(3),
      keyMail: step(4),
      total: (marks[5] as number) - (marks[0] as number),
    }),
  };
}

function expect(
  response: { status: number; headers: Headers; body: string },
  status: number,
  what: string,
) {
  if (response.status === status) return;
  const title = /<title>([^<]*)<\/title>/.exec(response.body)?.[1]?.trim();
  const where = response.headers.get('location') ?? title ?? '';
  throw new Error(`${what}: HTTP ${response.status}, not ${status} (${where})`);
}

/**
 * Runs `work` for every item with at most `concurrency` at once; failures are counted with
 * their first messages, not thrown, so one bad journey does not end a run.
 */
export async function runPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<{ results: R[]; failures: string[]; seconds: number }> {
  const results: R[] = [];
  const failures: string[] = [];
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        results.push(await work(item));
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return { results, failures, seconds: (performance.now() - started) / 1000 };
}
