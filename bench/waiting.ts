import { statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../db/database';
import { changePolicy, currentPolicy } from '../db/policy';
import { httpBrowser, linkMailFor, runPool } from './journey';
import { loadAverage, readProcess, watchProcesses } from './process-usage';
import { processTable, type Section } from './report';
import type { BenchStack } from './stack';
import { median } from './stats';
import { formatTable } from './table';
import { type BenchUser, clientAddressOf, seedUsers } from './users';

const mib = (bytes: number) => bytes / 2 ** 20;

/** A SQLite database's size on disk: the file and its write-ahead log (NaN: in memory). */
function databaseBytes(file: string | undefined): number {
  if (file === undefined) return Number.NaN;
  const size = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  return size(file) + size(`${file}-wal`);
}

/**
 * Part 4: `count` recoveries started through the start form (by users with mail, not enrolled)
 * and left waiting for a click: how long it takes to bring them there, what the worker and the
 * Temporal server hold in memory, how large the databases grow, and how long a click on one of
 * them then takes (its workflow long evicted from the worker's cache, so replayed).
 */
export async function benchWaiting(
  stack: BenchStack,
  options: { count: number; clicks: number },
  log: (line: string) => void,
): Promise<Section> {
  log(`seeding ${options.count} users`);
  const users = await seedUsers(stack.slapd, 'bench.wait', options.count);
  // The first links must still work when the last recoveries start: the longest lifetime an
  // admin can set (a day) instead of the default 15 minutes.
  const db = openDatabase(stack.database);
  const { link_ttl_seconds: linkTtl } = await currentPolicy(db);
  await changePolicy(db, { link_ttl_seconds: 24 * 3600 }, 'bench');
  const before = {
    temporal: databaseBytes(stack.temporalDatabase),
    sspr: databaseBytes(stack.database),
    mail: stack.mailbox.received,
  };
  const loadBefore = loadAverage();
  const watch = watchProcesses(stack.processes());
  const started = performance.now();
  // One CSRF pair for every form (a browser's first visit is part 3's); an address per user.
  const first = await fetch(stack.baseUrl, { headers: { 'accept-language': 'en' } });
  const cookie = first.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const token = /name="csrf" value="([^"]+)"/.exec(await first.text())?.[1] ?? '';
  const sent = await runPool(users, 20, async (user: BenchUser) => {
    const response = await fetch(stack.baseUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'accept-language': 'en',
        cookie,
        'x-forwarded-for': clientAddressOf(user),
      },
      body: new URLSearchParams({ csrf: token, username: user.uid }),
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`start form: HTTP ${response.status}`);
  });
  const requestSeconds = sent.seconds;
  log(`${users.length - sent.failures.length} requests sent in ${requestSeconds.toFixed(0)} s`);
  const wanted = before.mail + users.length - sent.failures.length;
  let lastLog = performance.now();
  while (stack.mailbox.received < wanted) {
    await sleep(250);
    if (performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      log(`${stack.mailbox.received - before.mail} of ${users.length} links e-mailed`);
    }
  }
  const allWaitingSeconds = (performance.now() - started) / 1000;
  const usage = watch.stop();
  // Memory once the work is done: what waiting recoveries hold.
  await sleep(5_000);
  const processes = stack.processes();
  const rssNow = (name: string) => mib(readProcess(processes[name] ?? -1)?.rssBytes ?? Number.NaN);
  const after = {
    temporal: databaseBytes(stack.temporalDatabase),
    sspr: databaseBytes(stack.database),
  };

  // Clicks spread over the waiting recoveries, oldest first: each is replayed by the worker.
  const clickUsers = Array.from(
    { length: options.clicks },
    (_, i) =>
      users[Math.floor((i * (users.length - 1)) / Math.max(options.clicks - 1, 1))] as BenchUser,
  );
  const clicks: Array<{ button: number; page: number }> = [];
  const clickFailures: string[] = [];
  for (const user of clickUsers) {
    try {
      clicks.push(await click(stack, user));
    } catch (error) {
      clickFailures.push((error as Error).message);
    }
  }
  await changePolicy(db, { link_ttl_seconds: linkTtl }, 'bench');
  await db.destroy();

  const waiting = users.length - sent.failures.length;
  const figures = {
    count: users.length,
    failedRequests: sent.failures.length,
    requestSeconds,
    allWaitingSeconds,
    workerRssMiB: rssNow('worker'),
    temporalRssMiB: rssNow('temporal'),
    temporalDbMiB: mib(after.temporal),
    temporalDbGrowthKiB: (after.temporal - before.temporal) / 1024 / Math.max(waiting, 1),
    ssprDbMiB: mib(after.sspr),
    ssprDbGrowthKiB: (after.sspr - before.sspr) / 1024 / Math.max(waiting, 1),
    clickButtonMs: median(clicks.map((c) => c.button)),
    clickPageMs: median(clicks.map((c) => c.page)),
    clicks,
    clickFailures,
  };
  const markdown = [
    formatTable(
      ['figure', 'value'],
      [
        ['recoveries left waiting for a click', waiting],
        ['start forms sent (20 at a time), seconds', requestSeconds],
        ['until every link e-mail was sent, seconds', allWaitingSeconds],
        ['recoveries brought to waiting per second', waiting / allWaitingSeconds],
        ['worker RSS after, MiB', figures.workerRssMiB],
        ['Temporal server RSS after, MiB', figures.temporalRssMiB],
        ["Temporal's SQLite file (with WAL), MiB", figures.temporalDbMiB],
        ['… grown per waiting recovery, KiB', figures.temporalDbGrowthKiB],
        ['the service’s SQLite file (with WAL), MiB', figures.ssprDbMiB],
        ['… grown per waiting recovery, KiB', figures.ssprDbGrowthKiB],
        [`a click: the link's button, ms (median of ${clicks.length})`, figures.clickButtonMs],
        ['… then the next page, ms', figures.clickPageMs],
      ],
    ),
    `The policy's link lifetime was a day (the admin's longest) during this part, so that the ` +
      'first recoveries still waited when the last started.' +
      (clickFailures.length > 0 ? ` Clicks that failed: ${clickFailures.join('; ')}.` : ''),
    'CPU and memory while the recoveries were started and their links sent:',
    processTable([{ usage, units: waiting }], 'recovery'),
    `Load average (1 min) before→after: ${loadBefore.toFixed(1)}→${loadAverage().toFixed(1)}.`,
  ].join('\n\n');
  return {
    title: `${waiting.toLocaleString('en-US')} recoveries waiting for a click`,
    markdown,
    figures,
  };
}

/** A click on a waiting recovery's link: its button (the session), then the next page. */
async function click(stack: BenchStack, user: BenchUser) {
  const b = httpBrowser(stack.baseUrl, user);
  const path = await linkMailFor(stack, user);
  const landing = await b.get(path);
  if (landing.status !== 200) {
    throw new Error(`link page: HTTP ${landing.status} (${landing.headers.get('location')})`);
  }
  const t0 = performance.now();
  const opened = await b.post(path, {});
  const t1 = performance.now();
  const page = await b.get('/recovery');
  const t2 = performance.now();
  if (opened.headers.get('location') !== '/recovery' || page.status !== 200) {
    throw new Error(`click: sent to ${opened.headers.get('location')}, then HTTP ${page.status}`);
  }
  return { button: t1 - t0, page: t2 - t1 };
}
