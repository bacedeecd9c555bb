import { expect, type Locator, type Page, test } from '@playwright/test';
import { ADMIN } from '../playwright.config';
import { expectNoSeriousViolationsHere } from './axe';
import { Api, PASSWORD, signInThroughUi, uniqueEmail } from './support';

// Four browsers, four axe runs and a report on a busy 2-core machine.
test.describe.configure({ timeout: 120_000 });

type Policy = { priority: string; firstResponseMinutes: number; resolutionMinutes: number };
type Mail = { to: string; subject: string; text: string };

/** The web app's "25 min", "2 h", "1 h 5 min" (lib/format.ts), to read a due time as the badge says it. */
function minutesInWords(whole: number) {
  if (whole < 60) return `${whole} min`;
  return whole % 60 ? `${Math.floor(whole / 60)} h ${whole % 60} min` : `${whole / 60} h`;
}

/** "first reply due in …" for a due time, give or take the badge's 15-second tick and rounding. */
function dueInWords(target: string, dueAt: string) {
  const left = (Date.parse(dueAt) - Date.now()) / 60_000;
  const choices = [Math.floor(left) - 1, Math.floor(left), Math.ceil(left), Math.ceil(left) + 1].filter((n) => n > 0);
  return new RegExp(`^${target} due in (${choices.map(minutesInWords).join('|')})$`);
}

/** A figure card of the reports page: the value after its label, in the group's section. */
const figure = (page: Page, group: string, label: string) =>
  page
    .getByRole('region', { name: group, exact: true })
    .locator('dt')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .locator('xpath=following-sibling::dd[1]');

const csvHrefOf = async (page: Page) =>
  String(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href'));

/** The rows of the reports table, cell texts only. */
const tableRows = (table: Locator) =>
  table
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => Array.from(row.children, (cell) => cell.textContent)));

let slaBefore: unknown;

test.afterEach(async ({ baseURL }) => {
  // Later specs run on this server: they find the SLA as it was before this one.
  if (!slaBefore) return;
  const { updatedAt: _, ...settings } = slaBefore as { updatedAt: unknown };
  expect((await (await Api.admin(baseURL!)).call('PUT', '/sla', settings)).status).toBe(200);
});

