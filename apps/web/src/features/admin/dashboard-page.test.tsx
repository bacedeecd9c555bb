import type { Dashboard, KbStats } from '@caseflow/contract';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { emptyKbStats, kbStats } from '../../test/kb-fixtures';
import { jsonResponse, renderWithProviders, stubFetch } from '../../test/render';
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

function renderDashboard(stats: KbStats) {
  stubFetch(({ method, url }) => {
    if (method === 'GET' && url === '/api/v1/dashboard') return jsonResponse(quiet);
    if (method === 'GET' && url === '/api/v1/kb/stats') return jsonResponse(stats);
    return undefined;
  });
  renderWithProviders(<DashboardPage />);
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
