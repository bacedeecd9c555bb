// The first page (issue #25): Lighthouse 12, mobile with its default (simulated) throttling, on /login of a
// fresh server built as `npm start` builds it, in Debian's Chromium. Runs it several times and prints each
// run and the median of every score and metric: one run on a shared 2-CPU machine says little (total
// blocking time is CPU time, so it swings with whatever else runs).
// Lighthouse is fetched by npx at the pinned version (not a dependency: 200 packages only this uses).
// Usage: npm run build:web && npx tsx bench/lighthouse.ts [--runs 5] [--path /login] [--chrome /usr/bin/chromium]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from './lib/server-process.js';

const LIGHTHOUSE = 'lighthouse@12.8.2';
const METRICS = {
  'first-contentful-paint': 'FCP',
  'largest-contentful-paint': 'LCP',
  'total-blocking-time': 'TBT',
  'speed-index': 'SI',
  'cumulative-layout-shift': 'CLS',
} as const;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

type Report = {
  categories: Record<(typeof CATEGORIES)[number], { score: number }>;
  audits: Record<string, { numericValue?: number; score: number | null; title: string; displayValue?: string }>;
};

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    path: { type: 'string', default: '/login' },
    chrome: { type: 'string', default: '/usr/bin/chromium' },
  },
});
const runs = Number(values.runs);
const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const describe = (scores: Record<string, number>, metrics: Record<string, number>) =>
  [
    CATEGORIES.map((name) => `${name} ${Math.round(scores[name] ?? 0)}`).join(', '),
    Object.values(METRICS)
      .map(
        (label) =>
          `${label} ${label === 'CLS' ? (metrics[label] ?? 0).toFixed(3) : `${Math.round(metrics[label] ?? 0)} ms`}`,
      )
      .join(', '),
  ].join(' | ');

const server = await startServer({});
const folder = mkdtempSync(join(tmpdir(), 'caseflow-lighthouse-'));
const reports: Report[] = [];
try {
  for (let run = 1; run <= runs; run++) {
    const output = join(folder, `run-${run}.json`);
    execFileSync(
      'npx',
      [
        '--yes',
        LIGHTHOUSE,
        `${server.url}${values.path}`,
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
        '--output=json',
        `--output-path=${output}`,
        '--quiet',
      ],
      { env: { ...process.env, CHROME_PATH: values.chrome }, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const report = JSON.parse(readFileSync(output, 'utf8')) as Report;
    reports.push(report);
    console.log(`run ${run}: ${describe(scoresOf(report), metricsOf(report))}`);
    for (const [id, audit] of Object.entries(report.audits)) {
      if (audit.score === 0 && !id.includes('insight')) console.log(`  scored 0: ${audit.title}`);
    }
  }
} finally {
  await server.stop();
}

function scoresOf(report: Report) {
  return Object.fromEntries(CATEGORIES.map((name) => [name, report.categories[name].score * 100]));
}
function metricsOf(report: Report) {
  return Object.fromEntries(
    Object.entries(METRICS).map(([id, label]) => [label, report.audits[id]?.numericValue ?? Number.NaN]),
  );
}
const medianOf = (pick: (report: Report) => Record<string, number>) => {
  const all = reports.map(pick);
  return Object.fromEntries(Object.keys(all[0] ?? {}).map((key) => [key, median(all.map((one) => one[key] ?? 0))]));
};
console.log(
  `median of ${runs} (${LIGHTHOUSE}, mobile, ${values.path}): ${describe(medianOf(scoresOf), medianOf(metricsOf))}`,
);
