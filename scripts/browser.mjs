// Which Chromium the browser tests drive: the one the test command made sure of (ensure-browser.mjs).
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

const isExecutable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Playwright's own Chromium, where `npx playwright install chromium` puts it (it may not be there). */
export function playwrightChromium() {
  try {
    const require = createRequire(new URL('../e2e/package.json', import.meta.url));
    const { chromium } = require('@playwright/test');
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/**
 * The browser to use, in order: CASEFLOW_BROWSER (a path, as named by the user), Debian's chromium
 * package, Playwright's own download; undefined when none is installed.
 */
export function findBrowser(env = process.env) {
  if (env.CASEFLOW_BROWSER) return env.CASEFLOW_BROWSER;
  if (isExecutable(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const own = playwrightChromium();
  return own && existsSync(own) ? own : undefined;
}
