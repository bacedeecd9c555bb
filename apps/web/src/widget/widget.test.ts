import type { WidgetConfig, WidgetConversation, WidgetMessage } from '@caseflow/contract';
import { configure, waitFor, within } from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WidgetApi } from './api';
import { NOT_AVAILABLE, WidgetError } from './problem';
import type { RealtimeHandlers } from './realtime';
import { createWidgetStorage, storageKey } from './storage';
import { createWidget } from './widget';

const BASE = 'https://support.example';
const config: WidgetConfig = { color: '#ffe066', greeting: 'Hello from the shop', agentsAvailable: true };
const message = (id: number, from: 'guest' | 'agent', body: string, authorName = 'Ada'): WidgetMessage => ({
  id,
  from,
  authorName,
  body,
  createdAt: '2026-03-01T10:00:00.000Z',
});
const conversation = (extra: Partial<WidgetConversation> = {}): WidgetConversation => ({
  caseId: 42,
  number: 'C-0042',
  status: 'new',
  agentName: null,
  agentsAvailable: true,
  messages: [message(1, 'guest', 'My tent leaks')],
  ...extra,
});

function setup(api: Partial<WidgetApi> = {}) {
  const handlers: RealtimeHandlers[] = [];
  const connection = { typing: vi.fn(), close: vi.fn() };
  const fullApi: WidgetApi = {
    config: vi.fn(async () => config),
    start: vi.fn(async () => ({ token: 'guest-token', conversation: conversation() })),
    conversation: vi.fn(async () => conversation()),
    send: vi.fn(async (_token: string, body: string) => message(2, 'guest', body)),
    ...api,
  };
  const widget = createWidget({
    doc: document,
    api: fullApi,
    storage: createWidgetStorage(
      BASE,
      () => localStorage,
      () => sessionStorage,
    ),
    connect: (_token, realtime) => {
      handlers.push(realtime);
      return connection;
    },
  });
  const mounted = widget.mount();
  // Queried from inside the shadow root, as a page cannot query it.
  const screen = within(widget.shadow.querySelector<HTMLElement>('.root')!);
  return { api: fullApi, widget, mounted, screen, handlers, connection, user: userEvent.setup() };
}

// jsdom applies no shadow-root stylesheet and caches computed styles across `hidden` changes there, so
// Testing Library's own visibility check is wrong inside the widget: queries see everything, and these
// tests say what must be shown or hidden through `isShown` (the real browser test checks it by sight).
configure({ defaultHidden: true });
const isShown = (element: Element) => {
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (node instanceof HTMLElement && node.hidden) return false;
  }
  return true;
};
const shown = (elements: Element[]) => elements.filter(isShown);

