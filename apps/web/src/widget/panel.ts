import { CLOSE_ICON, h, icon, replaceChildren } from './dom';

/**
 * The chat panel: a non-modal dialog (the shop's page stays usable beside it) with a header and the
 * current view. Escape closes it; the caller returns focus to the launcher.
 */
export function createPanel(id: string, onClose: () => void) {
  const title = h('h2', { class: 'title' }, 'Chat with us');
  const closeButton = h('button', { type: 'button', class: 'close', 'aria-label': 'Close chat' }, icon(CLOSE_ICON));
  const body = h('div', { class: 'body' });
  // Said when the live connection drops and comes back; empty (and silent) otherwise.
  const connection = h('p', { class: 'connection', role: 'status' });
  const element = h(
    'div',
    { class: 'panel', id, role: 'dialog', 'aria-label': 'Chat with us', tabindex: '-1', hidden: true },
    h('div', { class: 'header' }, title, closeButton),
    connection,
    body,
  );
  closeButton.addEventListener('click', onClose);
  element.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    onClose();
  });
  return {
    element,
    setConnection(text: string) {
      connection.textContent = text;
    },
    /** Shows one view in the panel's body. */
    show(view: Node) {
      replaceChildren(body, view);
    },
    setOpen(isOpen: boolean) {
      element.hidden = !isOpen;
    },
    isOpen: () => !element.hidden,
  };
}

export type Panel = ReturnType<typeof createPanel>;
