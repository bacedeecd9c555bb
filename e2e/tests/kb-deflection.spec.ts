import AxeBuilder from '@axe-core/playwright';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { ADMIN } from '../playwright.config';
import { Api, PASSWORD, signInThroughUi, uniqueEmail } from './support';

// Two browsers (agent, customer), two form visits and the admin's checks on a busy 2-core machine.
test.describe.configure({ timeout: 120_000 });

const ARTICLE = {
  title: 'When will my refund arrive?',
  slug: 'when-will-my-refund-arrive',
  body: '## Timing\n\nYour refund reaches your **original payment method** 5–10 business days after the returned parcel arrives at our warehouse.',
};

async function signedInPage(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await signInThroughUi(page, email, PASSWORD);
  return page;
}

/** The customer describes their problem in their own words: no "refund" anywhere. */
async function describeProblem(page: Page) {
  await page.goto('/cases/new');
  await page.getByLabel('Subject').fill('Money back for the kettle');
  await page.getByLabel('What happened?').fill('I sent the kettle back last week. When do I get my money back?');
  const suggestions = page.getByRole('region', { name: 'Suggested help articles' });
  await expect(suggestions.getByRole('status')).toContainText(/help articles? may answer this/);
  await suggestions.getByRole('button', { name: new RegExp(ARTICLE.title.replace('?', '\\?')) }).click();
  const dialog = page.getByRole('dialog', { name: ARTICLE.title });
  await expect(dialog.getByText(/5–10 business days after the returned parcel arrives/)).toBeVisible();
  return dialog;
}

test('an agent publishes an article; it answers one customer visit with no case, and the next goes on to a case', async ({
  browser,
  baseURL,
}) => {
  const admin = await Api.admin(baseURL!);
  const agentEmail = uniqueEmail('kb-agent');
  await admin.call('POST', '/agents', { email: agentEmail, name: 'Kim Writer', password: PASSWORD, capacity: 2 });
  const before = (await admin.call('GET', '/kb/stats')).body;

  // The agent writes the article in the editor and publishes it.
  const agentPage = await signedInPage(browser, agentEmail);
  await agentPage.getByRole('link', { name: 'Knowledge base' }).click();
  await expect(agentPage.getByRole('heading', { level: 1, name: 'Knowledge base' })).toBeVisible();
  await agentPage.getByRole('link', { name: 'New article' }).click();
  await agentPage.getByRole('textbox', { name: 'Title' }).fill(ARTICLE.title);
  await expect(agentPage.getByRole('textbox', { name: 'Slug' })).toHaveValue(ARTICLE.slug);
  await agentPage.getByRole('combobox', { name: 'Category' }).click();
  await agentPage.getByRole('option', { name: 'Return or refund' }).click();
  await agentPage.getByRole('combobox', { name: 'Tags' }).fill('refund');
  await agentPage.getByRole('combobox', { name: 'Tags' }).press('Enter');
  await agentPage.getByRole('radio', { name: /Published/ }).check();
  await agentPage.getByRole('textbox', { name: 'Body (Markdown)' }).fill(ARTICLE.body);
  const preview = agentPage.getByRole('region', { name: 'Preview' });
  await expect(preview.getByRole('heading', { name: 'Timing' })).toBeVisible();
  await expect(preview.locator('strong')).toHaveText('original payment method');
  await agentPage.getByRole('button', { name: 'Create article' }).click();
  await expect(agentPage.getByRole('heading', { level: 1, name: 'Edit article' })).toBeVisible();
  await expect(agentPage).toHaveURL(new RegExp(`/kb/${ARTICLE.slug}/edit$`));
  const published = await admin.call('GET', `/kb/articles/${ARTICLE.slug}`);
  expect(published.body).toMatchObject({ title: ARTICLE.title, status: 'published', tags: ['refund'] });

  // First visit: the article answers the question.
  const customer = await Api.signup(baseURL!, 'Dana Deflected');
  const customerPage = await signedInPage(browser, customer.email);
  const dialog = await describeProblem(customerPage);
  await dialog.getByRole('button', { name: 'This answered my question' }).click();
  await expect(customerPage.getByRole('heading', { level: 1, name: 'Glad that helped' })).toBeVisible();
  await expect(customerPage.getByRole('link', { name: 'Back to My cases' })).toHaveAttribute('href', '/cases');

  await expect.poll(async () => (await admin.call('GET', '/kb/stats')).body.deflected).toBe(before.deflected + 1);
  const afterDeflection = (await admin.call('GET', '/kb/stats')).body;
  expect(afterDeflection.casesAfterSuggestions).toBe(before.casesAfterSuggestions);
  expect(afterDeflection.topDeflecting).toContainEqual({ slug: ARTICLE.slug, title: ARTICLE.title, deflected: 1 });
  expect((await customer.call('GET', '/cases')).body.items).toEqual([]);

  // Second visit: the customer still needs help, their text is kept, and the case counts after suggestions.
  const again = await describeProblem(customerPage);
  await again.getByRole('button', { name: 'I still need help' }).click();
  await expect(again).toBeHidden();
  await expect(customerPage.getByLabel('Subject')).toHaveValue('Money back for the kettle');
  await customerPage.getByRole('button', { name: 'Report case' }).click();
  await expect(customerPage.getByRole('heading', { name: /C-\d+ Money back for the kettle/ })).toBeVisible();

  await expect
    .poll(async () => (await admin.call('GET', '/kb/stats')).body.casesAfterSuggestions)
    .toBe(before.casesAfterSuggestions + 1);
  const after = (await admin.call('GET', '/kb/stats')).body;
  expect(after).toMatchObject({ deflected: before.deflected + 1, wentOn: before.wentOn + 1 });
  expect((await customer.call('GET', '/cases')).body.items).toHaveLength(1);

  // The admin's dashboard shows the rate and the article that answered.
  const adminPage = await (await browser.newContext()).newPage();
  await signInThroughUi(adminPage, ADMIN.email, ADMIN.password);
  const deflection = adminPage.getByRole('region', { name: 'Deflection' });
  await expect(deflection.getByText(`${Math.round(after.deflectionRate * 100)}%`, { exact: true })).toBeVisible();
  await expect(deflection.getByRole('link', { name: ARTICLE.title })).toHaveAttribute('href', `/help/${ARTICLE.slug}`);
});

