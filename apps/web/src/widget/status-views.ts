import { NOBODY_AVAILABLE } from './conversation-view';
import { h } from './dom';
import { UNREACHABLE, WidgetError } from './problem';

/** The panel's small views: the greeting above the form, waiting, a refusal, and "cannot reach us". */
export function createStatusViews(onRetry: () => void) {
  return {
    greeting(text: string, agentsAvailable: boolean, notice?: string) {
      return h(
        'div',
        { class: 'greeting' },
        notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
        text ? h('p', {}, text) : null,
        agentsAvailable ? null : h('p', { class: 'notice' }, NOBODY_AVAILABLE),
      );
    },
    loading: () => h('p', { class: 'loading', role: 'status' }, 'Loading the chat…'),
    message: (text: string) => h('p', { class: 'refusal', role: 'alert' }, text),
    unreachable(error: unknown) {
      const retry = h('button', { type: 'button', class: 'primary' }, 'Try again');
      retry.addEventListener('click', onRetry);
      const text = error instanceof WidgetError ? error.message : UNREACHABLE;
      return h('div', { class: 'unreachable' }, h('p', { role: 'alert' }, text), retry);
    },
  };
}
