/** Axe audits shared by the specs: a serious or critical violation fails the test, named by where it was found. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function expectNoSeriousViolations(page: Page, path: string) {
  await page.goto(path);
  await expectNoSeriousViolationsHere(page, path);
}

/** The page as it is now (a dialog open, results shown), named `label` in the failure. */
export async function expectNoSeriousViolationsHere(page: Page, label: string) {
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(
    serious.map(
      (violation) =>
        `${label}: ${violation.id} (${violation.impact}) ${violation.nodes.map((node) => node.target).join(' ')}`,
    ),
  ).toEqual([]);
}
