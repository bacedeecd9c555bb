import type { KbFeedbackBody } from '@caseflow/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { refundArticle, refundHit, returnHit } from '../../test/kb-fixtures';
import { jsonResponse, problemResponse, renderWithProviders, sentBodies, stubFetch } from '../../test/render';
import { openCase } from '../../test/team-fixtures';
import NewCasePage from './new-case-page';

const feedbackUrl = '/api/v1/kb/feedback';

/**
 * GET /kb/suggest finds the refund and the return article for anything with "money" in it and nothing
 * otherwise; the refund article reads as the API has it; POST /cases creates case 7. Feedback is
 * accepted (204) or, with `isFeedbackFailing`, fails with a 500.
 */
function stubIntake({ isFeedbackFailing = false } = {}) {
  return stubFetch(({ method, url }) => {
    if (method === 'GET' && url.startsWith('/api/v1/kb/suggest?')) {
      const q = new URL(url, 'http://test').searchParams.get('q') ?? '';
      return jsonResponse({ items: q.includes('money') ? [refundHit, returnHit] : [] });
    }
    if (method === 'GET' && url === '/api/v1/kb/articles/refund-timing') return jsonResponse(refundArticle);
    if (method === 'POST' && url === feedbackUrl)
      return isFeedbackFailing ? problemResponse(500, { detail: 'down' }) : new Response(null, { status: 204 });
    if (method === 'POST' && url === '/api/v1/cases') return jsonResponse(openCase, 201);
    return undefined;
  });
}

const feedback = (fetchMock: ReturnType<typeof stubFetch>) =>
  sentBodies(fetchMock, 'POST', feedbackUrl) as KbFeedbackBody[];
const suggestQueries = (fetchMock: ReturnType<typeof stubFetch>) =>
  fetchMock.mock.calls
    .map(([input]) => String(input))
    .filter((url) => url.startsWith('/api/v1/kb/suggest?'))
    .map((url) => new URL(url, 'http://test').searchParams);

async function describeProblem() {
  const user = userEvent.setup();
  renderWithProviders(<NewCasePage />);
  await user.type(screen.getByRole('textbox', { name: 'Subject' }), 'Where is my money');
  await user.type(screen.getByRole('textbox', { name: 'What happened?' }), 'I sent the kettle back.');
  const region = screen.getByRole('region', { name: 'Suggested help articles' });
  await within(region).findByRole('button', { name: /When will I get my refund/ });
  return { user, region };
}

async function openRefundArticle(user: ReturnType<typeof userEvent.setup>, region: HTMLElement) {
  await user.click(within(region).getByRole('button', { name: /When will I get my refund/ }));
  const dialog = await screen.findByRole('dialog', { name: 'When will I get my refund?' });
  await within(dialog).findByRole('heading', { name: 'Timing' });
  return dialog;
}

