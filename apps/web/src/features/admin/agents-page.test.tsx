import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { useLiveUpdates } from '../../lib/live-updates';
import { jsonResponse, problemResponse, renderWithProviders, stubFetch } from '../../test/render';
import { agentNamed } from './agent-fixtures';
import AgentsPage from './agents-page';

/** The socket boundary: a stand-in connection through which the test pushes server events. */
const socket = vi.hoisted(() => {
  const listeners: ((name: string, payload: unknown) => void)[] = [];
  return {
    listeners,
    connected: true,
    on: () => {},
    onAny: (listener: (name: string, payload: unknown) => void) => listeners.push(listener),
    disconnect: () => {
      listeners.length = 0;
    },
  };
});
vi.mock('socket.io-client', () => ({ io: vi.fn(() => socket) }));

const firstPage = [agentNamed(1, 'Ada Archer'), agentNamed(2, 'Ben Baker')];
const secondPage = [agentNamed(3, 'Cy Carter')];

/** The agent list: two pages without a search; a search for "cy" finds Cy only, "zz" finds nobody. */
function stubAgents(options: { failing?: boolean } = {}) {
  return stubFetch(({ method, url }) => {
    const { pathname, searchParams } = new URL(url, 'http://caseflow.test');
    if (method !== 'GET' || pathname !== '/api/v1/agents') return undefined;
    if (options.failing) return problemResponse(503, { detail: 'The database is unavailable.' });
    const q = searchParams.get('q');
    if (q === 'cy') return jsonResponse({ items: secondPage, nextCursor: null });
    if (q) return jsonResponse({ items: [], nextCursor: null });
    return searchParams.get('cursor') === 'page-2'
      ? jsonResponse({ items: secondPage, nextCursor: null })
      : jsonResponse({ items: firstPage, nextCursor: 'page-2' });
  });
}

const agentListCalls = (fetchMock: ReturnType<typeof stubFetch>) =>
  fetchMock.mock.calls.map(([input]) => String(input)).filter((url) => url.startsWith('/api/v1/agents?'));
const shownNames = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[0]?.querySelector('p')?.textContent);

function LivePage() {
  useLiveUpdates(99);
  return <AgentsPage />;
}

describe('AgentsPage', () => {
  it('shows the first page and loads the next one on request, until there is no more', async () => {
    const fetchMock = stubAgents();
    const user = userEvent.setup();
    renderWithProviders(<AgentsPage />);

    await screen.findByText('Ben Baker');
    expect(shownNames()).toEqual(['Ada Archer', 'Ben Baker']);
    await user.click(screen.getByRole('button', { name: 'Load more agents' }));

    await screen.findByText('Cy Carter');
    expect(shownNames()).toEqual(['Ada Archer', 'Ben Baker', 'Cy Carter']);
    expect(screen.queryByRole('button', { name: 'Load more agents' })).toBeNull();
    expect(agentListCalls(fetchMock)).toEqual(['/api/v1/agents?', '/api/v1/agents?cursor=page-2']);
  });

  it('searches names and emails on the server once typing pauses, and says when nothing matches', async () => {
    const fetchMock = stubAgents();
    const user = userEvent.setup();
    renderWithProviders(<AgentsPage />);
    await screen.findByText('Ben Baker');

    await user.type(screen.getByRole('searchbox', { name: 'Search agents' }), ' cy');
    await waitFor(() => expect(shownNames()).toEqual(['Cy Carter']));
    // One request for the pause, not one per keystroke; the spaces around the search are not sent.
    expect(agentListCalls(fetchMock)).toEqual(['/api/v1/agents?', '/api/v1/agents?q=cy']);
    expect(screen.queryByRole('button', { name: 'Load more agents' })).toBeNull();

    await user.clear(screen.getByRole('searchbox', { name: 'Search agents' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search agents' }), 'zz');
    await screen.findByText('No agent matches “zz”.');
  });

  it('says why the list failed and offers to try again', async () => {
    stubAgents({ failing: true });
    renderWithProviders(<AgentsPage />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The database is unavailable.');
    within(alert).getByRole('button', { name: 'Try again' });
  });

  it('refetches every loaded page when an agent changes elsewhere (agent.updated)', async () => {
    const fetchMock = stubAgents();
    const user = userEvent.setup();
    renderWithProviders(<LivePage />);
    await screen.findByText('Ben Baker');
    await user.click(screen.getByRole('button', { name: 'Load more agents' }));
    await screen.findByText('Cy Carter');
    await waitFor(() => expect(socket.listeners).toHaveLength(1));
    fetchMock.mockClear();

    act(() => {
      for (const listener of socket.listeners) listener('agent.updated', { agentId: 2 });
    });

    await waitFor(() => expect(agentListCalls(fetchMock)).toEqual(['/api/v1/agents?', '/api/v1/agents?cursor=page-2']));
    expect(shownNames()).toEqual(['Ada Archer', 'Ben Baker', 'Cy Carter']);
  });
});
