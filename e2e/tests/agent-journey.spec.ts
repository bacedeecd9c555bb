import { expect, test } from '@playwright/test';
import { ADMIN } from '../playwright.config';
import { Api, PASSWORD, signInThroughUi, uniqueEmail } from './support';

test('an admin adds an agent, who works and resolves a case and gets the queued one next', async ({
  browser,
  baseURL,
}) => {
  const admin = await Api.admin(baseURL!);
  await admin.sendEveryAgentAway();
  // Clear what earlier tests left in the queue so this test decides what the new agent gets.
  const queued = await admin.call('GET', '/cases?status=new&limit=100');
  for (const item of queued.body.items) await admin.call('DELETE', `/cases/${item.id}`);
  const first = await (await Api.signup(baseURL!, 'Fiona First')).reportCase('Kettle leaks');
  const second = await (await Api.signup(baseURL!, 'Sam Second')).reportCase('Toaster lever sticks');
  expect([first.body.status, second.body.status]).toEqual(['new', 'new']);

  const adminPage = await (await browser.newContext()).newPage();
  await signInThroughUi(adminPage, ADMIN.email, ADMIN.password);
  await adminPage.goto('/admin/agents');
  await adminPage.getByRole('button', { name: 'Add agent' }).click();
  const dialog = adminPage.getByRole('dialog');
  const agentEmail = uniqueEmail('nora');
  await dialog.getByLabel('Name').fill('Nora Newhire');
  await dialog.getByLabel('Email').fill(agentEmail);
  await dialog.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Add agent' }).click();
  await expect(adminPage.getByRole('button', { name: 'Edit Nora Newhire' })).toBeVisible();
  await adminPage.getByRole('button', { name: 'History of Nora Newhire' }).click();
  await expect(adminPage.getByRole('dialog').getByText(/Added with capacity 1 by/)).toBeVisible();
  await adminPage.keyboard.press('Escape');

  const agentPage = await (await browser.newContext()).newPage();
  await signInThroughUi(agentPage, agentEmail, PASSWORD);
  await expect(agentPage.getByRole('link', { name: /Kettle leaks/ })).toBeVisible();
  await agentPage.getByRole('link', { name: /Kettle leaks/ }).click();
  await agentPage.getByRole('textbox', { name: 'Reply' }).fill('Sorry about that! A replacement is on its way.');
  await agentPage.getByRole('button', { name: 'Send' }).click();
  await expect(agentPage.getByText('A replacement is on its way.')).toBeVisible();
  await agentPage.getByRole('button', { name: 'Resolve' }).click();

  await expect(agentPage).toHaveURL(/\/workspace$/);
  await expect(agentPage.getByRole('link', { name: /Toaster lever sticks/ })).toBeVisible();
  const after = await admin.call('GET', `/cases/${second.body.id}`);
  expect(after.body).toMatchObject({ status: 'open', assignee: { name: 'Nora Newhire' } });
});
