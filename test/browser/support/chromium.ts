import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (apt package `chromium`), which `bash scripts/sspr provision` installs. */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Flags that keep Chromium quiet and self-contained on a machine that reaches only package
 * registries: no sandbox (CI runs as root), no GPU, no background calls home.
 */
const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Repaint whole tiles after a change: with partial repaints, anti-aliased edges of an htmx
  // swap's region came out a shade different from run to run, and the tour's PNGs with them.
  '--disable-partial-raster',
];

/**
 * Starts the machine's Chromium through playwright-core (`npx playwright install` downloads a
 * browser of its own, which fails here). Playwright gives every launch a fresh temporary
 * profile (its own `--user-data-dir`, removed on close), so nothing carries over between files.
 */
export async function launchChromium(): Promise<Browser> {
  try {
    await access(chromiumPath, constants.X_OK);
  } catch {
    throw new Error(
      `The browser tests need Debian's Chromium at ${chromiumPath}, which is missing. ` +
        'Run `bash scripts/sspr provision` (as root, or follow the apt-get line it prints), ' +
        'or `apt-get install chromium`.',
    );
  }
  return chromium.launch({ executablePath: chromiumPath, args: flags, headless: true });
}
