import type { Case, Dashboard, KbStats } from '@caseflow/contract';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { emptyKbStats, kbStats } from '../../test/kb-fixtures';
import { jsonResponse, renderWithProviders, stubFetch } from '../../test/render';
import { openCase } from '../../test/team-fixtures';
import DashboardPage from './dashboard-page';

/** A quiet support center: nobody queued, no agents, nothing in the last day. */
const quiet: Dashboard = {
  queue: { size: 0, oldestCreatedAt: null, oldestWaitSeconds: null },
  cases: { new: 0, open: 0, pending: 0 },
  agentTotals: { total: 0, available: 0, busy: 0, away: 0, activeCases: 0, capacity: 0 },
  agents: [],
  hourly: [],
  teams: [],
  generatedAt: '2025-01-02T10:00:00.000Z',
};

const page = (items: Case[]) => jsonResponse({ items, nextCursor: null });

function renderDashboard(stats: KbStats, sla: { atRisk: Case[]; breached: Case[] } = { atRisk: [], breached: [] }) {
  const fetchMock = stubFetch(({ method, url }) => {
    if (method === 'GET' && url === '/api/v1/dashboard') return jsonResponse(quiet);
    if (method === 'GET' && url === '/api/v1/kb/stats') return jsonResponse(stats);
    if (method === 'GET' && url === '/api/v1/cases?sla=at_risk&limit=10') return page(sla.atRisk);
    if (method === 'GET' && url === '/api/v1/cases?sla=breached&limit=10') return page(sla.breached);
    return undefined;
  });
  renderWithProviders(<DashboardPage />);
  return fetchMock;
}

describe('DashboardPage deflection', () => {
  it('shows the deflection rate with its counts and the articles that answered the most', async () => {
    renderDashboard(kbStats);

    const section = await screen.findByRole('region', { name: 'Deflection' });
    expect(await within(section).findByText('25%')).toBeTruthy();
    expect(
      within(section).getByText('1 question answered by an article, 3 cases reported after suggestions'),
    ).toBeTruthy();
    const top = within(section).getByRole('list', { name: 'Articles that answered the most questions' });
    const link = within(top).getByRole('link', { name: 'When will I get my refund?' });
    expect(link.getAttribute('href')).toBe('/help/refund-timing');
    expect(within(top).getByRole('listitem').textContent).toBe('When will I get my refund? — 1 question');
  });

  it('says there is no data yet rather than a rate of nothing', async () => {
    renderDashboard(emptyKbStats);

    const section = await screen.findByRole('region', { name: 'Deflection' });
    expect(await within(section).findByText(/^No data yet/)).toBeTruthy();
    expect(within(section).queryByText('0%')).toBeNull();
    expect(within(section).queryByRole('list')).toBeNull();
  });
});

describe('DashboardPage SLA', () => {
  const due = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

  it('lists the breached and the at-risk cases, each linking to its page', async () => {
    const late = {
      ...openCase,
      id: 8,
      number: 'C-0008',
      subject: 'Parcel lost',
      sla: { state: 'breached' as const, firstResponseDueAt: due(-90), resolutionDueAt: due(600) },
    };
    const close = {
      ...openCase,
      sla: { state: 'at_risk' as const, firstResponseDueAt: due(10), resolutionDueAt: due(600) },
    };
    renderDashboard(emptyKbStats, { atRisk: [close], breached: [late] });

    const section = await screen.findByRole('region', { name: 'SLA' });
    const breached = await within(section).findByRole('list', { name: 'Breached' });
    expect(within(breached).getByRole('link', { name: 'C-0008 Parcel lost' }).getAttribute('href')).toBe('/cases/8');
    expect(within(breached).getByText('first reply overdue by 1 h 30 min')).toBeTruthy();
    const atRisk = within(section).getByRole('list', { name: 'At risk' });
    expect(within(atRisk).getByRole('link', { name: 'C-0007 Charged twice' }).getAttribute('href')).toBe('/cases/7');
    expect(within(atRisk).getByText('At risk')).toBeTruthy();
  });

  it('says nothing is at risk when both lists are empty', async () => {
    renderDashboard(emptyKbStats);
    const section = await screen.findByRole('region', { name: 'SLA' });
    expect(await within(section).findByText('Nothing at risk')).toBeTruthy();
    expect(within(section).queryByRole('list')).toBeNull();
  });
});
