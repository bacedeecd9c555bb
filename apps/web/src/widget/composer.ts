import { WIDGET_MESSAGE_LIMIT } from '@caseflow/contract/widget-limits';
import { h } from './dom';
import { WidgetError } from './problem';
import { validateReply } from './validate';

/** The reply box: Enter sends, Shift+Enter starts a new line. */
export function createComposer(id: string, onSend: (body: string) => Promise<void>, onTyping: () => void) {
  const errorId = `${id}-error`;
  const input = h('textarea', {
    id,
    name: 'body',
    rows: '2',
    maxlength: String(WIDGET_MESSAGE_LIMIT),
    'aria-describedby': `${id}-hint`,
  });
  const error = h('p', { class: 'field-error', id: errorId, role: 'alert', hidden: true });
  const send = h('button', { type: 'submit', class: 'primary' }, 'Send');
  const element = h(
    'form',
    { class: 'composer', novalidate: true, 'aria-label': 'Reply' },
    h('label', { for: id }, 'Your message'),
    h('div', { class: 'composer-row' }, input, send),
    h('p', { class: 'hint', id: `${id}-hint` }, 'Enter sends, Shift+Enter adds a line.'),
    error,
  );

  const showError = (message: string) => {
    error.textContent = message;
    error.hidden = message === '';
  };
  const submit = () => {
    if (send.disabled) return;
    const problem = validateReply(input.value);
    showError(problem ?? '');
    if (problem) return;
    send.disabled = true;
    onSend(input.value.trim())
      .then(() => {
        input.value = '';
      })
      .catch((caught: unknown) => {
        showError(caught instanceof WidgetError ? caught.message : 'Your message was not sent. Please try again.');
      })
      .finally(() => {
        send.disabled = false;
        input.focus();
      });
  };

  element.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  input.addEventListener('keydown', (event) => {
    // Not while an input method is composing a character: its Enter confirms the character.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    submit();
  });
  input.addEventListener('input', () => {
    if (input.value.trim()) onTyping();
  });

  return { element, focus: () => input.focus() };
}