describe('NewCasePage deflection', () => {
  it('suggests articles for the subject and description, announces them, and records each shown once', async () => {
    const fetchMock = stubIntake();
    const { user, region } = await describeProblem();

    expect(within(region).getAllByRole('listitem')).toHaveLength(2);
    expect(within(region).getByRole('status').textContent).toBe(
      '2 help articles may answer this. Open one to read it here.',
    );
    expect(within(region).getByRole('status').getAttribute('aria-live')).toBe('polite');
    await waitFor(() =>
      expect(suggestQueries(fetchMock).at(-1)!.get('q')).toBe('Where is my money\nI sent the kettle back.'),
    );
    expect(suggestQueries(fetchMock).every((params) => params.get('limit') === '3')).toBe(true);

    // The same articles again after more typing are not shown "again".
    await user.type(screen.getByRole('textbox', { name: 'What happened?' }), ' Still no money.');
    await waitFor(() => expect(suggestQueries(fetchMock).at(-1)!.get('q')).toMatch(/Still no money\.$/));
    const shown = feedback(fetchMock);
    expect(shown.map(({ event, slug }) => [event, slug])).toEqual([
      ['shown', 'refund-timing'],
      ['shown', 'start-a-return'],
    ]);
    expect(shown[0]!.session).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(shown[1]!.session).toBe(shown[0]!.session);
  });

  it('sends at most 2,000 characters to suggest, however much is written', async () => {
    const fetchMock = stubIntake();
    renderWithProviders(<NewCasePage />);

    fireEvent.change(screen.getByRole('textbox', { name: 'What happened?' }), {
      target: { value: 'money '.repeat(500) },
    });

    await waitFor(() => expect(suggestQueries(fetchMock)).toHaveLength(1));
    expect(suggestQueries(fetchMock)[0]!.get('q')).toHaveLength(2_000);
  });

  it('"This answered my question" records opened and deflected, creates no case and says it is done', async () => {
    const fetchMock = stubIntake();
    const { user, region } = await describeProblem();

    const dialog = await openRefundArticle(user, region);
    expect(within(dialog).getByText('original payment method').tagName).toBe('STRONG');
    expect(
      within(dialog)
        .getByRole('link', { name: /Open in the help center/ })
        .getAttribute('href'),
    ).toBe('/help/refund-timing');
    await user.click(within(dialog).getByRole('button', { name: 'This answered my question' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Glad that helped' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to My cases' }).getAttribute('href')).toBe('/cases');
    expect(screen.queryByRole('textbox', { name: 'Subject' })).toBeNull();
    const events = feedback(fetchMock);
    expect(events.slice(2).map(({ event, slug }) => [event, slug])).toEqual([
      ['opened', 'refund-timing'],
      ['deflected', 'refund-timing'],
    ]);
    expect(new Set(events.map((event) => event.session)).size).toBe(1);
    expect(sentBodies(fetchMock, 'POST', '/api/v1/cases')).toEqual([]);
  });

  it('"I still need help" goes back to the form with the text kept; the case it then reports is recorded', async () => {
    const fetchMock = stubIntake();
    const { user, region } = await describeProblem();

    const dialog = await openRefundArticle(user, region);
    await user.click(within(dialog).getByRole('button', { name: 'I still need help' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Subject' }).value).toBe('Where is my money');
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'What happened?' }).value).toBe(
      'I sent the kettle back.',
    );

    await user.click(screen.getByRole('button', { name: 'Report case' }));

    await waitFor(() => expect(feedback(fetchMock).at(-1)).toMatchObject({ event: 'created', caseId: 7 }));
    expect(feedback(fetchMock).map(({ event }) => event)).toEqual(['shown', 'shown', 'opened', 'went_on', 'created']);
    expect(sentBodies(fetchMock, 'POST', '/api/v1/cases')).toEqual([
      { subject: 'Where is my money', description: 'I sent the kettle back.' },
    ]);
  });

  it('records no "created" for a case reported without any suggestion shown', async () => {
    const fetchMock = stubIntake();
    const user = userEvent.setup();
    renderWithProviders(<NewCasePage />);
    await user.type(screen.getByRole('textbox', { name: 'Subject' }), 'Kettle smokes');
    await user.type(screen.getByRole('textbox', { name: 'What happened?' }), 'It smokes.');
    await screen.findByText(/^No help article matches yet/);

    await user.click(screen.getByRole('button', { name: 'Report case' }));

    await waitFor(() => expect(sentBodies(fetchMock, 'POST', '/api/v1/cases')).toHaveLength(1));
    expect(feedback(fetchMock)).toEqual([]);
  });

  it('never holds the customer up when feedback fails: no error, and the answer still ends the visit', async () => {
    const fetchMock = stubIntake({ isFeedbackFailing: true });
    const { user, region } = await describeProblem();

    const dialog = await openRefundArticle(user, region);
    await user.click(within(dialog).getByRole('button', { name: 'This answered my question' }));

    expect(await screen.findByRole('heading', { name: 'Glad that helped' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(feedback(fetchMock).map(({ event }) => event)).toContain('deflected');
  });
});
