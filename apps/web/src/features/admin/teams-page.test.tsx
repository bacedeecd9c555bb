import type { Team } from '@caseflow/contract';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { jsonResponse, problemResponse, renderWithProviders, sentBodies, stubFetch } from '../../test/render';
import { teamNamed } from '../../test/team-fixtures';
import { agentNamed } from './agent-fixtures';
import TeamsPage from './teams-page';

const ada = agentNamed(1, 'Ada Archer');
const ben = agentNamed(2, 'Ben Baker');
const support = teamNamed(1, 'Support', { isDefault: true, members: [ada, ben] });
const returns = teamNamed(2, 'Returns desk', { categories: ['return_refund', 'damaged_item'], members: [ada] });
const logistics = teamNamed(3, 'Logistics', { categories: ['delivery'] });

/**
 * GET /teams answers the current list; POST adds to it, PUT members replaces a team's members, and
 * DELETE of Logistics is refused because it still holds cases.
 */
function stubTeams() {
  let teams: Team[] = [logistics, returns, support];
  return stubFetch(({ method, url, body }) => {
    const { pathname, searchParams } = new URL(url, 'http://caseflow.test');
    if (method === 'GET' && pathname === '/api/v1/teams') return jsonResponse({ items: teams });
    if (method === 'GET' && pathname === '/api/v1/agents')
      return jsonResponse({ items: searchParams.get('q') === 'ben' ? [ben] : [ada, ben], nextCursor: null });
    if (method === 'POST' && pathname === '/api/v1/teams') {
      const created = { ...teamNamed(4, 'Billing'), ...(body as Partial<Team>) };
      teams = [created, ...teams];
      return jsonResponse(created, 201);
    }
    if (method === 'PUT' && pathname === '/api/v1/teams/2/members') {
      const ids = (body as { agentIds: number[] }).agentIds;
      const members = [ada, ben].filter((agent) => ids.includes(agent.id)).map(({ id, name }) => ({ id, name }));
      const updated = { ...returns, members, memberCount: members.length };
      teams = teams.map((team) => (team.id === 2 ? updated : team));
      return jsonResponse(updated);
    }
    if (method === 'DELETE' && pathname === '/api/v1/teams/3')
      return problemResponse(409, {
        detail: 'the team holds 4 cases; transfer them to another team first',
        errors: [{ path: 'id', message: 'the team holds 4 cases; transfer them to another team first' }],
      });
    return undefined;
  });
}

const rowOf = (name: string) => screen.getByRole('row', { name: new RegExp(`^${name}`) });

describe('TeamsPage', () => {
  it('lists each team with its default badge, the categories it handles and its members', async () => {
    stubTeams();
    renderWithProviders(<TeamsPage />);

    await screen.findByText('Returns desk');
    expect(within(rowOf('Support')).getByText('Default')).toBeTruthy();
    expect(within(rowOf('Support')).getByText('Every category no other team handles')).toBeTruthy();
    expect(within(rowOf('Returns desk')).getByText('Return or refund, Arrived damaged')).toBeTruthy();
    expect(within(rowOf('Support')).getByText('Ada Archer and Ben Baker')).toBeTruthy();
    // The default team can be neither deleted nor made default again.
    expect(within(rowOf('Support')).queryByRole('button', { name: /Delete/ })).toBeNull();
    expect(within(rowOf('Logistics')).getByRole('button', { name: 'Delete Logistics' })).toBeTruthy();
  });

  it('creates a team with the categories chosen, offering no category another team handles', async () => {
    const fetchMock = stubTeams();
    const user = userEvent.setup();
    renderWithProviders(<TeamsPage />);
    await screen.findByText('Returns desk');

    await user.click(screen.getByRole('button', { name: 'Add team' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a team' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Billing');
    await user.click(within(dialog).getByRole('combobox', { name: 'Categories' }));
    const taken = await screen.findByRole('option', { name: 'Delivery or tracking (handled by Logistics)' });
    expect(taken.dataset.comboboxDisabled).toBe('true');
    await user.click(screen.getByRole('option', { name: 'Billing and payments' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add team' }));

    await waitFor(() =>
      expect(sentBodies(fetchMock, 'POST', '/api/v1/teams')).toEqual([
        { name: 'Billing', description: '', categories: ['billing'] },
      ]),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(rowOf('Billing')).getByText('Billing and payments')).toBeTruthy();
  });

  it('replaces the members with the agents chosen, found by searching the server', async () => {
    const fetchMock = stubTeams();
    const user = userEvent.setup();
    renderWithProviders(<TeamsPage />);
    await screen.findByText('Returns desk');

    await user.click(screen.getByRole('button', { name: 'Members of Returns desk' }));
    const dialog = await screen.findByRole('dialog', { name: 'Members of Returns desk' });
    await user.type(within(dialog).getByRole('combobox', { name: 'Members' }), 'ben');
    await waitFor(() =>
      expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual(['Ben Baker']),
    );
    expect(fetchMock.mock.calls.map(([input]) => String(input))).toContain('/api/v1/agents?q=ben');
    await user.click(screen.getByRole('option', { name: 'Ben Baker' }));
    // Ada, the current member, is in no page of that search and still shows by name.
    const pills = [...dialog.querySelectorAll('.mantine-Pill-label')].map((pill) => pill.textContent);
    expect(pills).toEqual(['Ada Archer', 'Ben Baker']);
    await user.click(within(dialog).getByRole('button', { name: 'Save members' }));

    await waitFor(() =>
      expect(sentBodies(fetchMock, 'PUT', '/api/v1/teams/2/members')).toEqual([{ agentIds: [1, 2] }]),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(rowOf('Returns desk')).getByText('Ada Archer and Ben Baker')).toBeTruthy();
  });

  it('keeps the dialog open on 409 and says how to empty a team that still holds cases', async () => {
    stubTeams();
    const user = userEvent.setup();
    renderWithProviders(<TeamsPage />);
    await screen.findByText('Returns desk');

    await user.click(screen.getByRole('button', { name: 'Delete Logistics' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Logistics?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete team' }));

    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'the team holds 4 cases; transfer them to another team first',
    );
    const link = within(dialog).getByRole('link', { name: 'See the cases of Logistics' });
    expect(link.getAttribute('href')).toBe('/admin/cases?team=3');
    expect(rowOf('Logistics')).toBeTruthy();
  });
});
