import { expect, test } from '@playwright/test';
import { Api, PASSWORD, signInThroughUi, uniqueEmail } from './support';

test("a new assignment appears on the agent's workspace without a reload", async ({ page, baseURL }) => {
  const admin = await Api.admin(baseURL!);
  await admin.sendEveryAgentAway();
  const email = uniqueEmail('live-agent');
  await admin.call('POST', '/agents', { email, name: 'Lina Live', password: PASSWORD, capacity: 50 });
  await signInThroughUi(page, email, PASSWORD);
  await page.goto('/workspace');
  await expect(page.getByRole('heading', { name: 'My active cases' })).toBeVisible();
  await page.waitForLoadState('networkidle');

  const customer = await Api.signup(baseURL!, 'Live Customer');
  await customer.reportCase('Headphones crackle');
  // The workspace's fallback poll is 30 s: only the socket can bring the case within this timeout.
  await expect(page.getByRole('link', { name: /Headphones crackle/ })).toBeVisible({ timeout: 5_000 });
});
