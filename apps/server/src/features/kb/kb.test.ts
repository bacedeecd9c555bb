import type { Article, KbSearchResult, KbStats } from '@caseflow/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';
import { until } from '../../testing/until.js';

const HOSTILE = [
  '# Returns <script>alert(1)</script>',
  '<img src=x onerror="alert(1)"> <iframe src="https://evil.example"></iframe> <a href="#" onclick="x()">a</a>',
  '[click](javascript:alert(1)) [two](JavaScript:alert(1)) [three](data:text/html,<script>x</script>) [four](vbscript:x)',
  '![pic](javascript:alert(1)) <style>body{display:none}</style> <svg onload=alert(1)>',
].join('\n\n');

const ARTICLES = [
  {
    slug: 'refund-timing',
    title: 'When will I get my refund?',
    body: 'Refunds go to the original payment method 5–10 business days after the return arrives at our warehouse.',
    category: 'billing',
    tags: ['refund'],
  },
  {
    slug: 'late-or-lost-parcel',
    title: 'My order is late or lost',
    body: 'If tracking shows no movement for 5 days or the courier marked it delivered but it is missing, we reship.',
    category: 'delivery',
    tags: ['courier', 'lost'],
  },
  {
    slug: 'reset-password',
    title: 'Reset your password',
    body: 'Use "Forgot password" on the sign-in page. The email can take 10 minutes; check your spam folder.',
    category: 'account',
    tags: ['password'],
  },
] as const;

const SAFE_TAGS = new Set(['h1', 'h2', 'p', 'a', 'em', 'strong', 'code', 'ul', 'ol', 'li']);
/** Every real tag in markup (escaped text like `&lt;script&gt;` is not one). */
const tagsIn = (html: string) =>
  [...html.matchAll(/<([a-z][a-z0-9]*)([^>]*)>/gi)].map((match) => ({
    name: (match[1] ?? '').toLowerCase(),
    attributes: match[2] ?? '',
  }));

