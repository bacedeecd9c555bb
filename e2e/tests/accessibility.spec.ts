import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { ADMIN } from '../playwright.config';
import { Api, PASSWORD, signInThroughUi, uniqueEmail } from './support';

// Each test audits four to six pages; a full axe run takes seconds on a busy 2-core machine.
test.describe.configure({ timeout: 120_000 });

async function expectNoSeriousViolations(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(
    serious.map(
      (violation) =>
        `${path}: ${violation.id} (${violation.impact}) ${violation.nodes.map((node) => node.target).join(' ')}`,
    ),
  ).toEqual([]);
}

test('public pages have no serious accessibility violations', async ({ page }) => {
  for (const path of ['/login', '/signup', '/forgot-password', '/reset-password?token=x'])
    await expectNoSeriousViolations(page, path);
});

test('customer pages have no serious accessibility violations', async ({ page, baseURL }) => {
  const customer = await Api.signup(baseURL!, 'Axe Customer');
  const created = await customer.reportCase('Accessibility check');
  await signInThroughUi(page, customer.email, PASSWORD);
  for (const path of ['/cases', '/cases/new', `/cases/${created.body.id}`, '/account'])
    await expectNoSeriousViolations(page, path);
});

test('agent and admin pages have no serious accessibility violations', async ({ page, baseURL }) => {
  const admin = await Api.admin(baseURL!);
  const email = uniqueEmail('axe-agent');
  await admin.call('POST', '/agents', { email, name: 'Axe Agent', password: PASSWORD, capacity: 2 });
  await signInThroughUi(page, email, PASSWORD);
  for (const path of ['/workspace', '/queue']) await expectNoSeriousViolations(page, path);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInThroughUi(page, ADMIN.email, ADMIN.password);
  for (const path of [
    '/admin/dashboard',
    '/admin/agents',
    '/admin/teams',
    '/admin/webhooks',
    '/admin/cases',
    '/admin/mail',
  ])
    await expectNoSeriousViolations(page, path);
});
