/**
 * Calls `action` at once, then at most once per `intervalMs` however often the result is called
 * (calls in between are dropped, not delayed: a typing notice is only worth sending while it is fresh).
 */
export function throttle<Args extends unknown[]>(
  action: (...args: Args) => void,
  intervalMs: number,
  now: () => number = Date.now,
): (...args: Args) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (...args) => {
    const time = now();
    if (time - last < intervalMs) return;
    last = time;
    action(...args);
  };
}
