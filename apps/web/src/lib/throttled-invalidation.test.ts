import type { QueryKey } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createThrottledInvalidation } from './throttled-invalidation';

describe('throttled invalidation of live queries', () => {
  let invalidated: QueryKey[];
  let throttle: ReturnType<typeof createThrottledInvalidation>;

  beforeEach(() => {
    vi.useFakeTimers();
    invalidated = [];
    throttle = createThrottledInvalidation((queryKey) => invalidated.push(queryKey), 1_000);
  });
  afterEach(() => {
    throttle.stop();
    vi.useRealTimers();
  });

  it('marks the first event of a quiet spell stale at once', () => {
    throttle.touch(['dashboard']);
    expect(invalidated).toEqual([['dashboard']]);
    vi.advanceTimersByTime(5_000);
    expect(invalidated).toEqual([['dashboard']]);
  });

  it('folds a burst into one more invalidation at the end of the window', () => {
    for (let i = 0; i < 50; i++) throttle.touch(['dashboard']);
    expect(invalidated).toHaveLength(1);
    vi.advanceTimersByTime(999);
    expect(invalidated).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(invalidated).toEqual([['dashboard'], ['dashboard']]);
  });

  it('under a steady stream refetches once per window, never missing the last event', () => {
    for (let ms = 0; ms < 3_500; ms += 100) {
      throttle.touch(['cases']);
      vi.advanceTimersByTime(100);
    }
    // At once, then at the end of each of the three full windows and of the one the stream ended in.
    expect(invalidated).toHaveLength(4);
    vi.advanceTimersByTime(1_000);
    expect(invalidated).toHaveLength(5);
    vi.advanceTimersByTime(5_000);
    expect(invalidated).toHaveLength(5);
  });

  it('keeps keys apart', () => {
    throttle.touch(['cases']);
    throttle.touch(['agents']);
    throttle.touch(['cases']);
    expect(invalidated).toEqual([['cases'], ['agents']]);
    vi.advanceTimersByTime(1_000);
    expect(invalidated).toEqual([['cases'], ['agents'], ['cases']]);
  });

  it('forgets pending work when stopped (the user signed out)', () => {
    throttle.touch(['cases']);
    throttle.touch(['cases']);
    throttle.stop();
    vi.advanceTimersByTime(2_000);
    expect(invalidated).toEqual([['cases']]);
  });
});
