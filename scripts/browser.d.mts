/** Types of browser.mjs, for the Playwright config. */
export function playwrightChromium(): string | undefined;
export function findBrowser(env?: Record<string, string | undefined>): string | undefined;
