import { useMemo, useRef, useState } from 'react';
import { sendFeedback } from './api';

/**
 * 32 hex characters. getRandomValues rather than randomUUID: the latter exists only on secure origins,
 * and a shop may serve Caseflow over plain http on its own network.
 */
function newSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface DeflectionSession {
  readonly id: string;
  /** Each article once per visit, however often it comes and goes while the customer types. */
  recordShown: (slugs: string[]) => void;
  recordOpened: (slug: string) => void;
  recordDeflected: (slug: string) => void;
  recordWentOn: (slug: string) => void;
  /** Only a visit that showed suggestions counts towards the deflection rate. */
  recordCreated: (caseId: number) => void;
}

/** One visit of the new-case form (SPEC §10): its id and the funnel's steps, each sent and forgotten. */
export function useDeflectionSession(): DeflectionSession {
  const [id] = useState(newSessionId);
  const shown = useRef(new Set<string>());
  return useMemo(
    () => ({
      id,
      recordShown: (slugs) => {
        for (const slug of slugs) {
          if (shown.current.has(slug)) continue;
          shown.current.add(slug);
          sendFeedback({ session: id, event: 'shown', slug });
        }
      },
      recordOpened: (slug) => sendFeedback({ session: id, event: 'opened', slug }),
      recordDeflected: (slug) => sendFeedback({ session: id, event: 'deflected', slug }),
      recordWentOn: (slug) => sendFeedback({ session: id, event: 'went_on', slug }),
      recordCreated: (caseId) => {
        if (shown.current.size > 0) sendFeedback({ session: id, event: 'created', caseId });
      },
    }),
    [id],
  );
}
