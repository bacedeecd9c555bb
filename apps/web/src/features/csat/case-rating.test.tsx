import type { Case, Csat } from '@caseflow/contract';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { jsonResponse, problemResponse, renderWithProviders, sentBodies, stubFetch } from '../../test/render';
import { openCase } from '../../test/team-fixtures';
import { CaseRating } from './case-rating';

const resolved: Case = {
  ...openCase,
  status: 'resolved',
  firstResponseAt: '2025-01-01T10:05:00.000Z',
  resolvedAt: '2025-01-01T11:00:00.000Z',
};
const rating: Csat = { rating: 4, comment: 'Quick and kind', createdAt: '2025-01-01T12:00:00.000Z' };
const CSAT_URL = '/api/v1/cases/7/csat';

/** GET answers `existing` (404 while there is none); POST answers `onPost`. */
function stubCsat(existing: Csat | null, onPost: () => Response = () => jsonResponse(rating, 201)) {
  return stubFetch(({ method, url }) => {
    if (url === CSAT_URL && method === 'GET') {
      return existing ? jsonResponse(existing) : problemResponse(404, { detail: 'Not rated yet.' });
    }
    if (url === CSAT_URL && method === 'POST') return onPost();
    if (url === '/api/v1/cases/7/events') return jsonResponse({ items: [] });
    return undefined;
  });
}

describe('CaseRating for the customer', () => {
  it('sends the rating and the comment, then thanks them', async () => {
    const fetchMock = stubCsat(null);
    const user = userEvent.setup();
    renderWithProviders(<CaseRating item={resolved} isCustomer />);

    const group = await screen.findByRole('radiogroup', { name: /How did we do\?/ });
    expect(group.closest('section')?.id).toBe('rate');
    await user.click(screen.getByRole('radio', { name: '4 — Good' }));
    await user.type(screen.getByRole('textbox', { name: 'Comment (optional)' }), 'Quick and kind');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    expect(await screen.findByText('Thanks — you rated this 4/5')).toBeTruthy();
    expect(sentBodies(fetchMock, 'POST', CSAT_URL)).toEqual([{ rating: 4, comment: 'Quick and kind' }]);
    expect(screen.queryByRole('radiogroup')).toBeNull();
  });

  it('asks for a rating rather than sending none, and leaves out an empty comment', async () => {
    const fetchMock = stubCsat(null);
    const user = userEvent.setup();
    renderWithProviders(<CaseRating item={resolved} isCustomer />);
    await screen.findByRole('radiogroup');

    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByText('Choose a rating from 1 to 5')).toBeTruthy();
    expect(sentBodies(fetchMock, 'POST', CSAT_URL)).toEqual([]);

    await user.click(screen.getByRole('radio', { name: '5 — Very good' }));
    expect(screen.queryByText('Choose a rating from 1 to 5')).toBeNull();
    await user.type(screen.getByRole('textbox', { name: 'Comment (optional)' }), '   ');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(sentBodies(fetchMock, 'POST', CSAT_URL)).toEqual([{ rating: 5 }]));
  });

  it('explains a 409 gently and keeps the form', async () => {
    stubCsat(null, () => problemResponse(409, { detail: 'This case was already rated.' }));
    const user = userEvent.setup();
    renderWithProviders(<CaseRating item={resolved} isCustomer />);
    await screen.findByRole('radiogroup');
    await user.click(screen.getByRole('radio', { name: '2 — Poor' }));
    await user.click(screen.getByRole('button', { name: 'Send' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Your rating was not sent');
    expect(alert.textContent).toContain('This case has already been rated, or it was reopened');
    expect(screen.queryByText(/Thanks/)).toBeNull();
  });

  it('shows the rating it already has instead of the form, also once the case is reopened', async () => {
    stubCsat(rating);
    const { unmount } = renderWithProviders(<CaseRating item={resolved} isCustomer />);
    expect(await screen.findByText('Thanks — you rated this 4/5')).toBeTruthy();
    expect(screen.getByText('Quick and kind')).toBeTruthy();
    expect(screen.queryByRole('radiogroup')).toBeNull();
    unmount();

    renderWithProviders(<CaseRating item={{ ...resolved, status: 'open' }} isCustomer />);
    expect(await screen.findByText('Thanks — you rated this 4/5')).toBeTruthy();
  });

  it('offers nothing for a case that was never resolved, and asks for nothing', async () => {
    const fetchMock = stubCsat(null);
    renderWithProviders(<CaseRating item={openCase} isCustomer />);
    expect(screen.queryByRole('radiogroup')).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('CaseRating for staff', () => {
  it("shows the customer's rating and comment", async () => {
    stubCsat(rating);
    renderWithProviders(<CaseRating item={resolved} isCustomer={false} />);
    expect(await screen.findByText('Carla Customer rated this 4/5')).toBeTruthy();
    expect(screen.getByText('Quick and kind')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
  });

  it('says when the customer has not rated yet', async () => {
    stubCsat(null);
    renderWithProviders(<CaseRating item={resolved} isCustomer={false} />);
    expect(await screen.findByText('Not rated yet.')).toBeTruthy();
  });
});
