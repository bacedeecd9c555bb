import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderWithProviders, stubFetch } from '../../test/render';
import { agentNamed } from './agent-fixtures';
import { AgentSelect } from './agent-select';

const ada = agentNamed(1, 'Ada Archer');
const ben = agentNamed(2, 'Ben Baker');
// Found by email only: her name does not contain the search.
const zoe = { ...agentNamed(42, 'Zoe Zimmer'), email: 'returns-desk@shop.test' };

/** The first page holds Ada and Ben and says there are more; "desk" finds Zoe; GET /agents/42 is Zoe. */
function stubAgents() {
  return stubFetch(({ method, url }) => {
    const { pathname, searchParams } = new URL(url, 'http://caseflow.test');
    if (method !== 'GET') return undefined;
    if (pathname === '/api/v1/agents/42') return jsonResponse(zoe);
    if (pathname !== '/api/v1/agents') return undefined;
    return searchParams.get('q') === 'desk'
      ? jsonResponse({ items: [zoe], nextCursor: null })
      : jsonResponse({ items: [ada, ben], nextCursor: 'more' });
  });
}

function Picker({ initial = null, onChange }: { initial?: string | null; onChange: (value: string | null) => void }) {
  const [value, setValue] = useState<string | null>(initial);
  return (
    <AgentSelect
      label="Assignee"
      fixedOptions={[{ value: 'any', label: 'Anyone' }]}
      value={value}
      onChange={(next) => {
        setValue(next);
        onChange(next);
      }}
    />
  );
}

const optionNames = () => screen.queryAllByRole('option').map((option) => option.textContent);

describe('AgentSelect', () => {
  it('offers the first page of agents and says more can be found by typing', async () => {
    stubAgents();
    const user = userEvent.setup();
    renderWithProviders(<Picker onChange={vi.fn()} />);

    await user.click(screen.getByRole('combobox', { name: 'Assignee' }));

    await waitFor(() =>
      expect(optionNames()).toEqual(['Anyone', 'Ada Archer', 'Ben Baker', 'More agents: type a name or email']),
    );
    expect(screen.getByRole('option', { name: 'More agents: type a name or email' }).dataset.comboboxDisabled).toBe(
      'true',
    );
  });

  it('asks the server for what is typed and offers its matches, even ones found by email', async () => {
    const fetchMock = stubAgents();
    const onChange = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<Picker onChange={onChange} />);

    await user.type(screen.getByRole('combobox', { name: 'Assignee' }), 'desk');
    await waitFor(() => expect(optionNames()).toEqual(['Anyone', 'Zoe Zimmer']));
    expect(fetchMock.mock.calls.map(([input]) => String(input))).toContain('/api/v1/agents?q=desk');

    await user.click(screen.getByRole('option', { name: 'Zoe Zimmer' }));
    expect(onChange).toHaveBeenCalledWith('42');
    expect(screen.getByRole<HTMLInputElement>('combobox', { name: 'Assignee' }).value).toBe('Zoe Zimmer');

    // The chosen name now fills the input; reopening offers every agent again rather than searching for it.
    await user.click(screen.getByRole('combobox', { name: 'Assignee' }));
    await waitFor(() => expect(optionNames()).toContain('Ada Archer'));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(fetchMock.mock.calls.map(([input]) => String(input))).not.toContain('/api/v1/agents?q=Zoe+Zimmer');
  });

  it('shows the chosen agent by name when it is in no loaded page', async () => {
    stubAgents();
    renderWithProviders(<Picker initial="42" onChange={vi.fn()} />);

    await waitFor(() =>
      expect(screen.getByRole<HTMLInputElement>('combobox', { name: 'Assignee' }).value).toBe('Zoe Zimmer'),
    );
  });
});
