import { readFileSync } from 'node:fs';
import type { KbSearchHit } from '@caseflow/contract';

export type Question = { q: string; slug: string };
export type QuestionScore = { total: number; top1: number; top3: number; misses: Array<Question & { got: string[] }> };

/** A question set: one `{q, slug}` per line; a malformed line is a bug in the shipped data. */
export function loadQuestions(path: string): Question[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const row = JSON.parse(line) as Partial<Question>;
      if (typeof row.q !== 'string' || typeof row.slug !== 'string')
        throw new Error(`${path}:${index + 1}: not {q, slug}`);
      return { q: row.q, slug: row.slug };
    });
}

/** How often the answering article comes first, and in the first three; misses are the top-3 misses. */
export function scoreQuestions(search: (query: string) => KbSearchHit[], questions: readonly Question[]) {
  const score: QuestionScore = { total: questions.length, top1: 0, top3: 0, misses: [] };
  for (const question of questions) {
    const got = search(question.q).map((hit) => hit.slug);
    if (got[0] === question.slug) score.top1++;
    if (got.includes(question.slug)) score.top3++;
    else score.misses.push({ ...question, got });
  }
  return score;
}