describe.each(engines)('knowledge base on %s', (engine) => {
  let server: TestServer;
  let admin: Person;
  let agent: Person;
  let customer: Person;
  beforeEach(async () => {
    server = await startTestServer(engine);
    admin = await server.admin();
    agent = await server.addAgent({ name: 'Kim' });
    customer = await server.signup('Rosa');
  });
  afterEach(() => server.close());

  /** `token` null: anonymous. */
  const api = (method: string, url: string, body?: unknown, token: string | null = agent.token) =>
    server.call(method, `/api/v1${url}`, { token: token ?? undefined, body });

  async function publishAll() {
    for (const article of ARTICLES) {
      const reply = await api('POST', '/kb/articles', { ...article, status: 'published' });
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    }
  }
  const search = async (q: string, path = '/kb/search'): Promise<string[]> => {
    const reply = await api('GET', `${path}?q=${encodeURIComponent(q)}`, undefined, null);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return (reply.body as KbSearchResult).items.map((item) => item.slug);
  };

  it('lets staff write, publish, rename and delete articles; the public sees published ones only', async () => {
    const draft = await api('POST', '/kb/articles', { ...ARTICLES[0], tags: ['Refund', 'money'] });
    expect(draft.status).toBe(201);
    expect(draft.body as Article).toMatchObject({
      status: 'draft',
      tags: ['refund', 'money'],
      author: { id: agent.id, name: 'Kim' },
      publishedAt: null,
    });
    expect(draft.body.description).toBe('');
    expect(draft.body.summary).toMatch(/^Refunds go to the original payment method/);
    expect(draft.body.html).toContain('<p>Refunds go');

    expect((await api('GET', '/kb/articles/refund-timing', undefined, null)).status).toBe(404);
    expect((await api('GET', '/kb/articles/refund-timing', undefined, customer.token)).status).toBe(404);
    expect((await api('GET', '/kb/articles', undefined, null)).body.items).toEqual([]);
    expect((await api('GET', '/kb/articles?status=draft')).body.items).toHaveLength(1);
    expect(await search('refund')).toEqual([]);

    const published = await api('PATCH', '/kb/articles/refund-timing', { status: 'published' });
    expect(published.status).toBe(200);
    expect(published.body.publishedAt).not.toBeNull();
    expect((await api('GET', '/kb/articles/refund-timing', undefined, null)).status).toBe(200);
    expect(await search('refund')).toEqual(['refund-timing']);

    const renamed = await api('PATCH', '/kb/articles/refund-timing', { slug: 'refunds', title: 'Refunds' });
    expect(renamed.body).toMatchObject({ slug: 'refunds', title: 'Refunds' });
    expect((await api('GET', '/kb/articles/refund-timing')).status).toBe(404);
    expect(await search('refund')).toEqual(['refunds']);

    expect((await api('DELETE', '/kb/articles/refunds')).status).toBe(204);
    expect((await api('GET', '/kb/articles/refunds')).status).toBe(404);
    expect(await search('refund')).toEqual([]);
  });

  it('refuses a taken slug with 409 and bad fields with 422 naming them, changing nothing', async () => {
    await publishAll();
    const taken = await api('POST', '/kb/articles', { ...ARTICLES[1], slug: 'refund-timing' });
    expect(taken.status).toBe(409);
    expect(taken.body.errors).toEqual([expect.objectContaining({ path: 'slug' })]);
    const renamedOnto = await api('PATCH', '/kb/articles/reset-password', { slug: 'refund-timing' });
    expect(renamedOnto.status).toBe(409);
    expect((await api('GET', '/kb/articles/reset-password')).body.title).toBe('Reset your password');

    for (const [body, field] of [
      [{ ...ARTICLES[0], slug: 'Has Spaces!' }, 'slug'],
      [{ ...ARTICLES[0], slug: 'x', category: 'nonsense' }, 'category'],
      [{ ...ARTICLES[0], slug: 'y', title: '  ' }, 'title'],
      [{ ...ARTICLES[0], slug: 'z', status: 'archived' }, 'status'],
      [{ ...ARTICLES[0], slug: 'w', tags: ['Two words'] }, 'tags.0'],
      [{ ...ARTICLES[0], slug: 'v', description: ' a\u0000b ' }, 'description'],
      [{ ...ARTICLES[0], slug: 'u', body: 'a\u0000b' }, 'body'],
    ] as const) {
      const reply = await api('POST', '/kb/articles', body);
      expect(reply.status, JSON.stringify(body)).toBe(422);
      expect(JSON.stringify(reply.body.errors)).toContain(field);
    }
    expect((await api('PATCH', '/kb/articles/reset-password', {})).status).toBe(422);
    expect((await api('GET', '/kb/articles')).body.items).toHaveLength(3);
  });

  it('neutralises hostile Markdown and HTML in the API, the preview and the help center', async () => {
    const created = await api('POST', '/kb/articles', {
      slug: 'hostile',
      title: '<script>alert("title")</script>',
      body: HOSTILE,
      category: 'account',
      status: 'published',
    });
    expect(created.status).toBe(201);
    const preview = await api('POST', '/kb/preview', { body: HOSTILE });
    const page = await server.call('GET', '/help/hostile');
    expect(page.status).toBe(200);
    for (const html of [created.body.html as string, preview.body.html as string]) {
      expect(tagsIn(html).filter((tag) => !SAFE_TAGS.has(tag.name))).toEqual([]);
      expect(html).toContain('&lt;script&gt;');
    }
    const pageTags = tagsIn(page.body as string);
    expect(pageTags.filter((tag) => ['script', 'iframe', 'svg', 'img', 'object', 'embed'].includes(tag.name))).toEqual(
      [],
    );
    for (const tag of [...pageTags, ...tagsIn(created.body.html)]) {
      expect(tag.attributes.replace(/="[^"]*"/g, '=""'), tag.name).not.toMatch(/\bon[a-z]+=/i);
      expect(tag.attributes, tag.name).not.toMatch(/(?:href|src)="\s*(?:javascript|data|vbscript):/i);
    }
    expect(page.body).toContain('<title>&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; · Help center</title>');
  });

  it('finds articles in customers’ own words: plurals, spelling slips, paraphrase; odd queries never fail', async () => {
    await publishAll();
    expect((await search('refunds'))[0]).toBe('refund-timing');
    expect((await search('when do i get my mony back'))[0]).toBe('refund-timing');
    expect((await search('my parcel never came'))[0]).toBe('late-or-lost-parcel');
    expect((await search('pasword'))[0]).toBe('reset-password');
    expect((await search('cant log in', '/kb/suggest'))[0]).toBe('reset-password');
    expect((await search('the courier said it was deliv', '/kb/suggest'))[0]).toBe('late-or-lost-parcel');
    const hit = (await api('GET', '/kb/search?q=refund', undefined, null)).body.items[0];
    expect(hit).toMatchObject({ slug: 'refund-timing', title: 'When will I get my refund?', category: 'billing' });
    expect(hit.snippet).toContain('Refunds go to the original payment method');
    expect(hit.score).toBeGreaterThan(0);

    for (const q of [
      '',
      '   ',
      '"',
      '*',
      'refund NEAR parcel',
      'title:refund',
      "'; drop table kb_articles; --",
      '🙂 ünïcödé 退款',
      'x'.repeat(2000),
    ]) {
      const reply = await api('GET', `/kb/search?q=${encodeURIComponent(q)}`, undefined, null);
      expect(reply.status, q.slice(0, 30)).toBe(200);
      expect(Array.isArray(reply.body.items)).toBe(true);
    }
    expect((await api('GET', `/kb/search?q=${'x'.repeat(2001)}`, undefined, null)).status).toBe(422);
    expect((await api('GET', '/kb/search?q=refund&limit=0', undefined, null)).status).toBe(422);
    expect(await search('')).toEqual([]);
  });

  it('records the deflection funnel once per step and reports the rate', async () => {
    await publishAll();
    const feedback = (body: object, token = customer.token) => api('POST', '/kb/feedback', body, token);
    // Visit 1: shown two, opened one, it answered the question.
    for (const body of [
      { session: 'visit-0001', event: 'shown', slug: 'refund-timing' },
      { session: 'visit-0001', event: 'shown', slug: 'refund-timing' },
      { session: 'visit-0001', event: 'shown', slug: 'late-or-lost-parcel' },
      { session: 'visit-0001', event: 'opened', slug: 'refund-timing' },
      { session: 'visit-0001', event: 'deflected', slug: 'refund-timing' },
    ]) {
      expect((await feedback(body)).status).toBe(204);
    }
    // Visit 2: shown one, went on, created a case.
    const created = await api(
      'POST',
      '/cases',
      { subject: 'Refund', description: 'Where is my refund?' },
      customer.token,
    );
    for (const body of [
      { session: 'visit-0002', event: 'shown', slug: 'refund-timing' },
      { session: 'visit-0002', event: 'went_on' },
      { session: 'visit-0002', event: 'created', caseId: created.body.id },
    ]) {
      expect((await feedback(body)).status).toBe(204);
    }
    // Another customer's case cannot be claimed; events without their article or case are refused.
    const other = await server.signup('Omar');
    expect(
      (await feedback({ session: 'visit-0003', event: 'created', caseId: created.body.id }, other.token)).status,
    ).toBe(404);
    expect((await feedback({ session: 'visit-0003', event: 'shown' })).status).toBe(422);
    expect((await feedback({ session: 'visit-0003', event: 'created' })).status).toBe(422);
    expect((await feedback({ session: 'no', event: 'went_on' })).status).toBe(422);

    const stats = await api('GET', '/kb/stats', undefined, admin.token);
    expect(stats.body as KbStats).toEqual({
      sessions: 2,
      shown: 3,
      opened: 1,
      deflected: 1,
      wentOn: 1,
      casesAfterSuggestions: 1,
      deflectionRate: 0.5,
      topDeflecting: [{ slug: 'refund-timing', title: 'When will I get my refund?', deflected: 1 }],
    });
  });

  it('serves the help center without sign-in or JavaScript: titles, descriptions, categories, search', async () => {
    await publishAll();
    await api('POST', '/kb/articles', { ...ARTICLES[0], slug: 'secret-draft', title: 'Unreleased plan' });
    const home = await server.call('GET', '/help');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toMatch(/^text\/html/);
    expect(home.body).toContain('<title>Help center</title>');
    expect(home.body).toContain('href="/help/late-or-lost-parcel"');
    expect(home.body).not.toContain('Unreleased plan');

    const article = await server.call('GET', '/help/late-or-lost-parcel');
    expect(article.body).toContain('<title>My order is late or lost · Help center</title>');
    expect(article.body).toMatch(/<meta name="description" content="If tracking shows no movement/);
    expect(article.body).toContain('<link rel="canonical" href="');
    expect(article.body).not.toContain('<script');

    const category = await server.call('GET', '/help/category/account');
    expect(category.body).toContain('Reset your password');
    expect(category.body).not.toContain('late or lost');

    const results = await server.call('GET', '/help?q=parcel%20never%20arrived');
    expect(results.body).toMatch(/Results for “parcel never arrived”[\s\S]*late-or-lost-parcel/);

    for (const missing of ['/help/secret-draft', '/help/nothing-here', '/help/Bad%20Slug', '/help/category/nonsense']) {
      const reply = await server.call('GET', missing);
      expect(reply.status, missing).toBe(404);
      expect(reply.body).toContain('We could not find that article');
    }
  });

  it.runIf(engine === 'postgres')('sees another process’s article changes in its search within seconds', async () => {
    await publishAll();
    expect((await search('password'))[0]).toBe('reset-password');
    const peer = await server.startPeer();
    try {
      const token = agent.token; // sessions live in the shared database
      const unpublished = await peer.call('PATCH', '/api/v1/kb/articles/reset-password', {
        token,
        body: { status: 'draft' },
      });
      expect(unpublished.status).toBe(200);
      const created = await peer.call('POST', '/api/v1/kb/articles', {
        token,
        body: {
          slug: 'locked-out',
          title: 'Locked out of your account',
          body: 'Too many sign-in attempts lock it.',
          category: 'account',
          status: 'published',
        },
      });
      expect(created.status).toBe(201);
      await until('the first process to see both changes', async () => {
        const found = await search('locked password');
        return found.includes('locked-out') && !found.includes('reset-password');
      });
      expect((await peer.call('DELETE', '/api/v1/kb/articles/locked-out', { token })).status).toBe(204);
      await until(
        'the first process to see the deletion',
        async () => !(await search('locked')).includes('locked-out'),
      );
    } finally {
      await peer.close();
    }
  });
});
