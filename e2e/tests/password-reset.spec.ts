import { expect, test } from '@playwright/test';
import { ADMIN } from '../playwright.config';
import { Api, signInThroughUi } from './support';

test('a customer resets a forgotten password with the link an admin finds in the mailbox (keyboard only)', async ({
  browser,
  baseURL,
}) => {
  const customer = await Api.signup(baseURL!, 'Forgetful Fran');
  const page = await (await browser.newContext()).newPage();
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).focus();
  await page.keyboard.press('Enter');
  // The sign-in page has an Email field too: wait until the reset page has replaced it.
  await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
  await page.getByLabel('Email').focus();
  await page.keyboard.type(customer.email);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('If an account exists for that address');

  const adminPage = await (await browser.newContext()).newPage();
  await signInThroughUi(adminPage, ADMIN.email, ADMIN.password);
  await adminPage.goto('/admin/mail');
  await adminPage.getByText('Reset your Caseflow password').first().click();
  const link = await adminPage
    .getByRole('link', { name: /reset-password\?token=/ })
    .first()
    .getAttribute('href');
  expect(link).toBeTruthy();

  await page.goto(new URL(link!).pathname + new URL(link!).search);
  await page.getByRole('textbox', { name: 'New password' }).fill('Brand-new-pass-99');
  await page.getByRole('textbox', { name: 'Repeat it' }).fill('Brand-new-pass-99');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Your password is set');
  await signInThroughUi(page, customer.email, 'Brand-new-pass-99');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});
