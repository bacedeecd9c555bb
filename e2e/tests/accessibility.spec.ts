import { expect, test } from '@playwright/test';
import { ADMIN } from '../playwright.config';
import { expectNoSeriousViolations, expectNoSeriousViolationsHere } from './axe';
import { Api, PASSWORD, signInThroughUi, uniqueEmail } from './support';

// Each test audits four to six pages; a full axe run takes seconds on a busy 2-core machine.
test.describe.configure({ timeout: 120_000 });

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
    '/admin/widget',
  ])
    await expectNoSeriousViolations(page, path);
});

test('knowledge base pages have no serious accessibility violations', async ({ page, baseURL }) => {
  const admin = await Api.admin(baseURL!);
  const slug = `axe-article-${Date.now()}`;
  const article = await admin.call('POST', '/kb/articles', {
    slug,
    title: 'Axe check: change your delivery address',
    category: 'account',
    status: 'published',
    body: '## Before it ships\n\nChange the **delivery address** from your order page until the parcel ships.',
  });
  expect(article.status).toBe(201);
  const email = uniqueEmail('axe-kb-agent');
  await admin.call('POST', '/agents', { email, name: 'Axe Writer', password: PASSWORD, capacity: 2 });
  const customer = await Api.signup(baseURL!, 'Axe Asker');
  const created = await customer.reportCase('Accessibility check of the reply tools');

  await signInThroughUi(page, email, PASSWORD);
  for (const path of ['/kb', '/kb/new', `/kb/${slug}/edit`]) await expectNoSeriousViolations(page, path);
  await page.goto(`/cases/${created.body.id}`);
  await page.getByRole('searchbox', { name: 'Search articles' }).fill('delivery address');
  await expect(page.getByRole('button', { name: /^Insert link to Axe check/ })).toBeVisible();
  await expectNoSeriousViolationsHere(page, 'case page with knowledge base results');
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signInThroughUi(page, customer.email, PASSWORD);
  await page.goto('/cases/new');
  await page.getByLabel('Subject').fill('Wrong address');
  await page.getByLabel('What happened?').fill('I typed the wrong delivery address, can I change it?');
  const suggestion = page.getByRole('button', { name: /^Axe check: change your delivery address/ });
  await expect(suggestion).toBeVisible();
  await expectNoSeriousViolationsHere(page, 'new case with suggestions');
  await suggestion.click();
  // Audited once it has faded in: half-transparent text mid-transition is no contrast failure.
  await expect(page.getByRole('dialog', { name: 'Axe check: change your delivery address' })).toHaveCSS('opacity', '1');
  await expectNoSeriousViolationsHere(page, 'suggested article dialog');
});
