// `npm run eval:triage`: trains the offline triage model on the training part of the shipped set and
// prints its figures on the held-out fifth (ids divisible by 5), with 5-fold cross-validation on the
// training part beside them. Exits non-zero when a target is missed.
//   -- --compare   also cross-validates the measured alternatives (naive Bayes, fewer feature kinds, no rules)
//   -- --search    cross-validates a small hyperparameter grid (how DEFAULT_SETTINGS was chosen)
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  crossValidate,
  DEFAULT_SETTINGS,
  formatConfusion,
  formatPerClass,
  type LabelledMessage,
  loadShippedSet,
  percent,
  predict,
  type Scores,
  scorePredictions,
  type TriageModel,
  type TriageSettings,
  trainTriageModel,
} from '../features/triage/model/index.js';

const TARGETS = { categoryAccuracy: 0.9, priorityAccuracy: 0.85, urgentRecall: 0.95 } as const;
const SHORT_MESSAGE = { subject: 'Blender arrived cracked', description: 'The jar is cracked.' };
const args = new Set(process.argv.slice(2));

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

function timeTraining(examples: readonly LabelledMessage[], runs: number): { first: number; median: number } {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    trainTriageModel(examples);
    times.push(performance.now() - started);
  }
  return { first: times[0]!, median: median(times) };
}

/** µs per classify(): the median of repeated timed batches, after a warm-up. */
function microsecondsPerClassify(model: TriageModel, messages: readonly LabelledMessage[]) {
  for (let i = 0; i < 20_000; i++) model.classify(SHORT_MESSAGE);
  for (let round = 0; round < 20; round++) for (const message of messages) model.classify(message);
  const shortBatches: number[] = [];
  for (let batch = 0; batch < 25; batch++) {
    const started = performance.now();
    for (let i = 0; i < 2000; i++) model.classify(SHORT_MESSAGE);
    shortBatches.push(((performance.now() - started) * 1000) / 2000);
  }
  const perMessage = messages.map((message) => {
    const started = performance.now();
    for (let i = 0; i < 50; i++) model.classify(message);
    return ((performance.now() - started) * 1000) / 50;
  });
  const sorted = [...perMessage].sort((a, b) => a - b);
  const longest = messages.reduce((best, m) => Math.max(best, m.subject.length + m.description.length), 0);
  const huge = { subject: 'Refund', description: 'My kettle caught fire and I want a refund. '.repeat(2500) };
  const started = performance.now();
  for (let i = 0; i < 200; i++) model.classify(huge);
  return {
    short: median(shortBatches),
    heldOutMedian: median(perMessage),
    heldOutP90: sorted[Math.floor(sorted.length * 0.9)]!,
    heldOutMax: sorted[sorted.length - 1]!,
    longest,
    huge: ((performance.now() - started) * 1000) / 200,
    hugeLength: huge.description.length,
  };
}

function summaryTable(heldOut: Scores, crossValidated: Scores): string {
  const rows: Array<[string, (s: Scores) => number, number | undefined]> = [
    ['category accuracy', (s) => s.categoryAccuracy, TARGETS.categoryAccuracy],
    ['priority accuracy', (s) => s.priorityAccuracy, TARGETS.priorityAccuracy],
    ['urgent recall', (s) => s.urgentRecall, TARGETS.urgentRecall],
    ['urgent precision', (s) => s.urgentPrecision, undefined],
    ['tag precision', (s) => s.tagPrecision, undefined],
    ['tag recall', (s) => s.tagRecall, undefined],
  ];
  const lines = [
    `${'metric'.padEnd(18)} ${'held-out'.padStart(9)} ${'5-fold CV'.padStart(10)} ${'target'.padStart(7)}`,
    `${''.padEnd(18)} ${`n=${heldOut.examples}`.padStart(9)} ${`n=${crossValidated.examples}`.padStart(10)}`,
  ];
  for (const [name, value, target] of rows) {
    const mark = target === undefined ? '' : value(heldOut) >= target ? '  ok' : '  MISSED';
    lines.push(
      `${name.padEnd(18)} ${percent(value(heldOut)).padStart(9)} ${percent(value(crossValidated)).padStart(10)} ${(target === undefined ? '' : `≥${percent(target)}`).padStart(7)}${mark}`,
    );
  }
  return lines.join('\n');
}

