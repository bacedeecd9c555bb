import { expect, test } from '@playwright/test';
import { expectNoSeriousViolationsHere } from './axe';
import { Api, PASSWORD, signInThroughUi, uniqueEmail } from './support';

// An axe run on a busy 2-core machine takes seconds.
test.describe.configure({ timeout: 90_000 });

test("an agent approves a customer's return from the case page, and the customer reads where it stands", async ({
  browser,
  baseURL,
}) => {
  const admin = await Api.admin(baseURL!);
  const agentEmail = uniqueEmail('returns-agent');
  const added = await admin.call('POST', '/agents', {
    email: agentEmail,
    name: 'Rita Returns',
    password: PASSWORD,
    capacity: 50,
  });
  expect(added.status).toBe(201);
  const customer = await Api.signup(baseURL!, 'Rob Return');
  const reported = await customer.reportCase('Cracked blender jug');
  expect(reported.status).toBe(201);
  const { id, return: caseReturn } = reported.body as { id: number; return: { rma: string } };

  const agentPage = await (await browser.newContext()).newPage();
  await signInThroughUi(agentPage, agentEmail, PASSWORD);
  await agentPage.goto(`/cases/${id}`);
  const panel = agentPage.getByRole('region', { name: `Return ${caseReturn.rma}` });
  await expect(panel.getByText('Requested').first()).toBeVisible();
  await expectNoSeriousViolationsHere(agentPage, 'case page with a return (staff)');

  await panel.getByRole('button', { name: 'Approve…' }).click();
  const dialog = agentPage.getByRole('dialog');
  await dialog.getByLabel('Reason').fill('The photos show the crack clearly.');
  // Audited once it has faded in: half-transparent text mid-transition is no contrast failure.
  await expect(dialog).toHaveCSS('opacity', '1');
  await expectNoSeriousViolationsHere(agentPage, 'the move dialog');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByRole('button', { name: 'Send label…' })).toBeVisible();
  await expect(panel.getByRole('list', { name: 'History of the return' })).toContainText('Approved');

  const customerPage = await (await browser.newContext()).newPage();
  await signInThroughUi(customerPage, customer.email, PASSWORD);
  await customerPage.goto(`/cases/${id}`);
  const own = customerPage.getByRole('region', { name: `Your return ${caseReturn.rma}` });
  await expect(own).toContainText('We have approved your return');
  await expect(own).toContainText('The photos show the crack clearly.');
  await expect(own.getByRole('button')).toHaveCount(0);
  await expectNoSeriousViolationsHere(customerPage, 'case page with a return (customer)');
});