test('the help center pages pass axe and work without JavaScript', async ({ browser, page, baseURL }) => {
  const admin = await Api.admin(baseURL!);
  const slug = `parcel-lockers-${Date.now()}`;
  const created = await admin.call('POST', '/kb/articles', {
    slug,
    title: 'Pick up your parcel from a locker',
    category: 'delivery',
    status: 'published',
    body: 'Choose **a parcel locker** at checkout. We send you a pick-up code when the parcel is in the locker; it waits there for 7 days.',
  });
  expect(created.status).toBe(201);

  for (const path of ['/help', `/help/${slug}`, '/help?q=parcel+locker+code']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((violation) => `${path}: ${violation.id} (${violation.impact})`)).toEqual([]);
  }

  const noScript = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await noScript.goto(`/help/${slug}`);
  await expect(noScript.getByRole('heading', { level: 1, name: 'Pick up your parcel from a locker' })).toBeVisible();
  await expect(noScript.getByText(/We send you a pick-up code when the parcel is in the locker/)).toBeVisible();
  await expect(noScript.locator('strong', { hasText: 'a parcel locker' })).toBeVisible();
  await expect(noScript).toHaveTitle(/Pick up your parcel from a locker/);

  // Search is a plain GET form: it works without scripts too, and its result is a plain link.
  await noScript.goto('/help');
  await noScript.getByRole('searchbox').fill('where do I collect my parcel');
  await noScript.getByRole('searchbox').press('Enter');
  await expect(noScript).toHaveURL(/\/help\?q=/);
  await noScript.getByRole('link', { name: 'Pick up your parcel from a locker' }).click();
  await expect(noScript).toHaveURL(new RegExp(`/help/${slug}$`));
});
