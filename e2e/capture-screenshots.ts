// Captures the README screenshots from a fresh server filled by `npm run seed:demo`.
// Usage: npx tsx e2e/capture-screenshots.ts   (writes docs/screenshots/*.png)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';

const root = new URL('..', import.meta.url).pathname;
const port = 3950;
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  PORT: String(port),
  DATA_DIR: mkdtempSync(join(tmpdir(), 'caseflow-shots-')),
  LOG_LEVEL: 'warn',
  DATABASE_URL: '',
};

spawnSync('npm', ['run', 'seed:demo'], { cwd: root, env, stdio: 'inherit' });
const server = spawn('node', ['scripts/start.mjs'], { cwd: root, env, stdio: 'inherit' });
for (let i = 0; i < 240; i++) {
  if (
    await fetch(`${base}/readyz`)
      .then((response) => response.ok)
      .catch(() => false)
  )
    break;
  await new Promise((resolve) => setTimeout(resolve, 500));
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking'],
});
async function shoot(email: string, password: string, shots: { path: string; file: string; width?: number }[]) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page: Page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(/Signed in as/).waitFor();
  for (const shot of shots) {
    await page.setViewportSize({ width: shot.width ?? 1440, height: 900 });
    await page.goto(`${base}${shot.path}`);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(root, 'docs/screenshots', shot.file), fullPage: false });
  }
  await context.close();
}

try {
  await shoot('emma.lindqvist@demo.caseflow.test', 'Demo-customer-pass-1', [
    { path: '/cases', file: 'customer-cases.png' },
    { path: '/cases/new', file: 'customer-new-case-mobile.png', width: 375 },
  ]);
  await shoot('maya@demo.caseflow.test', 'Demo-agent-pass-1', [{ path: '/workspace', file: 'agent-workspace.png' }]);
  await shoot('admin@demo.caseflow.test', 'Demo-admin-pass-1', [
    { path: '/admin/dashboard', file: 'admin-dashboard.png' },
    { path: '/admin/agents', file: 'admin-agents.png' },
  ]);
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
