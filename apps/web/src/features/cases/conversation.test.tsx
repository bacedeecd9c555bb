import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { agent, customer, opening } from '../../test/conversation-fixtures';
import { refundHit, returnHit } from '../../test/kb-fixtures';
import { fieldError, jsonResponse, renderWithProviders, sentBodies, stubFetch } from '../../test/render';
import { ArticleSearch } from '../kb';
import { Conversation } from './conversation';

const messagesUrl = '/api/v1/cases/3/messages';

/** Serves the thread and accepts one posted message, echoing it back as the API would. */
function stubThread() {
  return stubFetch(({ method, url, body }) => {
    if (method === 'GET' && url.startsWith('/api/v1/kb/search?'))
      return jsonResponse({ items: [refundHit, returnHit] });
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

  it("inserts a found article's link at the reply's cursor, the cursor then after it", async () => {
    const fetchMock = stubThread();
    const user = userEvent.setup();
    renderWithProviders(
      <Conversation caseId={3} me={agent} replyTools={(insert) => <ArticleSearch onInsertLink={insert} />} />,
    );
    await screen.findByText('The jug arrived cracked.');
    const reply = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Reply' });
    await user.type(reply, 'Hello, see  for the timing.');
    reply.setSelectionRange('Hello, see '.length, 'Hello, see '.length);

    await user.type(screen.getByRole('searchbox', { name: 'Search articles' }), 'refund');
    await user.click(await screen.findByRole('button', { name: 'Insert link to When will I get my refund?' }));

    const link = `[When will I get my refund?](${window.location.origin}/help/refund-timing)`;
    expect(reply.value).toBe(`Hello, see ${link} for the timing.`);
    await waitFor(() => expect(document.activeElement).toBe(reply));
    expect(reply.selectionStart).toBe(`Hello, see ${link}`.length);
    expect(new URL(String(fetchMock.mock.calls.at(-1)?.[0]), 'http://test').searchParams.get('q')).toBe('refund');

    // A second link follows the first where the cursor was left, a space apart.
    await user.click(screen.getByRole('button', { name: 'Insert link to Start a return online' }));
    const second = `[Start a return online](${window.location.origin}/help/start-a-return)`;
    expect(reply.value).toBe(`Hello, see ${link} ${second} for the timing.`);
  });
});
