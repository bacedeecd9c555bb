import { normaliseWords } from './analyse.js';

const SNIPPET_CHARS = 180;

// Shorter lines are headings and list items: a sentence reads better as a preview.
const SENTENCE_CHARS = 40;

/**
 * The first sentence-length line of the article that shares a word with the query, shortened around it;
 * else the description.
 */
export function snippetOf(article: { text: string; description: string }, words: ReadonlySet<string>): string {
  for (const line of article.text.split('\n')) {
    if (line.length < SENTENCE_CHARS) continue;
    const lineWords = normaliseWords(line);
    const hit = lineWords.findIndex((word) => word.length > 3 && words.has(word));
    if (hit < 0) continue;
    return shorten(line, lineWords[hit] ?? '');
  }
  return article.description || shorten(article.text.split('\n')[0] ?? '', '');
}

function shorten(line: string, word: string): string {
  if (line.length <= SNIPPET_CHARS) return line;
  const at = Math.max(0, line.toLowerCase().indexOf(word) - 60);
  const start = at === 0 ? 0 : line.indexOf(' ', at) + 1;
  const excerpt = line.slice(start, start + SNIPPET_CHARS);
  const cut = excerpt.lastIndexOf(' ');
  return `${start > 0 ? '…' : ''}${cut > 100 ? excerpt.slice(0, cut) : excerpt}…`;
}
