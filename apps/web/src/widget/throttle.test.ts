import { describe, expect, it } from 'vitest';
import { throttle } from './throttle';

describe('throttle', () => {
  it('calls at once, then at most once per interval, dropping the calls in between', () => {
    let now = 1_000;
    const calls: number[] = [];
    const typing = throttle(
      (caseId: number) => calls.push(caseId),
      2_000,
      () => now,
    );
    typing(1);
    for (now = 1_000; now < 3_000; now += 100) typing(2);
    expect(calls).toEqual([1]);
    now = 3_000;
    typing(3);
    typing(4);
    expect(calls).toEqual([1, 3]);
    now = 10_000;
    typing(5);
    expect(calls).toEqual([1, 3, 5]);
  });
});
