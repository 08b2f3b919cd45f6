import { openDatabase } from '../db/database';
import { answerFields, askForLink, httpBrowser, linkMailFor, openLink, runPool } from './journey';
import { type LoadResult, loadAt } from './load';
import { loadAverage, watchProcesses } from './process-usage';
import type { Section } from './report';
import type { BenchStack } from './stack';
import { formatTable } from './table';
import { type BenchUser, clientAddressOf, enrollUsers, seedUsers } from './users';

export interface PagesOptions {
  /** Requests per second of each level, per page. */
  rates: { startPage: number[]; startForm: number[]; answers: number[] };
  /** How long each level lasts. */
  seconds: number;
}

export const defaultPageRates: PagesOptions['rates'] = {
  startPage: [50, 100, 200],
  startForm: [5, 10, 20],
  answers: [2, 4, 8],
};

const form = 'application/x-www-form-urlencoded';

/**
 * Part 3: the start page, the start form and an answer submission under a load generator at
 * fixed rates. Every form comes from a user of its own (its own address, its own account), as
 * the per-client and per-username limits would have it; each answer from a session opened
 * beforehand through a real link, at the questions' step.
 */
export async function benchPages(
  stack: BenchStack,
  options: PagesOptions,
  log: (line: string) => void,
): Promise<Section> {
  const url = stack.baseUrl;
  const results: Array<{ page: string; result: LoadResult }> = [];
  /** CPU seconds of each process and requests answered, per page. */
  const cost = new Map<string, { cpu: Map<string, number>; requests: number }>();
  const measure = async (page: string, run: () => Promise<LoadResult>) => {
    const watch = watchProcesses(stack.processes());
    const result = await run();
    const spent = cost.get(page) ?? { cpu: new Map<string, number>(), requests: 0 };
    for (const [name, usage] of Object.entries(watch.stop())) {
      spent.cpu.set(name, (spent.cpu.get(name) ?? 0) + usage.cpuSeconds);
    }
    spent.requests += result.sent;
    cost.set(page, spent);
    results.push({ page, result });
    log(
      `${page} at ${result.rate}/s: p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.errors} errors`,
    );
  };
  const loadBefore = loadAverage();

  for (const rate of options.rates.startPage) {
    await measure('GET / (start page)', () =>
      loadAt({
        url,
        rate,
        seconds: options.seconds,
        expectStatus: 200,
        request: () => ({ method: 'GET', path: '/', headers: { 'accept-language': 'en' } }),
      }),
    );
  }

  const csrf = await csrfPair(url);
  for (const [level, rate] of options.rates.startForm.entries()) {
    const users = await seedUsers(stack.slapd, `bench.form${level}`, rate * options.seconds);
    let next = 0;
    await measure('POST / (start form)', () =>
      loadAt({
        url,
        rate,
        seconds: options.seconds,
        expectStatus: 200,
        request: () => {
          const user = users[next++ % users.length] as BenchUser;
          return {
            method: 'POST',
            path: '/',
            headers: {
              'content-type': form,
              'accept-language': 'en',
              cookie: csrf.cookie,
              'x-forwarded-for': clientAddressOf(user),
            },
            body: new URLSearchParams({ csrf: csrf.token, username: user.uid }).toString(),
          };
        },
      }),
    );
  }

  for (const [level, rate] of options.rates.answers.entries()) {
    const count = rate * options.seconds;
    log(`opening ${count} sessions at the questions' step for ${rate} answers/s`);
    const sessions = await openSessions(stack, `bench.answers${level}`, count);
    let next = 0;
    await measure('POST /recovery/answers', () =>
      loadAt({
        url,
        rate,
        seconds: options.seconds,
        expectStatus: 303,
        request: () => {
          const session = sessions[next++ % sessions.length] as Session;
          return {
            method: 'POST',
            path: '/recovery/answers',
            headers: {
              'content-type': form,
              'accept-language': 'en',
              cookie: session.cookie,
              'x-forwarded-for': session.address,
            },
            body: session.body,
          };
        },
      }),
    );
  }

  const rows = results.map(({ page, result }) => [
    page,
    result.rate,
    result.served,
    result.p50,
    result.p99,
    result.max,
    result.errors,
  ]);
  const markdown = [
    formatTable(['page', 'asked /s', 'served /s', 'p50 ms', 'p99 ms', 'max ms', 'errors'], rows),
    `Each level lasts ${options.seconds} s. Latencies are autocannon's, corrected for coordinated ` +
      'omission. The start form is sent for existing accounts (each then gets a link e-mail and ' +
      'waits for a click); each answer comes from its own session and is right (a 303 to the next ' +
      'step), so behind each one the recovery resets a password.',
    'CPU milliseconds per request of each process, over all levels of a page (what the ' +
      'recoveries behind the forms cost while the level lasted included):',
    costTable(cost),
    `Load average (1 min) before→after: ${loadBefore.toFixed(1)}→${loadAverage().toFixed(1)}.`,
  ].join('\n\n');
  return { title: 'Pages under load', markdown, figures: results };
}

function costTable(cost: Map<string, { cpu: Map<string, number>; requests: number }>): string {
  const names = [...new Set([...cost.values()].flatMap((c) => [...c.cpu.keys()]))];
  const rows = [...cost].map(([page, c]) => [
    page,
    ...names.map((name) => (1000 * (c.cpu.get(name) ?? 0)) / Math.max(c.requests, 1)),
  ]);
  return formatTable(['page', ...names], rows);
}

/** A CSRF cookie and the form field that goes with it, as a first visit to the start page gets. */
async function csrfPair(url: string) {
  const response = await fetch(url, { headers: { 'accept-language': 'en' } });
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const token = /name="csrf" value="([^"]+)"/.exec(await response.text())?.[1] ?? '';
  return { cookie, token };
}

interface Session {
  cookie: string;
  address: string;
  /** The answers' form, right, with the session's CSRF field. */
  body: string;
}

/** Enrolled users, each with a browser session at the questions' step (a link opened). */
async function openSessions(stack: BenchStack, label: string, count: number): Promise<Session[]> {
  const users = await seedUsers(stack.slapd, label, count);
  const db = openDatabase(stack.database);
  try {
    await enrollUsers(db, users);
  } finally {
    await db.destroy();
  }
  const opened = await runPool(users, 10, async (user) => {
    const b = httpBrowser(stack.baseUrl, user);
    await askForLink(b, user);
    const { questionIds, csrf } = await openLink(b, await linkMailFor(stack, user));
    stack.mailbox.forget(user.mail);
    return {
      cookie: [...b.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      address: clientAddressOf(user),
      body: new URLSearchParams({ csrf, ...answerFields(questionIds) }).toString(),
    };
  });
  if (opened.failures.length > 0) {
    throw new Error(`could not open sessions: ${opened.failures.slice(0, 3).join('; ')}`);
  }
  return opened.results;
}
