// The widget's limits without zod, so the widget's bundle (SPEC §14: ≤ 50 KB) can import them alone.

/** A guest's message, like a reply in the app: at most this many characters. */
export const WIDGET_MESSAGE_LIMIT = 10_000;
/** A guest's name, like any person's name. */
export const WIDGET_NAME_LIMIT = 100;
