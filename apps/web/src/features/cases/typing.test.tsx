import type { TypingEvent, User } from '@caseflow/contract';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useLiveUpdates } from '../../lib/live-updates';
import { agent, customer, opening } from '../../test/conversation-fixtures';
import { jsonResponse, renderWithProviders, stubFetch } from '../../test/render';
import { Conversation } from './conversation';
import { TYPING_SEND_EVERY_MS, TYPING_SHOWN_MS } from './typing';

/** The socket boundary: a stand-in connection that records what the app sends and lets the test push events. */
const socket = vi.hoisted(() => {
  const state = { emitted: [] as unknown[][], onAny: [] as ((name: string, payload: unknown) => void)[] };
  return {
    state,
    connected: true,
    io: { on: () => {} },
    on: () => {},
    onAny: (listener: (name: string, payload: unknown) => void) => state.onAny.push(listener),
    emit: (...args: unknown[]) => state.emitted.push(args),
    disconnect: () => {
      state.onAny.length = 0;
    },
  };
});
vi.mock('socket.io-client', () => ({ io: vi.fn(() => socket) }));

function Screen({ me }: { me: User }) {
  useLiveUpdates(me.id);
  return <Conversation caseId={3} me={me} />;
}

/** Renders the case's conversation with its live connection open. */
async function renderCase(me: User) {
  stubFetch(({ method, url }) =>
    method === 'GET' && url.startsWith('/api/v1/cases/3/messages?')
      ? jsonResponse({ items: [opening], nextCursor: null })
      : undefined,
  );
  renderWithProviders(<Screen me={me} />);
  await screen.findByText('The jug arrived cracked.');
  await waitFor(() => expect(socket.state.onAny).toHaveLength(1));
}

const push = (event: Omit<TypingEvent, 'at'>) =>
  act(() => {
    for (const listener of socket.state.onAny) listener('message.typing', { ...event, at: new Date().toISOString() });
  });
const typingSent = () => socket.state.emitted.filter(([name]) => name === 'typing').map(([, body]) => body);

describe('typing indicator', () => {
  afterEach(() => {
    vi.useRealTimers();
    socket.state.emitted.length = 0;
    vi.mocked(io).mockClear();
  });

  it('shows who else is typing in this case, politely announced, until a few seconds after their last notice', async () => {
    await renderCase(customer);
    const status = screen.getByRole('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toBe('');

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    push({ caseId: 4, userId: 2, name: 'Someone Else', role: 'agent', internal: false });
    push({ caseId: 3, userId: 2, name: 'Alex Agent', role: 'agent', internal: false });
    expect(status.textContent).toBe('Alex Agent is typing…');

    act(() => vi.advanceTimersByTime(TYPING_SHOWN_MS - 1_000));
    push({ caseId: 3, userId: 5, name: 'Sam Support', role: 'admin', internal: false });
    expect(status.textContent).toBe('Alex Agent and Sam Support are typing…');
    act(() => vi.advanceTimersByTime(1_000));
    expect(status.textContent).toBe('Sam Support is typing…');
    act(() => vi.advanceTimersByTime(TYPING_SHOWN_MS));
    expect(status.textContent).toBe('');
  });

  it('sends one typing notice per interval while the user types', async () => {
    const user = userEvent.setup();
    await renderCase(agent);
    // The clock stands still while typing, so the whole burst falls in one interval however slow jsdom is.
    vi.useFakeTimers({ toFake: ['Date'] });
    const reply = screen.getByRole('textbox', { name: 'Reply' });
    await user.type(reply, 'On it');
    expect(typingSent()).toEqual([{ caseId: 3, internal: false }]);
    vi.setSystemTime(Date.now() + TYPING_SEND_EVERY_MS - 1);
    await user.type(reply, '!');
    expect(typingSent()).toHaveLength(1);
    vi.setSystemTime(Date.now() + 1);
    await user.type(reply, '!');
    expect(typingSent()).toEqual([
      { caseId: 3, internal: false },
      { caseId: 3, internal: false },
    ]);
  });

  it('marks the notice internal while an agent writes a note', async () => {
    const user = userEvent.setup();
    await renderCase(agent);
    await user.click(screen.getByRole('checkbox', { name: /Internal note/ }));
    expect(typingSent()).toEqual([]);
    vi.useFakeTimers({ toFake: ['Date'] });
    await user.type(screen.getByRole('textbox', { name: 'Internal note' }), 'Check stock');
    expect(typingSent()).toEqual([{ caseId: 3, internal: true }]);
  });
});
