// Help search at scale (SPEC §10): GET /kb/search and /kb/suggest latency with 10,000 published articles.
// Articles are written through the API from the 20 demo articles' sentences, shuffled and mixed with
// product names, so the index holds 10,000 different texts of a real article's length; the queries are
// the shipped question sets' customer questions (and, for suggest, their first words as if typed).
// Latency is measured one request at a time over a kept-alive connection, after one warm-up query
// (which builds the index; its time is printed on its own).
// Usage: npx tsx bench/kb.ts [--articles 10000] [--queries 2000] [--postgres URL] [--json]
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { loadDemoArticles, shippedKbFolder } from '../apps/server/src/features/kb/demo-articles.js';
import { createScratchDatabase } from './lib/postgres.js';
import { rssMb } from './lib/process-stats.js';
import { ADMIN, api, inParallel, startServer } from './lib/server-process.js';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    queries: { type: 'string', default: '2000' },
    postgres: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const articleCount = Number(values.articles);
const queryCount = Number(values.queries);

const demo = loadDemoArticles();
const folder = shippedKbFolder();
const questions = ['questions.jsonl', 'questions-holdout.jsonl'].flatMap((file) =>
  readFileSync(`${folder}${file}`, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { q: string }).q),
);
const sentences = demo.flatMap((article) => article.body.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.length > 20));
const PRODUCTS = ['rug', 'lamp', 'kettle', 'heater', 'duvet', 'cushion', 'toaster', 'mirror', 'jumper', 'curtain'];

let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

function syntheticArticle(index: number) {
  const base = demo[index % demo.length];
  if (!base) throw new Error('no demo articles');
  const product = pick(PRODUCTS);
  const body = Array.from({ length: 18 }, () => pick(sentences)).join(' ');
  return {
    slug: `${base.slug}-${product}-${index}`,
    title: `${base.title} (${product} ${index})`,
    body: `${base.body.slice(0, 600)}\n\n${body}`,
    category: base.category,
    tags: [...base.tags.slice(0, 4), product],
    status: 'published' as const,
  };
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
function timedGet(url: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    request(url, { agent: keepAlive }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${url}: ${res.statusCode}`)),
      );
    })
      .on('error', reject)
      .end();
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (value: number) => Math.round(value * 100) / 100;

const scratch = values.postgres ? await createScratchDatabase(values.postgres, 'caseflow_kb') : undefined;
const server = await startServer({ databaseUrl: scratch?.url });
try {
  const admin = await api<{ token: string }>(server.url, 'POST', '/auth/login', { body: ADMIN });
  const loadStarted = performance.now();
  await inParallel(articleCount, 8, (index) =>
    api(server.url, 'POST', '/kb/articles', { token: admin.token, body: syntheticArticle(index) }),
  );
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const rssBefore = rssMb(server.child.pid) ?? 0;
  const firstQueryMs = await timedGet(`${server.url}/api/v1/kb/search?q=refund`);
  const rssAfterIndex = rssMb(server.child.pid) ?? 0;

  const measure = async (path: string, toQuery: (question: string) => string) => {
    const times: number[] = [];
    for (let i = 0; i < queryCount; i++) {
      const q = encodeURIComponent(toQuery(questions[i % questions.length] ?? 'refund'));
      times.push(await timedGet(`${server.url}/api/v1${path}?q=${q}&limit=5`));
    }
    times.sort((a, b) => a - b);
    return {
      p50Ms: round(percentile(times, 50)),
      p95Ms: round(percentile(times, 95)),
      p99Ms: round(percentile(times, 99)),
    };
  };
  const search = await measure('/kb/search', (question) => question);
  // As typed: the question cut mid-word, somewhere past its first half.
  const suggest = await measure('/kb/suggest', (question) =>
    question.slice(0, Math.max(4, Math.ceil(question.length * 0.7))),
  );
  const long = await measure('/kb/search', (question) => `${question} `.repeat(40).slice(0, 2000));
  const figures = {
    engine: scratch ? 'postgres' : 'sqlite',
    articles: articleCount,
    loadSeconds: round(loadSeconds),
    firstQueryMs: round(firstQueryMs),
    searchP50Ms: search.p50Ms,
    searchP95Ms: search.p95Ms,
    searchP99Ms: search.p99Ms,
    suggestP50Ms: suggest.p50Ms,
    suggestP95Ms: suggest.p95Ms,
    suggestP99Ms: suggest.p99Ms,
    longQueryP95Ms: long.p95Ms,
    rssBeforeIndexMb: rssBefore,
    rssWithIndexMb: rssAfterIndex,
    rssAfterQueriesMb: rssMb(server.child.pid) ?? 0,
  };
  if (values.json) console.log(JSON.stringify(figures));
  else console.table(figures);
} finally {
  await server.stop();
  await scratch?.drop();
}
