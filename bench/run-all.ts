// Runs every benchmark scenario several times and prints the medians as a Markdown table
// (paste it into bench/RESULTS.md with the date and machine). Usage:
//   npm run bench [-- --runs 3] [-- --postgres postgres://…] [-- --scale]
// PostgreSQL scenarios run when --postgres (or TEST_DATABASE_URL) is given; --scale adds the
// 1,000,000-case run, which takes several minutes more. Each intake runs with one team and with
// teams (SPEC §8) in turns (single, teams, single, teams, …), and the table adds teams ÷ single, pair
// by pair: on a shared machine neighbouring runs share the most of its noise.
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

/**
 * Scenarios run in turns, run 1 of each, then run 2 of each, …; `ratios` (for two scenarios) adds the
 * second's figure ÷ the first's for each of these keys, per turn, with its target.
 */
interface Group {
  scenarios: Scenario[];
  ratios?: [key: string, target: string][];
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
  ['queuedAfter', '0'],
];
// The teams runs measure no baseline of their own: they are compared with the single-team run beside them.
const teamsShow = intakeShow.filter(([key]) => key !== 'ratioToBaseline' && key !== 'cpuRatioToBaseline');
// Teams may cost at most 15 % of the intake's throughput (the issue); CPU per request is shown beside it.
const teamsRatios: Group['ratios'] = [
  ['casesPerSecond', '≥ 0.85'],
  ['serverCpuUsPerRequest', '—'],
];
// Triage may add at most 10 % CPU per case (SPEC §9, issue 20): two servers, with and without it, loaded in
// alternating windows (bench/triage-ab.ts), with real customer messages and with the intake's one-line case.
const triageShow: Scenario['show'] = [
  ['medianPairRatio', '≤ 1.10'],
  ['offCpuUsPerCase', '—'],
  ['onCpuUsPerCase', '—'],
];
const postgresIntakeShow: Scenario['show'] = [
  ['casesPerSecond', '≥ 2,000/s'],
  ['p99Ms', '—'],
  ['serverCpuUsPerRequest', '—'],
  ['invariantViolations', '0'],
  ['queuedAfter', '0'],
];
const alone = (scenario: Scenario): Group => ({ scenarios: [scenario] });
const groups: Group[] = [
  {
    scenarios: [
      { name: 'intake, SQLite', script: 'bench/intake.ts', args: [], show: intakeShow },
      {
        name: 'intake, SQLite, teams',
        script: 'bench/intake.ts',
        args: ['--scenario', 'teams', '--skip-baseline'],
        show: teamsShow,
      },
    ],
    ratios: teamsRatios,
  },
  alone({
    name: 'triage on ÷ off, real messages',
    script: 'bench/triage-ab.ts',
    args: ['--json'],
    show: triageShow,
  }),
  alone({
    name: 'triage on ÷ off, one-line case',
    script: 'bench/triage-ab.ts',
    args: ['--messages', 'one', '--json'],
    show: triageShow,
  }),
  alone({
    name: 'intake, SQLite, naive (no lock)',
    script: 'bench/intake.ts',
    args: ['--implementation', 'naive'],
    show: [
      ['casesPerSecond', '—'],
      ['invariantViolations', '—'],
    ],
  }),
  alone({
    name: 'resolve → push, SQLite',
    script: 'bench/resolve-push.ts',
    args: [],
    show: [
      ['p50Ms', '—'],
      ['p99Ms', '≤ 10 ms'],
    ],
  }),
  alone({
    name: 'help search, 10,000 articles, SQLite',
    script: 'bench/kb.ts',
    args: ['--json'],
    show: [
      ['searchP95Ms', '≤ 20 ms'],
      ['suggestP95Ms', '≤ 20 ms'],
      ['longQueryP95Ms', '—'],
      ['firstQueryMs', '—'],
      ['rssWithIndexMb', '—'],
    ],
    runs: 1,
  }),
];
if (postgres.length > 0) {
  groups.push(
    {
      scenarios: [
        {
          name: 'intake, PostgreSQL, 2 processes',
          script: 'bench/intake.ts',
          args: [...postgres, '--processes', '2'],
          show: postgresIntakeShow,
        },
        {
          name: 'intake, PostgreSQL, 2 processes, teams',
          script: 'bench/intake.ts',
          args: [...postgres, '--processes', '2', '--scenario', 'teams'],
          show: postgresIntakeShow,
        },
      ],
      ratios: teamsRatios,
    },
    alone({
      name: 'intake, PostgreSQL, 2 processes, naive (no lock)',
      script: 'bench/intake.ts',
      args: [...postgres, '--processes', '2', '--implementation', 'naive'],
      show: [
        ['casesPerSecond', '—'],
        ['invariantViolations', '—'],
      ],
    }),
    alone({
      name: "PostgreSQL's own ceiling for the intake's batches (pgbench, no Node.js)",
      script: 'bench/postgres-ceiling.ts',
      args: postgres,
      show: [['casesPerSecond', '—']],
    }),
    alone({
      name: 'help search, 10,000 articles, PostgreSQL',
      script: 'bench/kb.ts',
      args: [...postgres, '--json'],
      show: [
        ['searchP95Ms', '≤ 20 ms'],
        ['suggestP95Ms', '≤ 20 ms'],
        ['longQueryP95Ms', '—'],
        ['firstQueryMs', '—'],
        ['rssWithIndexMb', '—'],
      ],
      runs: 1,
    }),
    alone({
      name: 'resolve → push, PostgreSQL, 2 processes',
      script: 'bench/resolve-push.ts',
      args: [...postgres, '--processes', '2'],
      show: [
        ['p50Ms', '—'],
        ['p99Ms', '—'],
      ],
    }),
  );
}
if (values.scale) {
  groups.push(
    alone({ name: 'scale, 1M cases, SQLite', script: 'bench/scale.ts', args: ['--json'], show: [], runs: 1 }),
  );
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
const failures: string[] = [];

/**
 * Runs a group's scenarios in turns; returns each scenario's figures, run by run (undefined for a run
 * that failed: it is reported, and the rest of the suite still runs and prints its table).
 */
function runGroup(group: Group): (Figures | undefined)[][] {
  const count = Math.max(...group.scenarios.map((scenario) => scenario.runs ?? runs));
  const all: (Figures | undefined)[][] = group.scenarios.map(() => []);
  for (let run = 1; run <= count; run++) {
    for (const [index, scenario] of group.scenarios.entries()) {
      if (run > (scenario.runs ?? runs)) continue;
      process.stderr.write(`▶ ${scenario.name}: run ${run} of ${scenario.runs ?? runs}…\n`);
      try {
        const figures = runOnce(scenario);
        all[index]?.push(figures);
        process.stderr.write(`  ${JSON.stringify(figures)}\n`);
      } catch (error) {
        all[index]?.push(undefined);
        failures.push(`${scenario.name}, run ${run}`);
        process.stderr.write(`  failed: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  }
  return all;
}

function addRows(scenario: Scenario, runsOf: (Figures | undefined)[]) {
  const all = runsOf.filter((figures) => figures !== undefined);
  if (all.length === 0) {
    rows.push(`| ${scenario.name} | failed | — | — | — |`);
    return;
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

/** The second scenario's figure ÷ the first's, turn by turn, and their median. */
function addRatioRows(group: Group, all: (Figures | undefined)[][]) {
  const [first, second] = group.scenarios;
  const [firstRuns = [], secondRuns = []] = all;
  if (!first || !second) return;
  for (const [key, target] of group.ratios ?? []) {
    const ratios = secondRuns.flatMap((figures, run) => {
      const ratio = Number(figures?.[key]) / Number(firstRuns[run]?.[key]);
      return Number.isFinite(ratio) ? [Number(ratio.toFixed(3))] : [];
    });
    const value = ratios.length > 0 ? median(ratios).toFixed(3) : '—';
    rows.push(`| ${second.name} ÷ ${first.name} | ${key} | ${value} | ${ratios.join(' / ') || '—'} | ${target} |`);
  }
}

for (const group of groups) {
  const all = runGroup(group);
  for (const [index, scenario] of group.scenarios.entries()) addRows(scenario, all[index] ?? []);
  addRatioRows(group, all);
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `${new Date().toISOString().slice(0, 10)} — ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, medians of ${runs}\n`,
);
console.log('| scenario | figure | median | runs | target |');
console.log('| --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
if (failures.length > 0) {
  console.log(`\nfailed: ${failures.join('; ')} (their errors are above, on stderr)`);
  process.exitCode = 1;
}
