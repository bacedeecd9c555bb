import { expect, test } from '@playwright/test';
import { ADMIN } from '../playwright.config';
import { expectNoSeriousViolationsHere } from './axe';
import { Api, PASSWORD, signInThroughUi } from './support';

// Two axe runs and a retrain on a busy 2-core machine.
test.describe.configure({ timeout: 90_000 });

test('a smoking kettle is triaged defective and urgent; an admin corrects its tags, sees the correction and retrains', async ({
  browser,
  baseURL,
}) => {
  const admin = await Api.admin(baseURL!);
  const before = await admin.call('GET', '/triage/stats');
  expect(before.status).toBe(200);

  const customer = await Api.signup(baseURL!, 'Kim Kettle');
  const customerPage = await (await browser.newContext()).newPage();
  await signInThroughUi(customerPage, customer.email, PASSWORD);
  await customerPage.goto('/cases/new');
  await customerPage.getByLabel('Subject').fill('Kettle started smoking');
  await customerPage
    .getByLabel('What happened?')
    .fill('My new kettle started to smoke and smell of burning plastic the second time I used it. I want a refund.');
  await customerPage.getByRole('button', { name: 'Report case' }).click();
  await expect(customerPage.getByRole('heading', { name: /C-\d+ Kettle started smoking/ })).toBeVisible();
  // Triage is for staff: the customer's page has no panel and no "why".
  await expect(customerPage.getByRole('heading', { name: 'Triage' })).toHaveCount(0);
  await expect(customerPage.getByRole('button', { name: 'Why?' })).toHaveCount(0);
  const caseUrl = customerPage.url();
  const caseId = Number(new URL(caseUrl).pathname.split('/').pop());

  const page = await (await browser.newContext()).newPage();
  await signInThroughUi(page, ADMIN.email, ADMIN.password);
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByRole('heading', { name: 'Triage' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Category' })).toHaveValue('Faulty or stopped working');
  await expect(page.getByRole('combobox', { name: 'Priority' })).toHaveValue('Urgent');
  await expect(page.getByRole('progressbar', { name: "Triage's confidence in the category" })).toBeVisible();
  await page.getByRole('button', { name: 'Why?' }).click();
  await expect(
    page
      .getByRole('list', { name: 'Reasons' })
      .getByText(/^rule: safety/)
      .first(),
  ).toBeVisible();
  await expectNoSeriousViolationsHere(page, 'triage journey, step 1');

  // The admin adds a tag triage missed: typed in capitals, kept as a lower-case word.
  const triaged = await admin.call('GET', `/cases/${caseId}`);
  const tags: string[] = triaged.body.triage.tags;
  await page.getByRole('combobox', { name: 'Tags' }).fill('Kettle');
  await page.getByRole('combobox', { name: 'Tags' }).press('Enter');
  await page.getByRole('button', { name: 'Save triage' }).click();
  await expect(page.getByText(/The change of tags is recorded as a correction of triage/)).toBeVisible();
  await expect(page.getByText(/^Tags .* → .*kettle by /)).toBeVisible();
  const corrected = await admin.call('GET', `/cases/${caseId}`);
  expect(corrected.body.tags).toEqual([...tags, 'kettle']);
  expect(corrected.body).toMatchObject({ category: 'defective', priority: 'urgent' });

  await page.getByRole('link', { name: 'Triage' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Triage' })).toBeVisible();
  const model = page.getByRole('region', { name: 'Model' });
  await expect(model.getByText('Corrections').locator('xpath=following-sibling::*[1]')).toHaveText(
    String(before.body.corrections + 1),
  );
  await expect(page.getByRole('table').getByRole('row', { name: /Faulty or stopped working/ })).toBeVisible();
  await expectNoSeriousViolationsHere(page, 'triage journey, step 2');

  await model.getByRole('button', { name: 'Retrain now' }).click();
  await expect(
    model.getByText(/^Retrained: version .+, on \d+ examples \(\d+ corrections?\), in [\d.]+ s\.$/),
  ).toBeVisible({
    timeout: 30_000,
  });
  const after = await admin.call('GET', '/triage/stats');
  expect(after.body.corrections).toBe(before.body.corrections + 1);
  await expect(model.getByText(after.body.version, { exact: true })).toBeVisible();
});
