import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Locale } from '../../../common/domain/locale';
import { createLdapDirectory } from '../../../directory/ldap-directory';
import { journeys } from '../../support/journey';
import { ldapConfigFor } from '../../support/ldap-config';
import { patienceMs, type Stack, startStack } from '../../support/stack';
import { minorFindings } from './axe';
import { launchChromium } from './chromium';
import { UserPage } from './user-page';

/** A phone-sized window for every page of the tour; the start page is also shot at desktop size. */
export const viewports = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;

/**
 * The whole service for one browser test file: the in-process app served over real HTTP on
 * 127.0.0.1 (a free port), the stack's links pointing there so that links in e-mails open in
 * the browser, and one Chromium, launched once for the file.
 */
export async function startBrowserStack(options: Parameters<typeof startStack>[0] = {}) {
  // The port is known only once the server listens, and the stack's links need it: the server
  // starts first and hands requests to the app as soon as there is one.
  let app: Stack['app'] | undefined;
  let address: AddressInfo | undefined;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve(
      {
        fetch: (request, env) =>
          app ? app.fetch(request, env) : new Response('starting', { status: 503 }),
        hostname: '127.0.0.1',
        port: 0,
      },
      (info) => {
        address = info;
        resolve(started);
      },
    );
    started.once('error', reject);
  });
  const baseUrl = `http://127.0.0.1:${(address as AddressInfo).port}`;
  let stack: Stack;
  try {
    stack = await startStack({ ...options, publicUrl: baseUrl });
  } catch (error) {
    await stopServer();
    throw error;
  }
  app = stack.app;
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await stopServer();
    await stack.stop();
    throw error;
  }
  const contexts: BrowserContext[] = [];

  async function stopServer() {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Chromium keeps connections alive; they would hold close() forever.
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
  }

  /**
   * A new browser window of its own (cookies, language) at phone size: `javaScript: false`
   * for the plain-HTML pages; `language` is the browser's Accept-Language.
   */
  async function open(
    options: { language?: Locale; javaScript?: boolean; viewport?: keyof typeof viewports } = {},
  ): Promise<UserPage> {
    const context = await browser.newContext({
      baseURL: baseUrl,
      locale: options.language ?? 'en',
      javaScriptEnabled: options.javaScript ?? true,
      viewport: viewports[options.viewport ?? 'phone'],
      // Nothing to do with any real site: keep service workers and such out of the picture.
      serviceWorkers: 'block',
    });
    contexts.push(context);
    context.setDefaultTimeout(patienceMs);
    context.setDefaultNavigationTimeout(patienceMs);
    const page: Page = await context.newPage();
    return new UserPage(page, { javaScript: options.javaScript ?? true });
  }

  return {
    stack,
    browser,
    baseUrl,
    user: journeys(stack),
    open,
    /** The directory as a sign-in would see it (the key must be changed, the password works). */
    directory: () => createLdapDirectory(ldapConfigFor(stack.directory)),
    /** Closes this test's windows; the browser stays for the next test. */
    async closeWindows() {
      await Promise.allSettled(contexts.splice(0).map((c) => c.close()));
    },
    async stop() {
      if (minorFindings.size > 0) {
        console.info(
          `axe-core, moderate and minor findings (not failures):\n${[...minorFindings.values()].join('\n')}`,
        );
      }
      await Promise.allSettled(contexts.splice(0).map((c) => c.close()));
      await browser.close();
      await stopServer();
      await stack.stop();
    },
  };
}

export type BrowserStack = Awaited<ReturnType<typeof startBrowserStack>>;

/**
 * The file's stack: started before its tests (`started` receives it, for the file's own
 * variable), each test's windows closed after it, stopped after the last. Hooks the file
 * registers later run after this start and before this stop.
 */
export function useBrowserStack(
  started: (bs: BrowserStack) => void,
  options: Parameters<typeof startBrowserStack>[0] = {},
): void {
  let bs: BrowserStack | undefined;
  beforeAll(async () => {
    bs = await startBrowserStack(options);
    started(bs);
  });
  afterEach(async () => {
    await bs?.closeWindows();
  });
  afterAll(async () => {
    await bs?.stop();
  });
}
