import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { checkAccessibility } from './axe';
import type { PageGlobals } from './page-globals';

/** The committed screenshots the README's tour shows; every run overwrites them. */
export const tourDir = fileURLToPath(new URL('../../../docs/tour/', import.meta.url));

/**
 * One user's browser window, with what every browser test wants of a page: an accessibility
 * check, a screenshot for the tour, and a record of what went wrong in the page itself
 * (uncaught script errors, Content-Security-Policy refusals) that the test asserts is empty.
 */
export class UserPage {
  readonly problems: string[] = [];

  constructor(
    readonly page: Page,
    readonly options: { javaScript: boolean },
  ) {
    page.on('pageerror', (error) => this.problems.push(`script error: ${error.message}`));
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' && /Content.Security.Policy/i.test(text)) {
        this.problems.push(`CSP: ${text}`);
      }
    });
    page.on('response', (response) => {
      if (response.status() >= 500) {
        this.problems.push(`${response.status()} from ${response.url()}`);
      }
    });
  }

  /** The page's one <h1>, once it says `text` (after a navigation or an htmx swap alike). */
  async heading(text: string): Promise<Locator> {
    const h1 = this.page.locator('h1', { hasText: text });
    try {
      await h1.waitFor();
    } catch (error) {
      // Say what the page shows instead: the failure then explains itself.
      const shown = await this.text('#main').catch(() => '(no page)');
      throw new Error(`expected the page "${text}", but ${this.page.url()} shows: ${shown}`, {
        cause: error,
      });
    }
    return h1;
  }

  /** The text of what `selector` finds, spaces collapsed (as a reader gets it). */
  async text(selector: string): Promise<string> {
    return ((await this.page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }

  /** axe-core on the page as it stands: no serious or critical violations. */
  check(name: string): Promise<void> {
    return checkAccessibility(this.page, name, this.options);
  }

  /** The accessibility check, then a screenshot of the whole page: docs/tour/<name>.png. */
  async tour(name: string): Promise<void> {
    await this.check(name);
    await mkdir(tourDir, { recursive: true });
    // The pointer stays where the last click was: off the page's controls, nothing shows hover.
    await this.page.mouse.move(0, 0);
    // After an htmx swap: let two frames be drawn, so no part of the page is half-painted.
    if (this.options.javaScript) {
      await this.page.evaluate(() => {
        const { requestAnimationFrame: frame } = globalThis as unknown as PageGlobals;
        return new Promise<void>((resolve) => frame(() => frame(() => resolve())));
      });
    }
    await this.page.screenshot({
      path: `${tourDir}${name}.png`,
      fullPage: true,
      animations: 'disabled',
      caret: 'hide',
    });
  }

  /** Clicks the form's submit button (the one in #main). */
  async submit(): Promise<void> {
    await this.page.locator('#main button[type="submit"]').click();
  }

  close(): Promise<void> {
    return this.page.context().close();
  }
}