describe('the chat widget', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  afterEach(() => {
    document.body.replaceChildren();
    vi.useRealTimers();
  });

  it('opens from its launcher with the focus inside, and Escape closes it back to the launcher', async () => {
    const { screen, user, mounted, widget } = setup();
    await mounted;
    const launcher = screen.getByRole('button', { name: 'Chat with us' });
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(widget.shadow.getElementById(launcher.getAttribute('aria-controls')!)?.getAttribute('role')).toBe('dialog');
    await user.click(launcher);
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    const dialog = screen.getByRole('dialog');
    expect(dialog.getAttribute('aria-label')).toBe('Chat with us');
    expect(isShown(dialog)).toBe(true);
    expect(widget.shadow.activeElement).toBe(screen.getByLabelText('Your name'));
    expect(screen.getByText('Hello from the shop')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(isShown(screen.getByRole('dialog'))).toBe(false);
    expect(widget.shadow.activeElement).toBe(launcher);
    expect(sessionStorage.getItem(`${storageKey(BASE)}:open`)).toBeNull();
  });

  it("uses the shop's colour with readable text", async () => {
    const { widget, mounted } = setup();
    await mounted;
    const root = widget.shadow.querySelector<HTMLElement>('.root')!;
    expect(root.style.getPropertyValue('--accent')).toBe('#ffe066');
    expect(root.style.getPropertyValue('--on-accent')).toBe('#000000');
  });

  it('checks the form before sending and shows the refusals by their fields', async () => {
    const start = vi.fn(async () => {
      throw new WidgetError(422, 'invalid', 'Invalid.', { email: 'This email cannot start a chat here.' });
    });
    const { screen, user, mounted } = setup({ start });
    await mounted;
    await user.click(screen.getByRole('button', { name: 'Chat with us' }));
    await user.click(screen.getByRole('button', { name: 'Start chat' }));
    expect(start).not.toHaveBeenCalled();
    expect(screen.getByText('Enter your name.')).toBeTruthy();
    expect(screen.getByLabelText('Your name').getAttribute('aria-invalid')).toBe('true');
    await user.type(screen.getByLabelText('Your name'), 'Ada');
    await user.type(screen.getByLabelText('Email'), 'agent@shop.example');
    await user.type(screen.getByLabelText('How can we help?'), 'Hello');
    await user.click(screen.getByRole('button', { name: 'Start chat' }));
    expect(await screen.findByText('This email cannot start a chat here.')).toBeTruthy();
    expect(screen.getByLabelText('Email').getAttribute('aria-describedby')).toBeTruthy();
    expect(shown(screen.queryAllByRole('alert'))).toEqual([]);
  });

  it('says when to try again after too many attempts', async () => {
    const start = vi.fn(async () => {
      throw new WidgetError(429, 'rate_limited', 'Too many attempts, try again in 30 s.');
    });
    const { screen, user, mounted } = setup({ start });
    await mounted;
    await user.click(screen.getByRole('button', { name: 'Chat with us' }));
    await user.type(screen.getByLabelText('Your name'), 'Ada');
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('How can we help?'), 'Hello');
    await user.click(screen.getByRole('button', { name: 'Start chat' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Too many attempts, try again in 30 s.');
  });

  it('starts a conversation, keeps its token and goes live', async () => {
    const { screen, user, mounted, api, handlers, widget } = setup();
    await mounted;
    await user.click(screen.getByRole('button', { name: 'Chat with us' }));
    await user.type(screen.getByLabelText('Your name'), ' Ada ');
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('How can we help?'), 'My tent leaks');
    await user.click(screen.getByRole('button', { name: 'Start chat' }));
    expect(await screen.findByText('Case C-0042')).toBeTruthy();
    expect(api.start).toHaveBeenCalledWith({ name: 'Ada', email: 'ada@example.com', message: 'My tent leaks' });
    expect(localStorage.getItem(storageKey(BASE))).toBe('{"token":"guest-token"}');
    expect(handlers).toHaveLength(1);
    expect(widget.shadow.activeElement).toBe(screen.getByLabelText('Your message'));
    expect(screen.getByRole('log').textContent).toContain('My tent leaks');
  });

  it('shows names and messages holding HTML as text', async () => {
    localStorage.setItem(storageKey(BASE), '{"token":"guest-token"}');
    const hostile = conversation({
      agentName: '<b>Eve</b>',
      messages: [
        message(1, 'guest', '<img src=x onerror="window.pwned=1">', '<script>alert(1)</script>'),
        message(2, 'agent', '<a href="javascript:alert(1)">click</a>', '<i>Agent</i>'),
      ],
    });
    const { widget, mounted } = setup({ conversation: vi.fn(async () => hostile) });
    await mounted;
    const log = widget.shadow.querySelector('[role="log"]')!;
    expect(log.querySelector('img, script, a, b, i')).toBeNull();
    expect(log.textContent).toContain('<img src=x onerror="window.pwned=1">');
    expect(log.textContent).toContain('<script>alert(1)</script> (you)');
    expect(log.textContent).toContain('<i>Agent</i>');
    expect(widget.shadow.querySelector('.case-line')?.textContent).toBe('Case C-0042 · <b>Eve</b> is helping you');
  });

  it('reopens a stored conversation, and the open panel, after a reload', async () => {
    localStorage.setItem(storageKey(BASE), '{"token":"guest-token"}');
    sessionStorage.setItem(`${storageKey(BASE)}:open`, '1');
    const { screen, mounted, api } = setup();
    await mounted;
    expect(api.conversation).toHaveBeenCalledWith('guest-token');
    expect(isShown(screen.getByRole('dialog'))).toBe(true);
    expect(screen.getByText('Case C-0042')).toBeTruthy();
  });

  it('forgets a dead token and offers the form again', async () => {
    localStorage.setItem(storageKey(BASE), '{"token":"dead"}');
    const { screen, mounted } = setup({
      conversation: vi.fn(async () => {
        throw new WidgetError(401, 'unauthenticated', 'closed');
      }),
    });
    await mounted;
    expect(localStorage.getItem(storageKey(BASE))).toBeNull();
    expect(screen.getByLabelText('Your name')).toBeTruthy();
  });

  it('refuses plainly on a site that is not listed', async () => {
    const { screen, mounted, user, api } = setup({
      config: vi.fn(async () => {
        throw new WidgetError(403, 'forbidden', NOT_AVAILABLE);
      }),
    });
    await mounted;
    await user.click(screen.getByRole('button', { name: 'Chat with us' }));
    expect(screen.getByRole('alert').textContent).toBe('This chat is not available on this site.');
    expect(screen.queryByLabelText('Your name')).toBeNull();
    expect(api.start).not.toHaveBeenCalled();
  });

  it('refetches on events, shows who is typing for a few seconds, and who is away', async () => {
    localStorage.setItem(storageKey(BASE), '{"token":"guest-token"}');
    const replies = [
      conversation({ agentsAvailable: false }),
      conversation({
        agentName: 'Lina',
        messages: [message(1, 'guest', 'My tent leaks'), message(3, 'agent', 'On it', 'Lina')],
      }),
    ];
    const { screen, mounted, handlers } = setup({ conversation: vi.fn(async () => replies.shift()!) });
    await mounted;
    expect(screen.getByText(/No one is available right now/)).toBeTruthy();
    vi.useFakeTimers();
    handlers[0]!.onTyping({ caseId: 42, userId: 7, name: 'Lina', role: 'agent', internal: false, at: '' });
    expect(screen.getAllByRole('status').map((status) => status.textContent)).toContain('Lina is typing…');
    handlers[0]!.onTyping({ caseId: 99, userId: 8, name: 'Other', role: 'agent', internal: false, at: '' });
    expect(screen.queryByText('Other is typing…')).toBeNull();
    vi.advanceTimersByTime(4_000);
    expect(screen.queryByText('Lina is typing…')).toBeNull();
    vi.useRealTimers();
    handlers[0]!.onStale();
    expect(await screen.findByText('On it')).toBeTruthy();
    expect(screen.getByText('Case C-0042 · Lina is helping you')).toBeTruthy();
    handlers[0]!.onOnline(false);
    expect(screen.getByText('Reconnecting…')).toBeTruthy();
  });

  it('sends on Enter, not on Shift+Enter, and tells the typing notice at most every 2 s', async () => {
    localStorage.setItem(storageKey(BASE), '{"token":"guest-token"}');
    const { screen, mounted, user, api, connection } = setup();
    await mounted;
    const box = screen.getByLabelText('Your message') as HTMLTextAreaElement;
    await user.type(box, 'Line one{Shift>}{Enter}{/Shift}line two');
    expect(api.send).not.toHaveBeenCalled();
    expect(connection.typing).toHaveBeenCalledTimes(1);
    expect(connection.typing).toHaveBeenCalledWith(42);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.send).toHaveBeenCalledWith('guest-token', 'Line one\nline two'));
    await waitFor(() => expect(box.value).toBe(''));
    expect(screen.getByRole('log').textContent).toContain('Line one\nline two');
  });

  it('offers a new conversation once the case is resolved', async () => {
    localStorage.setItem(storageKey(BASE), '{"token":"guest-token"}');
    const { screen, mounted, user, connection } = setup({
      conversation: vi.fn(async () => conversation({ status: 'resolved' })),
    });
    await mounted;
    expect(screen.getByText(/This conversation is resolved/)).toBeTruthy();
    expect(shown(screen.queryAllByRole('textbox', { name: 'Your message' }))).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Start a new conversation' }));
    expect(localStorage.getItem(storageKey(BASE))).toBeNull();
    expect(connection.close).toHaveBeenCalled();
    expect(screen.getByLabelText('Your name')).toBeTruthy();
  });
});
