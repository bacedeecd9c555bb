import type { WidgetMessage } from '@caseflow/contract';
import { h } from './dom';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

/** "14:05" today, "3 Mar, 14:05" on another day. */
export function formatTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const isToday = date.toDateString() === now.toDateString();
  return isToday ? timeFormat.format(date) : `${dayFormat.format(date)}, ${timeFormat.format(date)}`;
}

/** One message: the guest's on the right, the agent's on the left, each with its author and time. */
export function renderMessage(message: WidgetMessage): HTMLLIElement {
  const isGuest = message.from === 'guest';
  return h(
    'li',
    { class: `message ${isGuest ? 'from-guest' : 'from-agent'}`, 'data-message-id': String(message.id) },
    h(
      'p',
      { class: 'meta' },
      h('span', { class: 'author' }, isGuest ? `${message.authorName} (you)` : message.authorName),
      ' ',
      h('time', { datetime: message.createdAt }, formatTime(message.createdAt)),
    ),
    h('p', { class: 'bubble' }, message.body),
  );
}

/**
 * The conversation's messages as a live log. Messages never change once written, so a refetch only
 * appends the new ones: a screen reader announces those, not the whole conversation again.
 */
export function createMessageList(label: string) {
  // The log is a box around the list: a role on the <ol> itself would take its items out of a list.
  const list = h('ol', { class: 'message-items' });
  const element = h(
    'div',
    { class: 'messages', role: 'log', 'aria-live': 'polite', 'aria-label': label, tabindex: '0' },
    list,
  );
  const shown = new Set<number>();
  return {
    element,
    render(messages: WidgetMessage[]) {
      const fresh = messages.filter((message) => !shown.has(message.id));
      for (const message of fresh) {
        shown.add(message.id);
        list.appendChild(renderMessage(message));
      }
      if (fresh.length > 0) element.scrollTop = element.scrollHeight;
    },
  };
}