interface Overrides {
  features?: Partial<TriageSettings['features']>;
  classifier?: Partial<TriageSettings['classifier']>;
  urgentWeight?: number;
  rules?: boolean;
}

function variant({ features, classifier, ...rest }: Overrides): TriageSettings {
  return {
    ...DEFAULT_SETTINGS,
    ...rest,
    features: { ...DEFAULT_SETTINGS.features, ...features },
    classifier: { ...DEFAULT_SETTINGS.classifier, ...classifier },
  };
}

function crossValidatedLine(name: string, training: readonly LabelledMessage[], settings: TriageSettings): string {
  const started = performance.now();
  const s = scorePredictions(crossValidate(training, (examples) => trainTriageModel(examples, settings)));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return `${name.padEnd(40)} ${percent(s.categoryAccuracy).padStart(8)} ${percent(s.priorityAccuracy).padStart(8)} ${percent(s.urgentRecall).padStart(8)} ${percent(s.urgentPrecision).padStart(8)} ${`${seconds} s`.padStart(7)}`;
}

function printVariants(
  title: string,
  training: readonly LabelledMessage[],
  variants: ReadonlyArray<[string, TriageSettings]>,
) {
  console.log(`\n${title} (5-fold CV on the training part)`);
  console.log(
    `${'variant'.padEnd(40)} ${'category'.padStart(8)} ${'priority'.padStart(8)} ${'urg rec'.padStart(8)} ${'urg prec'.padStart(8)} ${'time'.padStart(7)}`,
  );
  for (const [name, settings] of variants) console.log(crossValidatedLine(name, training, settings));
}

const ALTERNATIVES: ReadonlyArray<[string, TriageSettings]> = [
  ['chosen: softmax, words+bigrams+char 3-5', DEFAULT_SETTINGS],
  ['complement naive Bayes (same features)', variant({ classifier: { kind: 'complement-nb' } })],
  [
    'complement naive Bayes, no char n-grams',
    variant({ classifier: { kind: 'complement-nb' }, features: { charWeight: 0 } }),
  ],
  ['multinomial naive Bayes (same features)', variant({ classifier: { kind: 'multinomial-nb' } })],
  [
    'multinomial naive Bayes, no char n-grams',
    variant({ classifier: { kind: 'multinomial-nb', alpha: 0.1 }, features: { charWeight: 0 } }),
  ],
  [
    'softmax, words only',
    variant({ features: { bigramWeight: 0, charWeight: 0, openingWeight: 0, subjectWeight: 0 } }),
  ],
  ['softmax, no char n-grams', variant({ features: { charWeight: 0 } })],
  [
    'softmax, char 3-5 only',
    variant({ features: { wordWeight: 0, bigramWeight: 0, openingWeight: 0, subjectWeight: 0 } }),
  ],
  ['softmax, char 4-5 instead of 3-5', variant({ features: { charMin: 4 } })],
  ['softmax, no priority cues', variant({ features: { cueWeight: 0 } })],
  ['softmax, no opening/subject features', variant({ features: { openingWeight: 0, subjectWeight: 0 } })],
  ['softmax, no rules (model only)', variant({ rules: false })],
];

function searchGrid(): Array<[string, TriageSettings]> {
  const grid: Array<[string, TriageSettings]> = [];
  for (const learningRate of [0.25, 0.5, 1]) {
    for (const l2 of [3e-5, 1e-4, 3e-4])
      grid.push([`lr ${learningRate} l2 ${l2}`, variant({ classifier: { learningRate, l2 } })]);
  }
  for (const epochs of [4, 8, 16])
    grid.push([`epochs ${epochs}`, variant({ classifier: { epochs, averageFrom: epochs / 2 } })]);
  for (const bigramWeight of [0.3, 1])
    grid.push([`bigram weight ${bigramWeight}`, variant({ features: { bigramWeight } })]);
  for (const charWeight of [0.6, 1.5]) grid.push([`char weight ${charWeight}`, variant({ features: { charWeight } })]);
  for (const cueWeight of [0.1, 0.4]) grid.push([`cue weight ${cueWeight}`, variant({ features: { cueWeight } })]);
  for (const openingWeight of [0.6])
    grid.push([`opening weight ${openingWeight}`, variant({ features: { openingWeight } })]);
  for (const subjectWeight of [0.6])
    grid.push([`subject weight ${subjectWeight}`, variant({ features: { subjectWeight } })]);
  for (const minDocuments of [1, 3])
    grid.push([`min documents ${minDocuments}`, variant({ features: { minDocuments } })]);
  for (const bits of [16, 18]) grid.push([`hash bits ${bits}`, variant({ features: { bits } })]);
  grid.push(['urgent weight 2', variant({ urgentWeight: 2 })]);
  return grid;
}

