import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { findBrowser } from '../scripts/browser.mjs';

const port = 3900;
// The runner and its worker process both load this file: the directory is made once and handed down
// through the environment; global-teardown.ts removes it after the run.
process.env.CASEFLOW_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'caseflow-e2e-'));
const dataDir = process.env.CASEFLOW_E2E_DATA_DIR;
/** The shop site the widget journey serves (e2e/tests/widget-journey.spec.ts): listed in WIDGET_ORIGINS. */
export const SHOP_ORIGIN = 'http://127.0.0.1:3901';
export const ADMIN = { email: 'admin@e2e.test', password: 'E2e-admin-pass-1' };

/** Browser tests against the real server on a fresh database, in Debian's Chromium or the one `npm test` provided. */
export default defineConfig({
  testDir: './tests',
  globalTeardown: './global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      // `npm test` made sure of one (scripts/ensure-browser.mjs); run alone, a missing browser fails here.
      executablePath: findBrowser() ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
    trace: 'off',
  },
  webServer: {
    command: 'node scripts/start.mjs',
    cwd: '..',
    url: `http://127.0.0.1:${port}/readyz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT: '1000',
      WIDGET_ORIGINS: SHOP_ORIGIN,
    },
  },
});
