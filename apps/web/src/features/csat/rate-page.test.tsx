import type { Csat } from '@caseflow/contract';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { jsonResponse, problemResponse, renderWithProviders, sentBodies, stubFetch } from '../../test/render';
import type { CsatLink } from './api';
import RatePage from './rate-page';

const TOKEN = 'tok_0123456789abcdef';
const LINK_URL = `/api/v1/csat?token=${TOKEN}`;
const forCase = { number: 'C-0007', subject: 'Charged twice', resolved: true };
const rating: Csat = { rating: 5, comment: null, createdAt: '2025-01-02T09:00:00.000Z' };

function stubLink(link: CsatLink | null, onPost: () => Response = () => jsonResponse(rating, 201)) {
  return stubFetch(({ method, url }) => {
    if (method === 'GET' && url === LINK_URL) {
      return link ? jsonResponse(link) : problemResponse(404, { detail: 'No such link.' });
    }
    if (method === 'POST' && url === '/api/v1/csat') return onPost();
    return undefined;
  });
}

describe('RatePage (the mail link, no sign-in)', () => {
  it('names the case and sends the rating with the token', async () => {
    const fetchMock = stubLink({ case: forCase, csat: null });
    const user = userEvent.setup();
    renderWithProviders(<RatePage />, { route: `/rate?token=${TOKEN}` });

    expect(await screen.findByText('Case C-0007: Charged twice')).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: '5 — Very good' }));
    await user.click(screen.getByRole('button', { name: 'Send' }));

    expect(await screen.findByText('Thanks — you rated this 5/5')).toBeTruthy();
    expect(sentBodies(fetchMock, 'POST', '/api/v1/csat')).toEqual([{ token: TOKEN, rating: 5 }]);
  });

  it('thanks instead of asking again when the link was used', async () => {
    stubLink({ case: forCase, csat: { ...rating, rating: 3, comment: 'Took a while' } });
    renderWithProviders(<RatePage />, { route: `/rate?token=${TOKEN}` });
    expect(await screen.findByText('Thanks — you rated this 3/5')).toBeTruthy();
    expect(screen.getByText('Took a while')).toBeTruthy();
    expect(screen.queryByRole('radiogroup')).toBeNull();
  });

  it('shows the earlier rating when a 409 says it was rated meanwhile', async () => {
    let rated: Csat | null = null;
    stubFetch(({ method, url }) => {
      if (method === 'GET' && url === LINK_URL) return jsonResponse({ case: forCase, csat: rated });
      if (method === 'POST' && url === '/api/v1/csat') {
        rated = { ...rating, rating: 2 };
        return problemResponse(409, { detail: 'Already rated.' });
      }
      return undefined;
    });
    const user = userEvent.setup();
    renderWithProviders(<RatePage />, { route: `/rate?token=${TOKEN}` });
    await user.click(await screen.findByRole('radio', { name: '4 — Good' }));
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(screen.getByText('Thanks — you rated this 2/5')).toBeTruthy());
  });

  it('says a reopened case cannot be rated until it is resolved again', async () => {
    stubLink({ case: { ...forCase, resolved: false }, csat: null });
    renderWithProviders(<RatePage />, { route: `/rate?token=${TOKEN}` });
    expect((await screen.findByRole('status')).textContent).toContain('The case is open again');
    expect(screen.queryByRole('radiogroup')).toBeNull();
  });

  it('says the link does not work for an unknown token or none', async () => {
    stubLink(null);
    const { unmount } = renderWithProviders(<RatePage />, { route: `/rate?token=${TOKEN}` });
    expect((await screen.findByRole('alert')).textContent).toContain('This rating link does not work');
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/login');
    unmount();

    const fetchMock = stubLink(null);
    renderWithProviders(<RatePage />, { route: '/rate' });
    expect(screen.getByRole('alert').textContent).toContain('This rating link does not work');
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
