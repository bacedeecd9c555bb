import type { ReportSeries, ReportSummary } from '@caseflow/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fieldError, jsonResponse, problemResponse, renderWithProviders, stubFetch } from '../../test/render';
import { teamNamed } from '../../test/team-fixtures';
import { agentNamed } from '../admin/agent-fixtures';
import ReportsPage from './reports-page';

// Noon on 31 January, local time: "the last 7 days" are 25 to 31 January.
const TODAY = new Date(2025, 0, 31, 12, 0);
const midnight = (day: number) => new Date(2025, 0, day).toISOString();

const summary: ReportSummary = {
  from: midnight(2),
  to: midnight(32),
  cases: { created: 12, resolved: 8, reopened: 2 },
  reopenRate: 0.25,
  firstResponse: { medianMinutes: 90, p90Minutes: null },
  resolution: { medianMinutes: 1500, p90Minutes: 2880 },
  wait: { medianMinutes: 4.4 },
  sla: { firstResponseMet: 7, resolutionMet: 5, breached: 3, attainment: 0.8 },
  csat: { count: 6, average: 4.333 },
  deflection: { shown: 20, deflected: 5, rate: 0.25 },
};
const empty: ReportSummary = {
  ...summary,
  cases: { created: 0, resolved: 0, reopened: 0 },
  reopenRate: null,
  firstResponse: { medianMinutes: null, p90Minutes: null },
  resolution: { medianMinutes: null, p90Minutes: null },
  wait: { medianMinutes: null },
  sla: { firstResponseMet: 0, resolutionMet: 0, breached: 0, attainment: null },
  csat: { count: 0, average: null },
  deflection: { shown: 0, deflected: 0, rate: null },
};
const series: ReportSeries = {
  interval: 'day',
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  points: [
    { start: midnight(29), created: 3, resolved: 1, breached: 0, firstResponseMedianMinutes: 20, csatAverage: null },
    { start: midnight(30), created: 5, resolved: 4, breached: 2, firstResponseMedianMinutes: 75, csatAverage: 4.5 },
    { start: midnight(31), created: 1, resolved: 3, breached: 1, firstResponseMedianMinutes: null, csatAverage: 4 },
  ],
};

const search = (params: Record<string, string>) => new URLSearchParams(params).toString();

function stubReports(answer: ReportSummary | Response = summary) {
  return stubFetch(({ method, url }) => {
    if (method !== 'GET') return undefined;
    if (url.startsWith('/api/v1/reports/summary?')) return answer instanceof Response ? answer : jsonResponse(answer);
    if (url.startsWith('/api/v1/reports/series?')) return jsonResponse(series);
    if (url === '/api/v1/teams') return jsonResponse({ items: [teamNamed(1, 'Support'), teamNamed(2, 'Billing')] });
    if (url.startsWith('/api/v1/agents?'))
      return jsonResponse({ items: [agentNamed(4, 'Ada Archer')], nextCursor: null });
    if (url === '/api/v1/agents/4') return jsonResponse(agentNamed(4, 'Ada Archer'));
    return undefined;
  });
}

const requested = (fetchMock: ReturnType<typeof stubFetch>, prefix: string) =>
  fetchMock.mock.calls.map(([input]) => String(input)).filter((url) => url.startsWith(prefix));

/** The figure shown under a card's label. */
const figure = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;

