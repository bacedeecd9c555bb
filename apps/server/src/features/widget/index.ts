/** What other features may use of the chat widget (SPEC §14). */
export { authenticateGuest } from './widget.guest.js';
export { isWidgetOrigin } from './widget.origin.js';
