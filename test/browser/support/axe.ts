import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import type { PageGlobals } from './page-globals';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: Promise<string> | undefined;

/** Impacts that fail a test; lesser ones are listed in the test's output, for the record. */
const failing = new Set(['serious', 'critical']);

/** What the accessibility checks found short of failing, over one test file (for its log). */
export const minorFindings = new Map<string, string>();

/**
 * Runs axe-core in the page as it stands (after an htmx swap too) and throws, with a readable
 * list, on serious or critical violations.
 *
 * The pages' Content-Security-Policy (script-src 'self') refuses the inline <script> that
 * page.addScriptTag({ path }) adds, so axe-core goes in through page.evaluate instead: the
 * DevTools protocol runs it outside the page's CSP, and the page keeps the CSP it is tested
 * with (a context with bypassCSP would hide the pages' own CSP mistakes).
 */
export async function checkAccessibility(
  page: Page,
  name: string,
  options: { javaScript: boolean },
): Promise<void> {
  const results = options.javaScript ? await runAxe(page) : await runAxeOnCopy(page);
  const { violations } = results;
  const serious = violations.filter((v) => failing.has(v.impact ?? ''));
  for (const v of violations.filter((v) => !failing.has(v.impact ?? ''))) {
    minorFindings.set(`${name}: ${v.id}`, `on "${name}":\n${describe(v)}`);
  }
  if (serious.length > 0) {
    throw new Error(
      `axe-core: ${serious.length} serious or critical problem(s) on page "${name}" (${page.url()}):\n` +
        serious.map(describe).join('\n'),
    );
  }
}

async function runAxe(page: Page): Promise<AxeResults> {
  axeSource ??= readFile(axePath, 'utf8');
  // A string is evaluated as a script by the DevTools protocol, outside the page's CSP (an
  // eval() inside a page function would be refused by it).
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(await axeSource);
  const results = await page.evaluate(() => {
    const { axe, document } = globalThis as unknown as PageGlobals;
    return axe?.run(document, { resultTypes: ['violations'] });
  });
  return results as AxeResults;
}

/**
 * A page in a window without JavaScript runs no script at all, axe-core included (Playwright's
 * evaluate never returns there). Its HTML, as the server sent it and without the scripts it
 * would not run, is loaded at the same origin (so its stylesheet applies) in a window that
 * runs scripts, and checked there.
 */
async function runAxeOnCopy(page: Page): Promise<AxeResults> {
  const html = (await page.content())
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
    .replace(/<meta http-equiv="refresh"[^>]*>/gi, '');
  const copyUrl = new URL('/__axe-copy__', page.url()).href;
  const context = await (page.context().browser() as Browser).newContext({
    viewport: page.viewportSize(),
  });
  try {
    await context.route(copyUrl, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    const copy = await context.newPage();
    await copy.goto(copyUrl);
    return await runAxe(copy);
  } finally {
    await context.close();
  }
}

function describe(v: Result): string {
  const nodes = v.nodes
    .slice(0, 5)
    .map((n) => `    at ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`)
    .join('\n');
  const more = v.nodes.length > 5 ? `\n    …and ${v.nodes.length - 5} more` : '';
  return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
}
