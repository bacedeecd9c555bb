import { expect, it } from 'vitest';
import { TriageEngine } from './triage.engine.js';

it('runs retrains one after another: the second reads its corrections only once the first is done', async () => {
  const done: string[] = [];
  const doneWhenLoading: number[] = [];
  const engine = new TriageEngine(
    async () => {
      doneWhenLoading.push(done.length);
      return [];
    },
    { error: () => {} },
  );
  const first = engine.retrain().then(() => done.push('first'));
  const second = engine.retrain().then(() => done.push('second'));
  await Promise.all([first, second]);
  expect(doneWhenLoading).toEqual([0, 1]);
  expect(done).toEqual(['first', 'second']);
});
