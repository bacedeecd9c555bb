import type { TypingEvent } from '@caseflow/contract';
import { Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { sendTyping, subscribeLive } from '../../lib/live-updates';

/** While someone writes, one notice per this interval is enough to keep the others' indicator on. */
export const TYPING_SEND_EVERY_MS = 2_000;
/** How long "… is typing" stays after the writer's last notice: two notices' worth, so it does not flicker. */
export const TYPING_SHOWN_MS = 4_000;

/** Returns a function to call on every edit of the reply; it sends at most one notice per interval. */
export function useTypingNotifier(caseId: number) {
  const lastSentAt = useRef(Number.NEGATIVE_INFINITY);
  return useCallback(
    (internal: boolean) => {
      const now = Date.now();
      if (now - lastSentAt.current < TYPING_SEND_EVERY_MS) return;
      lastSentAt.current = now;
      sendTyping({ caseId, internal });
    },
    [caseId],
  );
}

/** The people writing in this case right now (the server never sends us our own notices). */
function useWriters(caseId: number): TypingEvent[] {
  const [writers, setWriters] = useState<TypingEvent[]>([]);
  useEffect(() => {
    const timers = new Map<number, ReturnType<typeof setTimeout>>();
    const unsubscribe = subscribeLive('message.typing', (event) => {
      if (event.caseId !== caseId) return;
      setWriters((current) => [...current.filter((writer) => writer.userId !== event.userId), event]);
      clearTimeout(timers.get(event.userId));
      const timer = setTimeout(() => {
        timers.delete(event.userId);
        setWriters((current) => current.filter((writer) => writer.userId !== event.userId));
      }, TYPING_SHOWN_MS);
      timers.set(event.userId, timer);
    });
    return () => {
      unsubscribe();
      for (const timer of timers.values()) clearTimeout(timer);
      setWriters([]);
    };
  }, [caseId]);
  return writers;
}

function describeWriters(writers: TypingEvent[]): string {
  const [first, second] = writers;
  if (!first) return '';
  if (!second) return `${first.name} is typing…`;
  if (writers.length === 2) return `${first.name} and ${second.name} are typing…`;
  return 'Several people are typing…';
}

/** "Name is typing…", announced politely; the live region stays in place so screen readers track it. */
export function TypingIndicator({ caseId }: { caseId: number }) {
  const text = describeWriters(useWriters(caseId));
  return (
    <Text role="status" aria-live="polite" size="sm" c="dimmed" fs="italic" mih="1.5em">
      {text}
    </Text>
  );
}
