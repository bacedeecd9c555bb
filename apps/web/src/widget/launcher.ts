import { CHAT_ICON, CLOSE_ICON, h, icon, replaceChildren } from './dom';

/** The round button in the page's corner that opens and closes the chat panel. */
export function createLauncher(panelId: string, onToggle: () => void) {
  const element = h('button', {
    type: 'button',
    class: 'launcher',
    'aria-controls': panelId,
    'aria-expanded': 'false',
    'aria-label': 'Chat with us',
  });
  element.addEventListener('click', onToggle);
  const setExpanded = (isExpanded: boolean) => {
    element.setAttribute('aria-expanded', String(isExpanded));
    replaceChildren(element, icon(isExpanded ? CLOSE_ICON : CHAT_ICON));
  };
  setExpanded(false);
  return { element, setExpanded };
}