const { training, heldOut } = loadShippedSet();
console.log(`Caseflow offline triage: evaluation (${new Date().toISOString().slice(0, 10)})`);
console.log(`Machine: ${cpus().length} vCPU ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}`);
console.log(
  `Shipped set: ${training.length + heldOut.length} messages; training ${training.length}, held-out ${heldOut.length}`,
);

const trainingTime = timeTraining(training, 5);
const model = trainTriageModel(training);
const bigger = Array.from({ length: 2000 }, (_, i) => {
  const example = training[i % training.length]!;
  return { ...example, id: `copy${i}`, subject: `${example.subject} (${Math.floor(i / training.length)})` };
});
const biggerTime = timeTraining(bigger, 3);
const heldOutScores = scorePredictions(predict(model, heldOut));
const crossValidated = scorePredictions(crossValidate(training, (examples) => trainTriageModel(examples)));
console.log(`Model ${model.version}, trained on ${model.trainedOn} messages\n`);

console.log(summaryTable(heldOutScores, crossValidated));
console.log('\nCategories: per class (held-out, with 5-fold CV on the training part)');
console.log(formatPerClass(heldOutScores.category, crossValidated.category));
console.log('\nPriorities: per class (held-out, with 5-fold CV on the training part)');
console.log(formatPerClass(heldOutScores.priority, crossValidated.priority));
console.log('\nCategory confusion, held-out (rows: labelled, columns: predicted)');
console.log(formatConfusion(heldOutScores.category));
console.log('\nPriority confusion, held-out (rows: labelled, columns: predicted)');
console.log(formatConfusion(heldOutScores.priority));
console.log('\nCategory confusion, 5-fold CV on the training part');
console.log(formatConfusion(crossValidated.category));
console.log('\nPriority confusion, 5-fold CV on the training part');
console.log(formatConfusion(crossValidated.priority));

const speed = microsecondsPerClassify(model, heldOut);
console.log('\nTiming');
console.log(
  `  training, ${training.length} messages:   ${trainingTime.first.toFixed(0)} ms first run, ${trainingTime.median.toFixed(0)} ms median of 5`,
);
console.log(
  `  training, ${bigger.length} messages:  ${biggerTime.first.toFixed(0)} ms first run, ${biggerTime.median.toFixed(0)} ms median of 3`,
);
console.log(`  classify, short message ("${SHORT_MESSAGE.subject}"): ${speed.short.toFixed(1)} µs (median)`);
console.log(
  `  classify, held-out messages: ${speed.heldOutMedian.toFixed(1)} µs median, ${speed.heldOutP90.toFixed(1)} µs p90, ${speed.heldOutMax.toFixed(1)} µs max (longest ${speed.longest} chars)`,
);
console.log(
  `  classify, ${Math.round(speed.hugeLength / 1000)} KB message (first 4,000 chars read): ${speed.huge.toFixed(1)} µs`,
);

if (args.has('--compare')) printVariants('Measured alternatives', training, ALTERNATIVES);
if (args.has('--search')) printVariants('Hyperparameter grid', training, searchGrid());

const missed = (Object.keys(TARGETS) as (keyof typeof TARGETS)[]).filter((key) => heldOutScores[key] < TARGETS[key]);
if (missed.length > 0) {
  console.log(`\nTargets missed on the held-out part: ${missed.join(', ')}`);
  process.exitCode = 1;
} else {
  console.log('\nAll held-out targets met.');
}
