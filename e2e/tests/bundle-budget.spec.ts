import { statSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const BUDGET_BYTES = 200 * 1024;
const assets = new URL('../../apps/web/dist/assets/', import.meta.url).pathname;

/** SPEC §7: the JavaScript a first visit loads, gzipped, stays within 200 KB (pages are split per route). */
test('the first visit loads at most 200 KB of gzipped JavaScript', async ({ page }) => {
  const scripts = new Set<string>();
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/assets/') && url.pathname.endsWith('.js'))
      scripts.add(url.pathname.slice('/assets/'.length));
  });
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const gzipped = [...scripts].reduce((sum, name) => sum + statSync(`${assets}${name}.gz`).size, 0);
  console.info(`initial JavaScript: ${scripts.size} files, ${(gzipped / 1024).toFixed(1)} KB gzipped (budget 200 KB)`);
  expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
});
