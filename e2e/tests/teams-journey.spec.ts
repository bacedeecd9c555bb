import { expect, test } from '@playwright/test';
import { ADMIN } from '../playwright.config';
import { Api, PASSWORD, signInThroughUi, uniqueEmail } from './support';

test('an admin sets up a billing team; a billing case reaches its member, who transfers a misrouted one to Support', async ({
  browser,
  baseURL,
}) => {
  const admin = await Api.admin(baseURL!);
  await admin.sendEveryAgentAway();
  const billName = `Bill ${Date.now()}`;
  const billEmail = uniqueEmail('bill');
  const bill = await admin.call('POST', '/agents', {
    email: billEmail,
    name: billName,
    password: PASSWORD,
    capacity: 3,
  });
  // Teams of earlier runs on this server may hold the billing category; this test's team takes it.
  const teams = await admin.call('GET', '/teams');
  for (const team of teams.body.items.filter((item: { categories: string[] }) => item.categories.includes('billing'))) {
    await admin.call('PATCH', `/teams/${team.id}`, { categories: [] });
  }
  // Bill works billing only: he leaves Support, which every new agent joins.
  const support = teams.body.items.find((team: { isDefault: boolean }) => team.isDefault);
  const others = support.members.map((member: { id: number }) => member.id).filter((id: number) => id !== bill.body.id);
  await admin.call('PUT', `/teams/${support.id}/members`, { agentIds: others });

  const adminPage = await (await browser.newContext()).newPage();
  await signInThroughUi(adminPage, ADMIN.email, ADMIN.password);
  await adminPage.goto('/admin/teams');
  await adminPage.getByRole('button', { name: 'Add team' }).click();
  const teamName = `Billing ${Date.now()}`;
  const dialog = adminPage.getByRole('dialog');
  await dialog.getByLabel('Name').fill(teamName);
  await dialog.getByRole('combobox', { name: 'Categories' }).click();
  await adminPage.getByRole('option', { name: /^Billing/ }).click();
  await adminPage.keyboard.press('Escape');
  await dialog.getByRole('button', { name: 'Add team' }).click();
  await expect(adminPage.getByRole('dialog')).toHaveCount(0);
  await expect(adminPage.getByRole('button', { name: `Members of ${teamName}` })).toBeVisible();

  await adminPage.getByRole('button', { name: `Members of ${teamName}` }).click();
  const members = adminPage.getByRole('dialog');
  await members.getByRole('combobox', { name: 'Members' }).fill(billName);
  await adminPage.getByRole('option', { name: billName }).click();
  await members.getByRole('heading', { name: `Members of ${teamName}` }).click();
  await members.getByRole('button', { name: 'Save members' }).click();
  await expect(adminPage.getByRole('dialog')).toHaveCount(0);

  const customer = await Api.signup(baseURL!, 'Carla Charged');
  const charged = await customer.call('POST', '/cases', {
    subject: 'Charged twice for order 7781',
    description: 'My card shows two payments for the same order.',
    category: 'billing',
  });
  expect(charged.body).toMatchObject({ team: { name: teamName }, assignee: { name: billName } });

  const agentPage = await (await browser.newContext()).newPage();
  await signInThroughUi(agentPage, billEmail, PASSWORD);
  await agentPage.getByRole('link', { name: /Charged twice for order 7781/ }).click();
  await expect(agentPage.getByText(teamName).first()).toBeVisible();
  await agentPage.getByRole('button', { name: 'Transfer…' }).click();
  const transfer = agentPage.getByRole('dialog');
  await transfer.getByRole('combobox', { name: 'Move to team' }).click();
  await agentPage.getByRole('option', { name: 'Support' }).click();
  await transfer.getByRole('textbox', { name: 'Internal note' }).fill('Not a billing question after all.');
  await transfer.getByRole('button', { name: 'Transfer' }).click();
  await expect(agentPage.getByText('Not a billing question after all.')).toBeVisible();

  const after = await admin.call('GET', `/cases/${charged.body.id}`);
  // Every Support agent is away: the case waits in Support's queue, no longer with Bill.
  expect(after.body).toMatchObject({ team: { name: 'Support' }, status: 'new', assignee: null });
});
