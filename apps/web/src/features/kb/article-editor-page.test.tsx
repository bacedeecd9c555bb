import type { Article } from '@caseflow/contract';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { refundArticle } from '../../test/kb-fixtures';
import {
  fieldError,
  jsonResponse,
  problemResponse,
  renderWithProviders,
  sentBodies,
  stubFetch,
} from '../../test/render';
import ArticleEditorPage from './article-editor-page';

const articlesUrl = '/api/v1/kb/articles';

/**
 * The API as the editor meets it: `refund-timing` exists (so creating that slug is a 409), a body with
 * "<too long>" is refused with a 422 on `body` and a bad tag on `tags.1`; the preview bolds **text**.
 */
function stubArticles() {
  let articles: Article[] = [refundArticle];
  return stubFetch(({ method, url, body }) => {
    if (method === 'POST' && url === '/api/v1/kb/preview') {
      const markdown = (body as { body: string }).body;
      return jsonResponse({ html: `<p>${markdown.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')}</p>` });
    }
    if (method === 'POST' && url === articlesUrl) {
      const input = body as Article;
      if (articles.some((article) => article.slug === input.slug))
        return problemResponse(409, {
          title: 'Conflict',
          code: 'conflict',
          detail: `an article already has the slug '${input.slug}'`,
          errors: [{ path: 'slug', message: `an article already has the slug '${input.slug}'` }],
        });
      if (input.body.includes('<too long>'))
        return problemResponse(422, {
          code: 'validation_failed',
          detail: 'the request is invalid',
          errors: [
            { path: 'body', message: 'At most 100000 characters' },
            { path: 'tags.1', message: 'a tag is one lower-case word' },
          ],
        });
      const created: Article = { ...refundArticle, ...input, id: 9, html: `<p>${input.body}</p>` };
      articles = [...articles, created];
      return jsonResponse(created, 201);
    }
    const match = /^\/api\/v1\/kb\/articles\/([a-z0-9-]+)$/.exec(url);
    const found = match && articles.find((article) => article.slug === match[1]);
    if (match && method === 'GET')
      return found ? jsonResponse(found) : problemResponse(404, { detail: 'article not found' });
    if (match && method === 'DELETE') {
      articles = articles.filter((article) => article.slug !== match[1]);
      return new Response(null, { status: 204 });
    }
    return undefined;
  });
}

function renderEditor(route: string) {
  renderWithProviders(
    <Routes>
      <Route path="/kb" element={<h1>Articles list</h1>} />
      <Route path="/kb/new" element={<ArticleEditorPage />} />
      <Route path="/kb/:slug/edit" element={<ArticleEditorPage />} />
    </Routes>,
    { route },
  );
}

async function fillNewArticle(user: ReturnType<typeof userEvent.setup>, title: string, body: string) {
  await user.type(screen.getByRole('textbox', { name: 'Title' }), title);
  await user.click(screen.getByRole('combobox', { name: 'Category' }));
  await user.click(await screen.findByRole('option', { name: 'Return or refund' }));
  await user.type(screen.getByRole('textbox', { name: 'Body (Markdown)' }), body);
}

describe('ArticleEditorPage', () => {
  it('suggests the slug from the title, previews the Markdown as the server renders it, and shows a taken slug on the slug field', async () => {
    const fetchMock = stubArticles();
    const user = userEvent.setup();
    renderEditor('/kb/new');

    await fillNewArticle(user, 'Refund timing', 'Money back in **5 days**.');
    const slug = screen.getByRole<HTMLInputElement>('textbox', { name: 'Slug' });
    expect(slug.value).toBe('refund-timing');
    const preview = screen.getByRole('region', { name: 'Preview' });
    expect((await within(preview).findByText('5 days')).tagName).toBe('STRONG');

    await user.click(screen.getByRole('button', { name: 'Create article' }));

    await waitFor(() => expect(fieldError(slug)).toBe("an article already has the slug 'refund-timing'"));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(sentBodies(fetchMock, 'POST', articlesUrl)).toEqual([
      {
        title: 'Refund timing',
        slug: 'refund-timing',
        category: 'return_refund',
        tags: [],
        description: '',
        status: 'draft',
        body: 'Money back in **5 days**.',
      },
    ]);

    // A slug typed by hand is kept when the title changes.
    await user.clear(slug);
    await user.type(slug, 'refund-how-long');
    await user.type(screen.getByRole('textbox', { name: 'Title' }), '?');
    expect(slug.value).toBe('refund-how-long');
    await user.click(screen.getByRole('radio', { name: /Published/ }));
    await user.click(screen.getByRole('button', { name: 'Create article' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Edit article' })).toBeTruthy();
    expect(sentBodies(fetchMock, 'POST', articlesUrl).at(-1)).toMatchObject({
      title: 'Refund timing?',
      slug: 'refund-how-long',
      status: 'published',
    });
  });

  it("shows the API's 422 field errors on their fields (a tag's on the tags field)", async () => {
    stubArticles();
    const user = userEvent.setup();
    renderEditor('/kb/new');

    await fillNewArticle(user, 'Parcel lockers', 'Pick it up <too long>');
    await user.click(screen.getByRole('button', { name: 'Create article' }));

    const body = screen.getByRole('textbox', { name: 'Body (Markdown)' });
    await waitFor(() => expect(fieldError(body)).toBe('At most 100000 characters'));
    expect(fieldError(screen.getByRole('combobox', { name: 'Tags' }))).toBe('a tag is one lower-case word');
    expect(fieldError(screen.getByRole('textbox', { name: 'Title' }))).toBeNull();
  });

  it('checks the required fields in the browser before sending anything', async () => {
    const fetchMock = stubArticles();
    const user = userEvent.setup();
    renderEditor('/kb/new');

    await user.click(screen.getByRole('button', { name: 'Create article' }));

    expect(fieldError(screen.getByRole('textbox', { name: 'Title' }))).toBe('Required');
    expect(fieldError(screen.getByRole('combobox', { name: 'Category' }))).toBe('Choose a category');
    expect(fieldError(screen.getByRole('textbox', { name: 'Body (Markdown)' }))).toBe('Required');
    expect(sentBodies(fetchMock, 'POST', articlesUrl)).toEqual([]);
  });

  it('deletes an article only after confirming, then goes back to the list', async () => {
    const fetchMock = stubArticles();
    const user = userEvent.setup();
    renderEditor('/kb/refund-timing/edit');

    const title = await screen.findByRole<HTMLInputElement>('textbox', { name: 'Title' });
    expect(title.value).toBe('When will I get my refund?');
    await user.click(screen.getByRole('button', { name: 'Delete article' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this article?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'DELETE')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Delete article' }));
    const again = await screen.findByRole('dialog', { name: 'Delete this article?' });
    await user.click(within(again).getByRole('button', { name: 'Delete article' }));

    expect(await screen.findByRole('heading', { name: 'Articles list' })).toBeTruthy();
    expect(
      fetchMock.mock.calls.filter(([url, init]) => url === `${articlesUrl}/refund-timing` && init?.method === 'DELETE'),
    ).toHaveLength(1);
  });
});
