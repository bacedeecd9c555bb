import { expect, test } from '@playwright/test';
import { Api, PASSWORD, signInThroughUi } from './support';

test("a customer cannot open another customer's case", async ({ page, baseURL }) => {
  const owner = await Api.signup(baseURL!, 'Owner');
  const created = await owner.reportCase('Private matter');
  const other = await Api.signup(baseURL!, 'Nosy Neighbour');

  await signInThroughUi(page, other.email, PASSWORD);
  await page.goto(`/cases/${created.body.id}`);
  await expect(page.getByRole('heading', { name: 'Case not found' })).toBeVisible();
  await expect(page.getByText('Private matter')).toHaveCount(0);
});
