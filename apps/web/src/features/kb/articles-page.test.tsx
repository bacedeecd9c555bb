import type { Article, ArticleSummary } from '@caseflow/contract';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { refundArticle } from '../../test/kb-fixtures';
import { jsonResponse, problemResponse, renderWithProviders, stubFetch } from '../../test/render';
import ArticlesPage from './articles-page';

const summaryOf = ({ body: _body, html: _html, author: _author, publishedAt: _publishedAt, ...summary }: Article) =>
  summary;
const refund = summaryOf(refundArticle);
const lockers: ArticleSummary = {
  ...refund,
  id: 4,
  slug: 'parcel-lockers',
  title: 'Parcel lockers',
  category: 'delivery',
  status: 'draft',
};

/** GET /kb/articles filters by status and category as the API does; `isFailing` makes it a 500. */
function stubList({ isFailing = false, items = [refund, lockers] } = {}) {
  return stubFetch(({ method, url }) => {
    if (method !== 'GET' || !url.startsWith('/api/v1/kb/articles')) return undefined;
    if (isFailing) return problemResponse(500, { detail: 'Internal server error' });
    const params = new URL(url, 'http://test').searchParams;
    return jsonResponse({
      items: items.filter(
        (item) =>
          (!params.get('status') || item.status === params.get('status')) &&
          (!params.get('category') || item.category === params.get('category')),
      ),
    });
  });
}

const rowOf = (title: string) => screen.getByRole('row', { name: new RegExp(`^${title}`) });

describe('ArticlesPage', () => {
  it('lists drafts and published articles with status, category and a help-center link for published ones', async () => {
    stubList();
    renderWithProviders(<ArticlesPage />);

    await screen.findByText('Parcel lockers');
    const refundRow = within(rowOf('When will I get my refund?'));
    expect(refundRow.getByText('Published')).toBeTruthy();
    expect(refundRow.getByText('Return or refund')).toBeTruthy();
    expect(refundRow.getByRole('link', { name: 'When will I get my refund?' }).getAttribute('href')).toBe(
      '/kb/refund-timing/edit',
    );
    expect(
      refundRow.getByRole('link', { name: 'View When will I get my refund? in the help center' }).getAttribute('href'),
    ).toBe('/help/refund-timing');
    const draftRow = within(rowOf('Parcel lockers'));
    expect(draftRow.getByText('Draft')).toBeTruthy();
    expect(draftRow.getByText('Not public')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'New article' }).getAttribute('href')).toBe('/kb/new');
  });

  it('filters by status through the API and says when nothing matches', async () => {
    const fetchMock = stubList();
    const user = userEvent.setup();
    renderWithProviders(<ArticlesPage />);
    await screen.findByText('Parcel lockers');

    await user.click(screen.getByRole('combobox', { name: 'Status' }));
    await user.click(await screen.findByRole('option', { name: 'Draft' }));
    await waitFor(() => expect(screen.queryByText('When will I get my refund?')).toBeNull());
    expect(screen.getByText('Parcel lockers')).toBeTruthy();
    expect(fetchMock.mock.calls.map(([url]) => String(url))).toContain('/api/v1/kb/articles?status=draft');

    await user.click(screen.getByRole('combobox', { name: 'Category' }));
    await user.click(await screen.findByRole('option', { name: 'Return or refund' }));
    expect(await screen.findByText('No article matches these filters.')).toBeTruthy();
  });

  it('invites the first article when there are none', async () => {
    stubList({ items: [] });
    renderWithProviders(<ArticlesPage />);
    expect(await screen.findByText(/^No articles yet/)).toBeTruthy();
  });

  it('offers a retry when the list cannot be loaded', async () => {
    stubList({ isFailing: true });
    renderWithProviders(<ArticlesPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('Internal server error');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
