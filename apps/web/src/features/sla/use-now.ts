import { useSyncExternalStore } from 'react';

const TICK_MS = 15_000;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

// One timer for every badge on the page, running only while one is mounted.
function subscribe(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(() => {
    for (const notify of listeners) notify();
  }, TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

// Rounded to the tick, so React sees the same value until the next one.
const snapshot = () => Math.floor(Date.now() / TICK_MS) * TICK_MS;

/** The current time, re-rendering every 15 seconds: "due in 25 min" keeps counting down between refetches. */
export const useNow = () => useSyncExternalStore(subscribe, snapshot);
