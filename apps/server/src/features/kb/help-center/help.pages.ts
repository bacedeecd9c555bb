import {
  type Article,
  type ArticleSummary,
  CATEGORY_LABELS,
  type Category,
  type KbSearchHit,
} from '@caseflow/contract';
import { html, SafeHtml } from '../../../http/html.js';

const SITE = 'Help center';

const STYLE = `*{box-sizing:border-box}
body{margin:0;background:#f8f9fa;color:#1f2933;font:17px/1.6 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif}
a{color:#0b5c6b}a:hover{color:#073f4a}
:focus-visible{outline:3px solid #1f2933;outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:16px;top:8px;background:#fff;padding:8px 12px;z-index:1}
header{background:#0b5c6b;color:#fff;padding:20px 16px 28px}
header a{color:#fff}
.wrap{max-width:780px;margin:0 auto}
.brand{font-weight:700;font-size:1.1rem;text-decoration:none}
form.search{display:flex;gap:8px;margin-top:16px}
form.search input{flex:1;min-width:0;font:inherit;padding:10px 12px;border:1px solid #9aa5b1;border-radius:6px}
form.search button,.button{font:inherit;font-weight:600;padding:10px 16px;border:0;border-radius:6px;background:#1f2933;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
main{padding:24px 16px 48px}
h1{font-size:1.7rem;line-height:1.25;margin:0 0 12px}
h2{font-size:1.25rem;margin:28px 0 8px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:16px;padding:0;list-style:none}
.card{background:#fff;border:1px solid #dde2e6;border-radius:8px;padding:16px}
.card h2{margin:0 0 8px;font-size:1.05rem}
.card ul,.results{margin:0;padding-left:18px}
.results{list-style:none;padding:0}
.results li{background:#fff;border:1px solid #dde2e6;border-radius:8px;padding:14px 16px;margin-bottom:12px}
.results p,.muted{color:#52606d;margin:4px 0 0}
.crumbs{font-size:.9rem;margin-bottom:8px}
article{background:#fff;border:1px solid #dde2e6;border-radius:8px;padding:20px 24px}
article table{border-collapse:collapse;width:100%;display:block;overflow-x:auto}
article th,article td{border:1px solid #dde2e6;padding:6px 10px;text-align:left}
article img{max-width:100%}
.help{margin-top:32px;background:#e6f2f4;border-radius:8px;padding:16px 20px}
footer{color:#52606d;font-size:.9rem;text-align:center;padding:0 16px 32px}`;

type Page = { title: string; description: string; canonical?: string; query?: string; body: SafeHtml };

function layout(page: Page): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
<meta name="description" content="${page.description}">
${page.canonical ? html`<link rel="canonical" href="${page.canonical}">` : ''}
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><div class="wrap">
<a class="brand" href="/help">${SITE}</a>
<form class="search" role="search" method="get" action="/help">
<label class="skip" for="help-search">Search the help center</label>
<input id="help-search" type="search" name="q" value="${page.query ?? ''}" placeholder="Describe your question, e.g. where is my parcel" maxlength="2000">
<button type="submit">Search</button>
</form>
</div></header>
<main id="main"><div class="wrap">
${page.body}
<section class="help" aria-labelledby="still-need-help"><h2 id="still-need-help">Still need help?</h2>
<p>Our team answers every case. <a class="button" href="/cases/new">Contact support</a></p></section>
</div></main>
<footer>Caseflow</footer>
</body>
</html>
`.value;
}

const articleLink = (article: { slug: string; title: string }) =>
  html`<a href="/help/${encodeURIComponent(article.slug)}">${article.title}</a>`;

/** `/help`: every category with its articles. */
export function homePage(articles: readonly ArticleSummary[]): string {
  const categories = Object.keys(CATEGORY_LABELS) as Category[];
  const cards = categories.flatMap((category) => {
    const inCategory = articles.filter((article) => article.category === category);
    if (inCategory.length === 0) return [];
    return [
      html`<li class="card"><h2><a href="/help/category/${category}">${CATEGORY_LABELS[category]}</a></h2><ul>${inCategory.map(
        (article) => html`<li>${articleLink(article)}</li>`,
      )}</ul></li>`,
    ];
  });
  return layout({
    title: SITE,
    description: 'Answers on returns, refunds, delivery, payments and your account.',
    body: html`<h1>How can we help?</h1>${
      cards.length ? html`<ul class="grid">${cards}</ul>` : html`<p class="muted">There are no help articles yet.</p>`
    }`,
  });
}

export function categoryPage(category: Category, articles: readonly ArticleSummary[]): string {
  return layout({
    title: `${CATEGORY_LABELS[category]} · ${SITE}`,
    description: `Help articles about ${CATEGORY_LABELS[category].toLowerCase()}.`,
    body: html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/help">${SITE}</a></nav>
<h1>${CATEGORY_LABELS[category]}</h1>
${
  articles.length
    ? html`<ul class="results">${articles.map((article) => html`<li>${articleLink(article)}<p>${article.summary}</p></li>`)}</ul>`
    : html`<p class="muted">No articles in this category yet.</p>`
}`,
  });
}

export function searchPage(query: string, hits: readonly KbSearchHit[]): string {
  const count = hits.length === 1 ? '1 article' : `${hits.length} articles`;
  return layout({
    title: `Search: ${query.slice(0, 60)} · ${SITE}`,
    description: 'Search results in the help center.',
    query,
    body: html`<h1>Results for “${query.slice(0, 200)}”</h1>
<p class="muted" role="status">${hits.length ? `${count} found` : 'Nothing matched. Try other words, or contact support below.'}</p>
<ul class="results">${hits.map((hit) => html`<li>${articleLink(hit)}<p>${hit.snippet}</p></li>`)}</ul>`,
  });
}

export function articlePage(article: Article, related: readonly ArticleSummary[], canonical: string): string {
  const updated = new Date(article.updatedAt).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  return layout({
    title: `${article.title} · ${SITE}`,
    description: article.summary,
    canonical,
    body: html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/help">${SITE}</a> › <a href="/help/category/${article.category}">${CATEGORY_LABELS[article.category]}</a></nav>
<article aria-labelledby="article-title">
<h1 id="article-title">${article.title}</h1>
<p class="muted">Updated ${updated}</p>
${new SafeHtml(article.html)}
</article>
${
  related.length
    ? html`<h2>Related articles</h2><ul>${related.map((item) => html`<li>${articleLink(item)}</li>`)}</ul>`
    : ''
}`,
  });
}

export function notFoundPage(): string {
  return layout({
    title: `Not found · ${SITE}`,
    description: 'This help article does not exist.',
    body: html`<h1>We could not find that article</h1><p>It may have moved. <a href="/help">Browse the help center</a> or search above.</p>`,
  });
}
