import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { agent, customer, opening } from '../../test/conversation-fixtures';
import { fieldError, jsonResponse, renderWithProviders, sentBodies, stubFetch } from '../../test/render';
import { Conversation } from './conversation';

const messagesUrl = '/api/v1/cases/3/messages';

/** Serves the thread and accepts one posted message, echoing it back as the API would. */
function stubThread() {
  return stubFetch(({ method, url, body }) => {
    if (method === 'GET' && url.startsWith(`${messagesUrl}?`))
      return jsonResponse({ items: [opening], nextCursor: null });
    if (method === 'POST' && url === messagesUrl) {
      const posted = body as { body: string; internal: boolean };
      return jsonResponse({ ...opening, id: 11, author: { id: 2, name: 'Alex Agent', role: 'agent' }, ...posted }, 201);
    }
    return undefined;
  });
}

describe('Conversation', () => {
  it('offers a customer no internal note and sends their reply as public', async () => {
    const fetchMock = stubThread();
    const user = userEvent.setup();
    renderWithProviders(<Conversation caseId={3} me={customer} />);

    expect(await screen.findByText('The jug arrived cracked.')).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: /Internal note/ })).toBeNull();

    await user.type(screen.getByRole('textbox', { name: 'Reply' }), 'Any news?');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    await waitFor(() =>
      expect(sentBodies(fetchMock, 'POST', messagesUrl)).toEqual([{ body: 'Any news?', internal: false }]),
    );
  });

  it('lets an agent write an internal note and sends it with internal: true', async () => {
    const fetchMock = stubThread();
    const user = userEvent.setup();
    renderWithProviders(<Conversation caseId={3} me={agent} />);

    expect(await screen.findByText('The jug arrived cracked.')).toBeTruthy();
    const internal = screen.getByRole('checkbox', { name: /Internal note/ });
    expect((internal as HTMLInputElement).checked).toBe(false);

    await user.click(internal);
    await user.type(screen.getByRole('textbox', { name: 'Internal note' }), 'Check stock');
    await user.click(screen.getByRole('button', { name: 'Add note' }));

    await waitFor(() =>
      expect(sentBodies(fetchMock, 'POST', messagesUrl)).toEqual([{ body: 'Check stock', internal: true }]),
    );
    // After sending, the box is back to a public reply, so the next message is not hidden by accident.
    await waitFor(() => expect((internal as HTMLInputElement).checked).toBe(false));
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
  });

  it('does not send an empty reply', async () => {
    const fetchMock = stubThread();
    const user = userEvent.setup();
    renderWithProviders(<Conversation caseId={3} me={agent} />);

    await screen.findByText('The jug arrived cracked.');
    const reply = screen.getByRole('textbox', { name: 'Reply' });
    await user.type(reply, '   ');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    expect(fieldError(reply)).toBe('Required');
    expect(sentBodies(fetchMock, 'POST', messagesUrl)).toEqual([]);
  });
});
