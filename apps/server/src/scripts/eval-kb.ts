// `npm run eval:kb`: how well help search finds the article that answers customers' questions (SPEC §10).
import { cpus } from 'node:os';
import { loadDemoArticles, shippedKbFolder } from '../features/kb/demo-articles.js';
import { searchIndex, toIndexed } from '../features/kb/kb.search.js';
import { loadQuestions, type QuestionScore, scoreQuestions } from '../features/kb/search/evaluation.js';
import { KbIndex } from '../features/kb/search/kb-index.js';
import { TriageEngine } from '../features/triage/index.js';

const TARGETS = { top1: 0.8, top3: 0.95 };
const percent = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(1)} %`;

const articles = loadDemoArticles();
const index = new KbIndex(
  articles.map((article, position) =>
    toIndexed({
      id: position + 1,
      ...article,
      description: article.description ?? '',
      tags: JSON.stringify(article.tags),
    }),
  ),
);
const folder = shippedKbFolder();
// As in the server: the triage model, trained on the shipped messages, gives the category prior.
const triage = new TriageEngine(async () => [], { error: (details, message) => console.error(message, details) });
await triage.ready();
const sets = [
  { name: 'question set', file: 'questions.jsonl' },
  { name: 'held-out set 1 (never used to tune)', file: 'questions-holdout.jsonl' },
  {
    name: 'held-out set 2 (written by someone who never saw the search code or the other sets)',
    file: 'questions-holdout-2.jsonl',
  },
];

console.log(`Caseflow help search: evaluation (${new Date().toISOString().slice(0, 10)})`);
console.log(`Machine: ${cpus().length} vCPU ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}`);
console.log(`Articles: ${articles.length}`);

let missed = false;
for (const set of sets) {
  const questions = loadQuestions(`${folder}${set.file}`);
  const search = scoreQuestions((q) => searchIndex(index, triage, q, 3), questions);
  const typing = scoreQuestions((q) => searchIndex(index, triage, q, 3, { typing: true }), questions);
  console.log(`\n${set.name}: ${questions.length} questions (${set.file})`);
  printScore('  search ', search);
  printScore('  suggest', typing);
  if (set.file === 'questions.jsonl')
    for (const miss of search.misses)
      console.log(`    miss: "${miss.q}" → want ${miss.slug}, got ${miss.got.join(', ') || 'nothing'}`);
  // The targets hold on the question set (issue 21); the held-out sets measure how far it generalises.
  const isTarget = set.file === 'questions.jsonl';
  if (isTarget && (search.top1 / search.total < TARGETS.top1 || search.top3 / search.total < TARGETS.top3))
    missed = true;
}
console.log(
  `\nTargets on the question set: top-1 ≥ ${TARGETS.top1 * 100} %, top-3 ≥ ${TARGETS.top3 * 100} %: ${missed ? 'MISSED' : 'met'} (the held-out sets are measured, not gated)`,
);
if (missed) process.exitCode = 1;

function printScore(label: string, score: QuestionScore) {
  console.log(`${label}  top-1 ${percent(score.top1, score.total)}   top-3 ${percent(score.top3, score.total)}`);
}
