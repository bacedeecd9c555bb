import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { agent, customer, opening } from '../../test/conversation-fixtures';
import { stubXhr } from '../../test/fake-xhr';
import { refundHit, returnHit } from '../../test/kb-fixtures';
import { fieldError, jsonResponse, renderWithProviders, sentBodies, stubFetch } from '../../test/render';
import { ArticleSearch } from '../kb';
import { Conversation } from './conversation';

const messagesUrl = '/api/v1/cases/3/messages';

const photo = {
  id: 'att-photo-000000001',
  name: 'cracked-jug.jpg',
  size: 184_320,
  contentType: 'image/jpeg',
  url: '/api/v1/attachments/att-photo-000000001',
  thumbnailUrl: '/api/v1/attachments/att-photo-000000001?thumb=1',
};

/** Serves the thread and accepts one posted message, echoing it back as the API would. */
function stubThread(thread = [opening]) {
  return stubFetch(({ method, url, body }) => {
    if (method === 'GET' && url.startsWith('/api/v1/kb/search?'))
      return jsonResponse({ items: [refundHit, returnHit] });
    if (method === 'GET' && url.startsWith(`${messagesUrl}?`)) return jsonResponse({ items: thread, nextCursor: null });
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

  it("shows a message's photo as a thumbnail under its text, linking to the full image", async () => {
    stubThread([{ ...opening, attachments: [photo] }]);
    renderWithProviders(<Conversation caseId={3} me={agent} />);

    const message = (await screen.findByText('The jug arrived cracked.')).closest('[aria-label]') as HTMLElement;
    const image = within(message).getByRole('img', { name: 'cracked-jug.jpg' });
    expect(image.getAttribute('src')).toBe(photo.thumbnailUrl);
    expect(image.closest('a')?.getAttribute('href')).toBe(photo.url);
  });

  it("sends an internal note with its file's id, holding the button while it uploads, then clears the picker", async () => {
    const fetchMock = stubThread();
    const uploads = stubXhr();
    const user = userEvent.setup();
    renderWithProviders(<Conversation caseId={3} me={agent} />);
    await screen.findByText('The jug arrived cracked.');

    await user.click(screen.getByRole('checkbox', { name: /Internal note/ }));
    await user.type(screen.getByRole('textbox', { name: 'Internal note' }), 'Courier photo');
    await user.upload(
      screen.getByLabelText('Add photos or documents'),
      new File(['x'], 'label.pdf', { type: 'application/pdf' }),
    );
    const add = screen.getByRole<HTMLButtonElement>('button', { name: 'Add note' });
    expect(add.disabled).toBe(true);
    await uploads[0]!.respond(201, {
      id: 'upload-label-0000001',
      name: 'label.pdf',
      size: 1,
      contentType: 'application/pdf',
    });
    await user.click(add);

    await waitFor(() =>
      expect(sentBodies(fetchMock, 'POST', messagesUrl)).toEqual([
        { body: 'Courier photo', internal: true, attachmentIds: ['upload-label-0000001'] },
      ]),
    );
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Files to send' })).toBeNull());
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
