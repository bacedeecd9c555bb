import type { QueryKey } from '@tanstack/react-query';

/** How often at most one query key is marked stale by live events (the first of a quiet spell goes at once). */
export const LIVE_REFETCH_WINDOW_MS = 1_000;

/**
 * Marks each query key stale at most once per window: the first event after a quiet spell at once,
 * any that follow within the window together at its end. A busy queue sends every staff member many
 * events a second; refetching the dashboard and the lists for each one would make the staff's own
 * screens the heaviest load on the server, and a refetch cancelled by the next event shows nothing new.
 */
export function createThrottledInvalidation(
  invalidate: (queryKey: QueryKey) => void,
  windowMs = LIVE_REFETCH_WINDOW_MS,
) {
  const openWindows = new Map<string, { timer: ReturnType<typeof setTimeout>; isPending: boolean }>();

  function open(id: string, queryKey: QueryKey) {
    const spell = {
      isPending: false,
      timer: setTimeout(() => {
        openWindows.delete(id);
        if (!spell.isPending) return;
        invalidate(queryKey);
        open(id, queryKey);
      }, windowMs),
    };
    openWindows.set(id, spell);
  }

  return {
    touch(queryKey: QueryKey) {
      const id = JSON.stringify(queryKey);
      const spell = openWindows.get(id);
      if (spell) {
        spell.isPending = true;
        return;
      }
      invalidate(queryKey);
      open(id, queryKey);
    },
    stop() {
      for (const spell of openWindows.values()) clearTimeout(spell.timer);
      openWindows.clear();
    },
  };
}
