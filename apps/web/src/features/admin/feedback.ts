import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../lib/api-client';

// Mantine's close buttons have no accessible name of their own.
const closeButtonProps = { 'aria-label': 'Dismiss' };

export const notifySuccess = (message: string) => notifications.show({ color: 'teal', message, closeButtonProps });
export const notifyError = (error: unknown) =>
  notifications.show({ color: 'red', message: errorMessage(error), closeButtonProps });

/** For every admin dialog: Mantine's modal close button has no accessible name of its own. */
export const modalCloseProps = { closeButtonProps: { 'aria-label': 'Close' } };

/** Muted text dark enough for small sizes (Mantine's "dimmed" gray is under 4.5:1 on white). */
export const MUTED = 'gray.7';
/** Link color with 4.5:1 on white (the theme's indigo.6 is just under). */
export const LINK = 'indigo.8';
/** Destructive buttons: red.9 on white (and white on it) reaches 5.5:1, the theme's red.6 only 3.3:1. */
export const DANGER = 'red.9';