test('an admin sets 24/7 SLA targets; the agent sees the case on track and resolves it; the customer rates it on the page and from the mail; the reports and the CSV agree', async ({
  browser,
  baseURL,
}) => {
  const admin = await Api.admin(baseURL!);
  slaBefore = (await admin.call('GET', '/sla')).body;
  // This test's agent takes every case reported here, and only those: the agent filter isolates them.
  await admin.sendEveryAgentAway();
  const queued = await admin.call('GET', '/cases?status=new&limit=100');
  for (const item of queued.body.items) await admin.call('DELETE', `/cases/${item.id}`);
  const agentName = `Sol Timekeeper ${Date.now()}`;
  const agentEmail = uniqueEmail('sla-agent');
  const agentAdded = await admin.call('POST', '/agents', {
    email: agentEmail,
    name: agentName,
    password: PASSWORD,
    capacity: 5,
  });
  expect(agentAdded.status).toBe(201);
  const agentId: number = agentAdded.body.id;
  const customer = await Api.signup(baseURL!, 'Rhea Rater');

  const adminPage = await (await browser.newContext()).newPage();
  let policies: Policy[] = [];

  await test.step('SLA settings: 24/7 in UTC, a target for every priority, saved and still there after a reload', async () => {
    await signInThroughUi(adminPage, ADMIN.email, ADMIN.password);
    let puts = 0;
    adminPage.on('request', (sent) => {
      if (sent.method() === 'PUT' && new URL(sent.url()).pathname === '/api/v1/sla') puts++;
    });
    await adminPage.goto('/admin/sla');
    await expect(adminPage.getByRole('heading', { level: 1, name: 'SLA' })).toBeVisible();
    await expect(adminPage.getByRole('combobox', { name: 'Time zone' })).toHaveValue('UTC');
    await adminPage.getByRole('button', { name: '24/7' }).click();
    const sunday = adminPage.getByRole('group', { name: 'Sunday' });
    await expect(sunday.getByText('Closed')).toHaveCount(0);
    await expect(sunday.getByRole('combobox', { name: 'Sunday until' })).toHaveValue('24:00');
    for (const priority of ['Urgent', 'High', 'Normal', 'Low']) {
      await adminPage.getByRole('checkbox', { name: priority, exact: true }).check();
    }
    const firstHours = adminPage.getByRole('textbox', { name: 'Normal first response, hours' });
    const firstMinutes = adminPage.getByRole('textbox', { name: 'Normal first response, minutes' });
    const resolutionHours = adminPage.getByRole('textbox', { name: 'Normal resolution, hours' });
    const resolutionMinutes = adminPage.getByRole('textbox', { name: 'Normal resolution, minutes' });

    // A target of nothing: the form checks the body with the contract's schema, so it never reaches the server.
    await resolutionHours.fill('');
    await resolutionMinutes.fill('');
    await adminPage.getByRole('button', { name: 'Save' }).click();
    await expect(resolutionHours).toHaveAccessibleDescription(/must be at least 1 minute/);
    await expect(resolutionHours).toHaveAttribute('aria-invalid', 'true');
    expect(puts).toBe(0);

    await firstHours.fill('1');
    await firstMinutes.fill('0');
    await resolutionHours.fill('8');
    await resolutionMinutes.fill('0');
    await adminPage.getByRole('button', { name: 'Save' }).click();
    await expect(adminPage.getByText('SLA settings saved.')).toBeVisible();
    await expect(adminPage.getByText(/^Last saved /)).toBeVisible();
    await expect(resolutionHours).not.toHaveAttribute('aria-invalid', 'true');
    expect(puts).toBe(1);

    const saved = (await admin.call('GET', '/sla')).body;
    expect(saved.calendar).toEqual({
      timeZone: 'UTC',
      hours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' })),
      holidays: [],
    });
    expect(saved.policies.map((policy: Policy) => policy.priority).sort()).toEqual(['high', 'low', 'normal', 'urgent']);
    expect(saved.policies).toContainEqual({ priority: 'normal', firstResponseMinutes: 60, resolutionMinutes: 480 });
    policies = saved.policies;

    await adminPage.reload();
    await expect(adminPage.getByText(/^Last saved /)).toBeVisible();
    await expect(adminPage.getByRole('combobox', { name: 'Time zone' })).toHaveValue('UTC');
    await expect(adminPage.getByRole('combobox', { name: 'Saturday from' })).toHaveValue('00:00');
    await expect(adminPage.getByRole('combobox', { name: 'Sunday until' })).toHaveValue('24:00');
    for (const priority of ['Urgent', 'High', 'Normal', 'Low']) {
      await expect(adminPage.getByRole('checkbox', { name: priority, exact: true })).toBeChecked();
    }
    await expect(firstHours).toHaveValue('1');
    await expect(firstMinutes).toHaveValue('0');
    await expect(resolutionHours).toHaveValue('8');
    await expectNoSeriousViolationsHere(adminPage, '/admin/sla');
  });

  const subject = 'Blender lid cracked on arrival';
  const customerPage = await (await browser.newContext()).newPage();
  const agentPage = await (await browser.newContext()).newPage();
  let first = { id: 0, number: '' };

  await test.step('the agent sees the reported case on track, with its due time, replies and resolves it', async () => {
    await signInThroughUi(customerPage, customer.email, PASSWORD);
    await customerPage.goto('/cases/new');
    await customerPage.getByLabel('Subject').fill(subject);
    await customerPage
      .getByLabel('What happened?')
      .fill('The lid of my new blender has a crack across it. The box was dented when it arrived.');
    await customerPage.getByRole('button', { name: 'Report case' }).click();
    await expect(customerPage.getByRole('heading', { name: new RegExp(`C-\\d+ ${subject}`) })).toBeVisible();
    // A due time is for staff, not a promise to the customer.
    await expect(customerPage.getByText(/^SLA /)).toHaveCount(0);
    const id = Number(new URL(customerPage.url()).pathname.split('/').pop());
    const reported = (await admin.call('GET', `/cases/${id}`)).body;
    expect(reported.assignee, 'the case went to this test agent').toMatchObject({ id: agentId });
    first = { id, number: reported.number };
    // 24/7: the target is plain wall-clock time after the case was reported.
    const policy = policies.find((candidate) => candidate.priority === reported.priority) as Policy;
    expect(reported.sla.state).toBe('ok');
    expect(Date.parse(reported.sla.firstResponseDueAt) - Date.parse(reported.createdAt)).toBe(
      policy.firstResponseMinutes * 60_000,
    );
    expect(Date.parse(reported.sla.resolutionDueAt) - Date.parse(reported.createdAt)).toBe(
      policy.resolutionMinutes * 60_000,
    );

    await signInThroughUi(agentPage, agentEmail, PASSWORD);
    await agentPage.goto('/workspace');
    const card = agentPage.getByRole('link', { name: `${first.number} ${subject}` });
    await expect(card.getByText('SLA on track', { exact: true })).toBeVisible();
    await expect(card.getByText(dueInWords('first reply', reported.sla.firstResponseDueAt))).toBeVisible();
    const row = agentPage
      .getByRole('row')
      .filter({ has: agentPage.getByRole('link', { name: first.number, exact: true }) });
    await expect(row.getByText('On track', { exact: true })).toBeVisible();
    await expect(row.getByText(dueInWords('first reply', reported.sla.firstResponseDueAt))).toBeVisible();

    await card.click();
    await expect(agentPage.getByRole('heading', { level: 1, name: `${first.number} ${subject}` })).toBeVisible();
    await expect(agentPage.getByText('SLA on track', { exact: true })).toBeVisible();
    await expect(agentPage.getByText(dueInWords('first reply', reported.sla.firstResponseDueAt))).toBeVisible();
    await agentPage
      .getByRole('textbox', { name: 'Reply' })
      .fill('Sorry about the lid! A new one is on its way to you.');
    await agentPage.getByRole('button', { name: 'Send' }).click();
    await expect(agentPage.getByText('A new one is on its way to you.')).toBeVisible();
    // Answered: the clock that matters now is the resolution's.
    await expect(agentPage.getByText(dueInWords('resolution', reported.sla.resolutionDueAt))).toBeVisible();
    await agentPage.getByRole('button', { name: 'Resolve' }).click();
    await expect(agentPage).toHaveURL(/\/workspace$/);
    expect((await admin.call('GET', `/cases/${id}`)).body).toMatchObject({ status: 'resolved', sla: { state: 'met' } });
  });

  await test.step('the customer rates the case 4 on its page; a reload shows it rated', async () => {
    await customerPage.goto(`/cases/${first.id}`);
    const rating = customerPage.getByRole('region', { name: 'Rate this case' });
    await rating.getByRole('radio', { name: '4 — Good' }).check();
    await rating.getByRole('textbox', { name: 'Comment (optional)' }).fill('Quick and friendly, thank you.');
    await rating.getByRole('button', { name: 'Send' }).click();
    await expect(rating.getByRole('status')).toContainText('Thanks — you rated this 4/5');
    await customerPage.reload();
    await expect(rating.getByRole('status')).toContainText('Thanks — you rated this 4/5');
    await expect(rating.getByText('Quick and friendly, thank you.')).toBeVisible();
    await expect(rating.getByRole('radio')).toHaveCount(0);
    expect((await customer.call('GET', `/cases/${first.id}/csat`)).body).toMatchObject({
      rating: 4,
      comment: 'Quick and friendly, thank you.',
    });
    await expectNoSeriousViolationsHere(customerPage, 'the rated case page');

    // Staff see the rating, and the SLA met.
    await agentPage.goto(`/cases/${first.id}`);
    await expect(agentPage.getByText('Rhea Rater rated this 4/5')).toBeVisible();
    await expect(agentPage.getByText('SLA met', { exact: true })).toBeVisible();
  });

  await test.step("a second case is rated 5 from the resolve mail's link, without signing in, once", async () => {
    const reported = await customer.reportCase('Toaster crumb tray missing');
    expect(reported.body.assignee).toMatchObject({ id: agentId });
    const agent = await Api.login(baseURL!, agentEmail, PASSWORD);
    const replied = await agent.call('POST', `/cases/${reported.body.id}/messages`, { body: 'A tray is on its way.' });
    expect(replied.status).toBe(201);
    expect((await agent.call('POST', `/cases/${reported.body.id}/resolve`)).status).toBe(200);

    let mail: Mail | undefined;
    await expect
      .poll(async () => {
        const box = await admin.call('GET', '/mail?limit=100');
        mail = box.body.items.find(
          (item: Mail) => item.to === customer.email && item.subject.startsWith(`[${reported.body.number}] Resolved:`),
        );
        return mail !== undefined;
      })
      .toBe(true);
    const link = new URL(/https?:\/\/\S+\/rate\?token=\S+/.exec(mail!.text)?.[0] ?? '');

    const guest = await (await browser.newContext()).newPage();
    await guest.goto(link.pathname + link.search);
    await expect(guest.getByRole('heading', { level: 1, name: 'Rate your case' })).toBeVisible();
    await expect(guest.getByText(`Case ${reported.body.number}: Toaster crumb tray missing`)).toBeVisible();
    await expect(guest.getByRole('radio', { name: '5 — Very good' })).toBeVisible();
    await expectNoSeriousViolationsHere(guest, '/rate');
    await guest.getByRole('radio', { name: '5 — Very good' }).check();
    await guest.getByRole('button', { name: 'Send' }).click();
    await expect(guest.getByRole('status')).toContainText('Thanks — you rated this 5/5');

    await guest.reload();
    await expect(guest.getByRole('status')).toContainText('Thanks — you rated this 5/5');
    await expect(guest.getByRole('radio')).toHaveCount(0);
    await expect(guest.getByRole('button', { name: 'Send' })).toHaveCount(0);
    // Single use: the link does not take a second rating.
    const again = await guest.request.post('/api/v1/csat', {
      data: { token: link.searchParams.get('token'), rating: 1 },
    });
    expect(again.status()).toBe(409);
  });

  await test.step('reports for the last 7 days match the API and the CSV, for everyone and for this agent', async () => {
    await adminPage.goto('/admin/reports');
    await expect(adminPage.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
    await adminPage.getByRole('combobox', { name: 'Period' }).click();
    await adminPage.getByRole('option', { name: 'Last 7 days' }).click();
    await expect(adminPage).toHaveURL(/[?&]period=7(&|$)/);
    await expect(adminPage.getByText(/\(7 days\), in your time zone\./)).toBeVisible();

    // Everyone's cases: whatever earlier specs left, the page says what the API says for the same period.
    const everyoneHref = await csvHrefOf(adminPage);
    const everyoneQuery = new URL(everyoneHref, baseURL).searchParams;
    expect(Date.parse(everyoneQuery.get('to')!) - Date.parse(everyoneQuery.get('from')!)).toBeGreaterThanOrEqual(
      7 * 86_400_000 - 3_600_000,
    );
    const everyone = (await admin.call('GET', `/reports/summary?${everyoneQuery}`)).body;
    expect(everyone.cases.created).toBeGreaterThanOrEqual(2);
    await expect(figure(adminPage, 'Volume', 'Created')).toHaveText(String(everyone.cases.created));
    await expect(figure(adminPage, 'Volume', 'Resolved')).toHaveText(String(everyone.cases.resolved));
    await expect(figure(adminPage, 'Satisfaction', 'Ratings')).toHaveText(String(everyone.csat.count));
    await expect(figure(adminPage, 'Satisfaction', 'CSAT, average')).toHaveText(
      `${everyone.csat.average.toFixed(1)} / 5`,
    );

    await adminPage.getByRole('combobox', { name: 'Agent' }).click();
    await adminPage.getByRole('combobox', { name: 'Agent' }).fill(agentName);
    await adminPage.getByRole('option', { name: agentName }).click();
    await expect(adminPage).toHaveURL(new RegExp(`[?&]agent=${agentId}(&|$)`));
    await expect(adminPage).toHaveURL(/[?&]period=7(&|$)/);
    await expect(adminPage.getByRole('link', { name: 'Download CSV' })).toHaveAttribute(
      'href',
      new RegExp(`agent=${agentId}`),
    );
    await expect(figure(adminPage, 'Volume', 'Created')).toHaveText('2');
    await expect(figure(adminPage, 'Volume', 'Resolved')).toHaveText('2');
    await expect(figure(adminPage, 'Satisfaction', 'Ratings')).toHaveText('2');
    await expect(figure(adminPage, 'Satisfaction', 'CSAT, average')).toHaveText('4.5 / 5');
    await expect(figure(adminPage, 'SLA', 'First responses in time')).toHaveText('2');
    await expect(figure(adminPage, 'SLA', 'Resolutions in time')).toHaveText('2');
    await expect(figure(adminPage, 'SLA', 'Breaches')).toHaveText('0');
    await expect(figure(adminPage, 'SLA', 'SLA attainment')).toHaveText('100%');

    const href = await csvHrefOf(adminPage);
    const query = new URL(href, baseURL).searchParams;
    expect([query.get('from'), query.get('to')]).toEqual([everyoneQuery.get('from'), everyoneQuery.get('to')]);
    const summary = (await admin.call('GET', `/reports/summary?${query}`)).body;
    expect(summary).toMatchObject({
      cases: { created: 2, resolved: 2, reopened: 0 },
      csat: { count: 2, average: 4.5 },
      sla: { firstResponseMet: 2, resolutionMet: 2, breached: 0, attainment: 1 },
    });

    // The CSV is a plain link: the admin's session cookie downloads it.
    const csv = await adminPage.request.get(href);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const rows = new Map(
      (await csv.text())
        .trim()
        .split(/\r\n/)
        .map((line) => line.split(',') as [string, string]),
    );
    expect(rows.get('figure')).toBe('value');
    expect(rows.get('cases.created')).toBe(await figure(adminPage, 'Volume', 'Created').textContent());
    expect(`${Number(rows.get('csat.average')).toFixed(1)} / 5`).toBe(
      await figure(adminPage, 'Satisfaction', 'CSAT, average').textContent(),
    );
    expect(rows.get('csat.average')).toBe('4.5');
    expect(rows.get('csat.count')).toBe('2');
    expect(rows.get('filter.agent')).toBe(String(agentId));
    expect([rows.get('from'), rows.get('to')]).toEqual([summary.from, summary.to]);

    // The charts' text alternatives: a sentence per chart and a table of every day.
    const overTime = adminPage.getByRole('region', { name: 'Over time' });
    await expect(overTime.getByRole('figure', { name: 'Created and resolved per day' })).toContainText(
      '2 created and 2 resolved',
    );
    await expect(overTime.getByRole('figure', { name: 'SLA breaches per day' })).toContainText('0 targets missed');
    const table = overTime.getByRole('table', { name: 'Per day (UTC), oldest first' });
    await expect(table).toBeVisible();
    const series = (await admin.call('GET', `/reports/series?${query}&interval=day`)).body;
    const days = await tableRows(table);
    expect(days).toHaveLength(series.points.length);
    const total = (column: number) => days.reduce((sum, cells) => sum + Number(cells[column]), 0);
    expect([total(1), total(2), total(3)]).toEqual([2, 2, 0]);
    await expectNoSeriousViolationsHere(adminPage, '/admin/reports');
  });

  await test.step("the dashboard's SLA section lists what the API calls breached and at risk", async () => {
    const breached = (await admin.call('GET', '/cases?sla=breached&limit=10')).body.items;
    const atRisk = (await admin.call('GET', '/cases?sla=at_risk&limit=10')).body.items;
    await adminPage.goto('/admin/dashboard');
    const section = adminPage.getByRole('region', { name: 'SLA', exact: true });
    await expect(section.getByRole('heading', { name: 'SLA' })).toBeVisible();
    if (breached.length + atRisk.length === 0) {
      await expect(section.getByText('Nothing at risk', { exact: true })).toBeVisible();
    } else {
      for (const item of [...breached, ...atRisk]) {
        await expect(section.getByRole('link', { name: `${item.number} ${item.subject}` })).toBeVisible();
      }
    }
    // This test's cases are resolved with every target met: in neither list.
    await expect(section.getByRole('link', { name: new RegExp(first.number) })).toHaveCount(0);
  });
});