describe('ReportsPage', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(TODAY);
  });
  afterEach(() => vi.useRealTimers());

  it('shows every figure of the summary: minutes as h/min, shares as %, nothing measured as a dash', async () => {
    stubReports();
    renderWithProviders(<ReportsPage />, { route: '/admin/reports' });

    expect(await screen.findByText('Created', { selector: 'dt' })).toBeTruthy();
    expect(figure('Created')).toBe('12');
    expect(figure('Resolved')).toBe('8');
    expect(figure('Reopened')).toBe('2');
    expect(figure('Reopen rate')).toBe('25%');
    expect(figure('First response, median')).toBe('1 h 30 min');
    expect(figure('First response, 90th percentile')).toBe('—');
    expect(figure('Resolution, median')).toBe('25 h');
    expect(figure('Resolution, 90th percentile')).toBe('48 h');
    expect(figure('Queue wait, median')).toBe('4 min');
    expect(figure('SLA attainment')).toBe('80%');
    expect(figure('First responses in time')).toBe('7');
    expect(figure('Resolutions in time')).toBe('5');
    expect(figure('Breaches')).toBe('3');
    expect(figure('CSAT, average')).toBe('4.3 / 5');
    expect(figure('Ratings')).toBe('6');
    expect(figure('Deflection rate')).toBe('25%');
    expect(figure('Saw suggestions')).toBe('20');
    expect(figure('Deflected')).toBe('5');
  });

  it('gives the charts a text alternative and lists every point in a table', async () => {
    stubReports();
    renderWithProviders(<ReportsPage />, { route: '/admin/reports' });

    const table = await screen.findByRole('table', { name: /^Per day \(.+\), oldest first$/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.children].slice(1).map((cell) => cell.textContent))).toEqual([
      ['3', '1', '0', '20 min', '—'],
      ['5', '4', '2', '1 h 15 min', '4.5'],
      ['1', '3', '1', '—', '4.0'],
    ]);
    expect(screen.getByRole('figure', { name: /Created and resolved per day/ }).textContent).toContain(
      '9 created and 8 resolved; the most on',
    );
    expect(screen.getByRole('figure', { name: /First response, median per day/ }).textContent).toContain(
      'Between 20 min and 1 h 15 min over the 2 days with a first response.',
    );
    expect(screen.getByRole('figure', { name: /SLA breaches per day/ }).textContent).toContain('3 targets missed');
  });

  it('asks for the period and filters chosen, and the CSV link carries the same query', async () => {
    const fetchMock = stubReports();
    const user = userEvent.setup();
    renderWithProviders(<ReportsPage />, { route: '/admin/reports' });
    await screen.findByText('Created', { selector: 'dt' });
    // The last 30 days by default, today included.
    expect(requested(fetchMock, '/api/v1/reports/summary?')).toEqual([
      `/api/v1/reports/summary?${search({ from: midnight(2), to: midnight(32) })}`,
    ]);

    await user.click(screen.getByRole('combobox', { name: 'Period' }));
    await user.click(await screen.findByRole('option', { name: 'Last 7 days' }));
    await user.click(screen.getByRole('combobox', { name: 'Team' }));
    await user.click(await screen.findByRole('option', { name: 'Billing' }));
    await user.click(screen.getByRole('combobox', { name: 'Agent' }));
    await user.click(await screen.findByRole('option', { name: 'Ada Archer' }));
    await user.click(screen.getByRole('combobox', { name: 'Category' }));
    await user.click(await screen.findByRole('option', { name: 'Billing and payments' }));
    await user.click(screen.getByRole('combobox', { name: 'Priority' }));
    await user.click(await screen.findByRole('option', { name: 'Urgent' }));

    const query = search({
      from: midnight(25),
      to: midnight(32),
      team: '2',
      agent: '4',
      category: 'billing',
      priority: 'urgent',
    });
    await waitFor(() =>
      expect(requested(fetchMock, '/api/v1/reports/summary?')).toContain(`/api/v1/reports/summary?${query}`),
    );
    expect(requested(fetchMock, '/api/v1/reports/series?')).toContain(`/api/v1/reports/series?${query}&interval=day`);
    const csv = screen.getByRole('link', { name: 'Download CSV' });
    expect(csv.getAttribute('href')).toBe(`/api/v1/reports/summary.csv?${query}`);
    expect(csv.hasAttribute('download')).toBe(true);
  });

  it('takes custom dates, both included, and refuses a period that ends before it starts', async () => {
    const fetchMock = stubReports();
    const user = userEvent.setup();
    renderWithProviders(<ReportsPage />, { route: '/admin/reports?period=custom&from=2025-01-10&to=2025-01-10' });
    await screen.findByText('Created', { selector: 'dt' });
    // One day: hourly points.
    const day = search({ from: midnight(10), to: midnight(11) });
    expect(requested(fetchMock, '/api/v1/reports/summary?')).toEqual([`/api/v1/reports/summary?${day}`]);
    expect(requested(fetchMock, '/api/v1/reports/series?')).toEqual([`/api/v1/reports/series?${day}&interval=hour`]);

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2025-01-20' } });
    expect(fieldError(screen.getByLabelText('From'))).toBe('The first day must not be after the last.');
    expect(screen.queryByRole('link', { name: 'Download CSV' })).toBeNull();
    expect(requested(fetchMock, '/api/v1/reports/summary?')).toHaveLength(1);
    await user.click(screen.getByRole('combobox', { name: 'Period' }));
    await user.click(await screen.findByRole('option', { name: 'Last 90 days' }));
    expect(screen.queryByLabelText('From')).toBeNull();
  });

  it('says so when nothing happened in the period', async () => {
    stubReports(empty);
    renderWithProviders(<ReportsPage />, { route: '/admin/reports' });
    expect(await screen.findByText('No cases in this period')).toBeTruthy();
    expect(screen.queryByText('Created', { selector: 'dt' })).toBeNull();
  });

  it('shows a failed load with a way to try again', async () => {
    stubReports(problemResponse(500, { detail: 'The report could not be computed.' }));
    renderWithProviders(<ReportsPage />, { route: '/admin/reports' });
    expect((await screen.findByRole('alert')).textContent).toContain('The report could not be computed.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
