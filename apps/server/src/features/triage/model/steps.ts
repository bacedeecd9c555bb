import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Training is written as generators that pause (`yield`) every few milliseconds of work. Run to the end
 * at once (evaluation, tests) or paced (the server): there it gives the event loop back between slices,
 * so a retrain or the first case's training never holds every request for the second it takes.
 */
export type Steps<T> = Generator<void, T>;

/** Rows (weighed or learned) between two pauses: a few milliseconds of work. */
export const ROWS_PER_STEP = 128;

/** Whether a loop over items pauses before item `index`, pausing once every `every` items. */
export const pausesAt = (index: number, every: number): boolean => index % every === every - 1;

/** Runs the steps at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs the steps in slices of about `sliceMs`, letting the event loop run between them. */
export async function runStepsPaced<T>(steps: Steps<T>, sliceMs: number): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
