import { textColorOn } from './contrast';
import { h } from './dom';
import css from './widget.css?inline';

export const HOST_TAG = 'caseflow-widget';

/**
 * The widget's box on the shop's page. Styles are kept apart both ways: everything the widget shows lives
 * in a shadow root holding its only stylesheet (the shop's selectors cannot reach in, ours cannot reach
 * out), and the host resets every inherited property (`all: initial`) so nothing flows in by inheritance.
 * Sizes are in px, never rem: the shop owns the root font size.
 */
export function createHost(doc: Document) {
  const host = doc.createElement(HOST_TAG);
  host.setAttribute('style', 'all: initial !important;');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  const root = h('div', { class: 'root' });
  shadow.append(style, root);
  return {
    host,
    shadow,
    root,
    /** The shop's colour on the launcher and header, with white or black text, whichever reads better. */
    setColor(color: string) {
      root.style.setProperty('--accent', color);
      root.style.setProperty('--on-accent', textColorOn(color));
    },
    /** The element focused inside the widget, if any. */
    focused: () => shadow.activeElement,
  };
}
