import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CreateArticleBody, createArticleBody } from '@caseflow/contract';

// From the sources (features/kb/) and from the server bundle (apps/server/dist/).
const CANDIDATE_FOLDERS = ['../../../data/kb/', '../data/kb/'] as const;

/** The folder of the shipped help content (articles/, questions*.jsonl), wherever the process started. */
export function shippedKbFolder(): string {
  for (const candidate of CANDIDATE_FOLDERS) {
    const folder = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${folder}articles`)) return folder;
  }
  throw new Error('kb: the demo articles (apps/server/data/kb/articles/*.md) are missing');
}

const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/;

/** One article file: `key: value` lines between `---` fences, then the Markdown body. Throws naming the file. */
export function parseArticleFile(text: string, source: string): CreateArticleBody {
  const match = FRONT_MATTER.exec(text.replace(/\r\n/g, '\n'));
  if (!match) throw new Error(`kb: ${source} has no front matter`);
  const fields: Record<string, string> = {};
  for (const line of (match[1] ?? '').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  const parsed = createArticleBody.safeParse({
    slug: fields.slug,
    title: fields.title,
    description: fields.description,
    category: fields.category,
    tags: (fields.tags ?? '')
      .split(',')
      .map((tag) => tag.trim().toLowerCase().replace(/\s+/g, '-'))
      .filter(Boolean),
    body: (match[2] ?? '').trim(),
    status: 'published',
  });
  if (!parsed.success) throw new Error(`kb: ${source}: ${parsed.error.message}`);
  return parsed.data;
}

/** The demo shop's published articles (SPEC §10), in slug order. */
export function loadDemoArticles(): CreateArticleBody[] {
  const folder = `${shippedKbFolder()}articles/`;
  return readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => parseArticleFile(readFileSync(`${folder}${name}`, 'utf8'), name));
}
