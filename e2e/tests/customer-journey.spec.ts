import { expect, test } from '@playwright/test';
import { Api, PASSWORD, uniqueEmail } from './support';

test('a customer signs up, reports a return case and sees it assigned', async ({ page, baseURL }) => {
  const admin = await Api.admin(baseURL!);
  await admin.sendEveryAgentAway();
  await admin.call('POST', '/agents', {
    email: uniqueEmail('agent'),
    name: 'Ada Agent',
    password: PASSWORD,
    capacity: 50,
  });

  await page.goto('/signup');
  await expect(page).toHaveTitle(/Caseflow/);
  await page.getByLabel('Your name').fill('Carla Customer');
  await page.getByLabel('Email').fill(uniqueEmail('carla'));
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('must be at least 10 characters')).toBeVisible();
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page.getByRole('heading', { name: 'Report a case' })).toBeVisible();
  await page.getByRole('button', { name: 'Report case' }).click();
  await expect(page.getByText('Required').first()).toBeVisible();
  await page.getByLabel('Order number').fill('ORD-4242');
  await page.getByLabel('Product').fill('Blender X2');
  await page.getByRole('combobox', { name: 'Reason' }).click();
  await page.getByRole('option', { name: 'Damaged' }).click();
  await page.getByRole('combobox', { name: 'What would you like?' }).click();
  await page.getByRole('option', { name: 'Refund' }).click();
  await page.getByLabel('Subject').fill('Blender arrived cracked');
  await page.getByLabel('What happened?').fill('The jar is cracked; I would like a refund.');
  await page.getByRole('button', { name: 'Report case' }).click();

  await expect(page.getByRole('heading', { name: /C-\d+ Blender arrived cracked/ })).toBeVisible();
  await expect(page.getByText('Open', { exact: true })).toBeVisible();
  await expect(page.getByText('Ada Agent').first()).toBeVisible();
  await page.getByRole('link', { name: 'My cases' }).click();
  await expect(page.getByRole('cell', { name: 'Blender arrived cracked' })).toBeVisible();
});
