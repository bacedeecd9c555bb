/** A row of the activity log as the application writes one for a case (a system line, internal). */
export function logRow(caseId: number, type: string, createdAt: number, from: string | null, to: string | null) {
  return {
    type,
    case_id: caseId,
    agent_id: null,
    actor_id: null,
    from_value: from,
    to_value: to,
    reason: null,
    visibility: 'internal' as const,
    created_at: createdAt,
  };
}
