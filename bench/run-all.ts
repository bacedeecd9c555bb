// Runs every benchmark scenario several times and prints the medians as a Markdown table
// (paste it into bench/RESULTS.md with the date and machine). Usage:
//   npm run bench [-- --runs 3] [-- --postgres postgres://…] [-- --scale]
// PostgreSQL scenarios run when --postgres (or TEST_DATABASE_URL) is given; --scale adds the
// 1,000,000-case run, which takes several minutes more.
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    postgres: { type: 'string', default: process.env.TEST_DATABASE_URL ?? '' },
    scale: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const postgres = values.postgres ? ['--postgres', values.postgres] : [];

type Figures = Record<string, unknown>;
interface Scenario {
  name: string;
  script: string;
  args: string[];
  /** Figures shown, by JSON key, and the target each is held against. */
  show: [key: string, target: string][];
  runs?: number;
}

const intakeShow: Scenario['show'] = [
  ['casesPerSecond', '≥ 6,000/s'],
  ['p99Ms', '≤ 25 ms'],
  ['ratioToBaseline', '≥ 0.40'],
  ['serverCpuUsPerRequest', '—'],
  ['cpuRatioToBaseline', '—'],
  ['idleRssMb', '≤ 150 MB'],
  ['peakRssMb', '≤ 300 MB'],
  ['invariantViolations', '0'],
];
const scenarios: Scenario[] = [
  { name: 'intake, SQLite', script: 'bench/intake.ts', args: [], show: intakeShow },
  {
    name: 'intake, SQLite, naive (no lock)',
    script: 'bench/intake.ts',
    args: ['--implementation', 'naive'],
    show: [
      ['casesPerSecond', '—'],
      ['invariantViolations', '—'],
    ],
  },
  {
    name: 'resolve → push, SQLite',
    script: 'bench/resolve-push.ts',
    args: [],
    show: [
      ['p50Ms', '—'],
      ['p99Ms', '≤ 10 ms'],
    ],
  },
];
if (postgres.length > 0) {
  scenarios.push(
    {
      name: 'intake, PostgreSQL, 2 processes',
      script: 'bench/intake.ts',
      args: [...postgres, '--processes', '2'],
      show: [
        ['casesPerSecond', '≥ 2,000/s'],
        ['p99Ms', '—'],
        ['serverCpuUsPerRequest', '—'],
        ['invariantViolations', '0'],
      ],
    },
    {
      name: 'intake, PostgreSQL, 2 processes, naive (no lock)',
      script: 'bench/intake.ts',
      args: [...postgres, '--processes', '2', '--implementation', 'naive'],
      show: [
        ['casesPerSecond', '—'],
        ['invariantViolations', '—'],
      ],
    },
    {
      name: "PostgreSQL's own ceiling for the intake's batches (pgbench, no Node.js)",
      script: 'bench/postgres-ceiling.ts',
      args: postgres,
      show: [['casesPerSecond', '—']],
    },
    {
      name: 'resolve → push, PostgreSQL, 2 processes',
      script: 'bench/resolve-push.ts',
      args: [...postgres, '--processes', '2'],
      show: [
        ['p50Ms', '—'],
        ['p99Ms', '—'],
      ],
    },
  );
}
if (values.scale) {
  scenarios.push({ name: 'scale, 1M cases, SQLite', script: 'bench/scale.ts', args: ['--json'], show: [], runs: 1 });
}

function runOnce(scenario: Scenario): Figures {
  const result = spawnSync(process.execPath, ['--import', 'tsx', scenario.script, ...scenario.args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lastLine = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.status !== 0 || !lastLine.startsWith('{')) {
    throw new Error(`${scenario.script} ${scenario.args.join(' ')} failed (exit ${result.status}):\n${result.stdout}`);
  }
  return JSON.parse(lastLine) as Figures;
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const rows: string[] = [];
for (const scenario of scenarios) {
  const count = scenario.runs ?? runs;
  const all: Figures[] = [];
  for (let run = 1; run <= count; run++) {
    process.stderr.write(`▶ ${scenario.name}: run ${run} of ${count}…\n`);
    const figures = runOnce(scenario);
    all.push(figures);
    process.stderr.write(`  ${JSON.stringify(figures)}\n`);
  }
  const show = scenario.show.length > 0 ? scenario.show : Object.keys(all[0] ?? {}).map((key) => [key, '—'] as const);
  for (const [key, target] of show) {
    const numbers = all.map((figures) => Number(figures[key])).filter((value) => Number.isFinite(value));
    const value = numbers.length === all.length ? String(median(numbers)) : String(all[0]?.[key] ?? '—');
    rows.push(`| ${scenario.name} | ${key} | ${value} | ${numbers.join(' / ') || '—'} | ${target} |`);
  }
  const baselines = all.map(
    (figures) => (figures.baseline as { requestsPerSecond?: number } | undefined)?.requestsPerSecond,
  );
  if (baselines.every((value) => typeof value === 'number')) {
    const numbers = baselines as number[];
    rows.push(`| ${scenario.name} | same-run baseline req/s | ${median(numbers)} | ${numbers.join(' / ')} | — |`);
  }
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `${new Date().toISOString().slice(0, 10)} — ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, medians of ${runs}\n`,
);
console.log('| scenario | figure | median | runs | target |');
console.log('| --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
