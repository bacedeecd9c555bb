import type { WidgetSettings } from '@caseflow/contract';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  fieldError,
  jsonResponse,
  problemResponse,
  renderWithProviders,
  sentBodies,
  stubFetch,
} from '../../test/render';
import WidgetSettingsPage, { embedSnippet } from './widget-settings-page';

const stored: WidgetSettings = { color: '#3b5bdb', greeting: 'Hi! Ask us anything.' };
const url = '/api/v1/widget/settings';

function stubSettings(onPut: (body: WidgetSettings) => Response) {
  return stubFetch(({ method, url: called, body }) => {
    if (called !== url) return undefined;
    if (method === 'GET') return jsonResponse(stored);
    if (method === 'PUT') return onPut(body as WidgetSettings);
    return undefined;
  });
}

describe('WidgetSettingsPage', () => {
  it('shows the line to embed, with this server as the script address', async () => {
    stubSettings(() => jsonResponse(stored));
    renderWithProviders(<WidgetSettingsPage />);
    expect(await screen.findByText(embedSnippet(window.location.origin))).toBeTruthy();
    expect(screen.getByRole('link', { name: 'demo shop' }).getAttribute('href')).toBe('/demo/shop');
  });

  it('saves the colour and greeting', async () => {
    const fetchMock = stubSettings((body) => jsonResponse(body));
    const user = userEvent.setup();
    renderWithProviders(<WidgetSettingsPage />);
    const greeting = await screen.findByRole('textbox', { name: /Greeting/ });
    await user.clear(greeting);
    await user.type(greeting, 'Welcome to the shop!');
    const colour = screen.getByRole('textbox', { name: /Colour/ });
    await user.clear(colour);
    await user.type(colour, '#0b7285');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(sentBodies(fetchMock, 'PUT', url)).toEqual([{ color: '#0b7285', greeting: 'Welcome to the shop!' }]),
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('refuses a colour that is not #rrggbb before sending, and shows the server refusal on its field', async () => {
    const fetchMock = stubSettings(() =>
      problemResponse(422, { detail: 'invalid', errors: [{ path: 'greeting', message: 'too long' }] }),
    );
    const user = userEvent.setup();
    renderWithProviders(<WidgetSettingsPage />);
    const colour = await screen.findByRole('textbox', { name: /Colour/ });
    await user.clear(colour);
    await user.type(colour, 'teal');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(fieldError(colour)).toBeTruthy();
    expect(sentBodies(fetchMock, 'PUT', url)).toEqual([]);

    await user.clear(colour);
    await user.type(colour, '#112233');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fieldError(screen.getByRole('textbox', { name: /Greeting/ }))).toBe('too long'));
  });
});
