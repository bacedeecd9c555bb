import type { WidgetConversation } from '@caseflow/contract';
import { createComposer } from './composer';
import { h } from './dom';
import { createMessageList } from './message-list';

export const NOBODY_AVAILABLE = "No one is available right now — leave your message and we'll reply by email.";
const TYPING_SHOWN_MS = 4_000;

type Handlers = {
  onSend: (body: string) => Promise<void>;
  onTyping: () => void;
  onRestart: () => void;
};

/** The conversation: its case, the messages, who is typing, and the reply box (or, once resolved, a way to start anew). */
export function createConversationView(idPrefix: string, handlers: Handlers) {
  const caseLine = h('p', { class: 'case-line' });
  const notice = h('p', { class: 'notice', hidden: true }, NOBODY_AVAILABLE);
  const messages = createMessageList('Messages');
  const typing = h('p', { class: 'typing', role: 'status' });
  const composer = createComposer(`${idPrefix}-reply`, handlers.onSend, handlers.onTyping);
  const restart = h('button', { type: 'button', class: 'primary' }, 'Start a new conversation');
  const resolved = h(
    'div',
    { class: 'resolved', hidden: true },
    h('p', {}, 'This conversation is resolved. Thank you for writing to us.'),
    restart,
  );
  restart.addEventListener('click', handlers.onRestart);
  const element = h(
    'div',
    { class: 'conversation' },
    caseLine,
    notice,
    messages.element,
    typing,
    resolved,
    composer.element,
  );

  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  const hideTyping = () => {
    clearTimeout(typingTimer);
    typing.textContent = '';
  };
  let isResolved = false;

  return {
    element,
    update(conversation: WidgetConversation) {
      caseLine.textContent = conversation.agentName
        ? `Case ${conversation.number} · ${conversation.agentName} is helping you`
        : `Case ${conversation.number}`;
      notice.hidden = conversation.agentsAvailable;
      messages.render(conversation.messages);
      isResolved = conversation.status === 'resolved';
      resolved.hidden = !isResolved;
      composer.element.hidden = isResolved;
    },
    /** Someone else is writing: said for a few seconds, until the next notice or their message. */
    showTyping(name: string) {
      clearTimeout(typingTimer);
      typing.textContent = `${name} is typing…`;
      typingTimer = setTimeout(hideTyping, TYPING_SHOWN_MS);
    },
    hideTyping,
    focus() {
      if (isResolved) restart.focus();
      else composer.focus();
    },
  };
}

export type ConversationView = ReturnType<typeof createConversationView>;
