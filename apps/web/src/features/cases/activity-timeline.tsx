import type { ActivityEvent } from '@caseflow/contract';
import { ActivityList } from '../../components/activity-list';
import { QueryState } from '../../components/query-state';
import { labelOf } from '../../lib/format';
import { useCaseEvents } from './api';
import { categoryLabels, isCategory } from './options';

const categoryName = (value: string | null) => (isCategory(value) ? categoryLabels[value] : 'none');
/** A re-triage may change the category or the priority: a category by its name, anything else as it is. */
const valueName = (value: string | null) =>
  isCategory(value) ? categoryLabels[value] : value ? labelOf(value) : 'none';

const slaTargets: Record<string, string> = { first_response: 'first-response', resolution: 'resolution' };

function describe(event: ActivityEvent): string {
  const by = event.actor ? ` by ${event.actor.name}` : '';
  switch (event.type) {
    case 'case.created':
      return `Reported${by}`;
    case 'case.assigned':
      return `Assigned to ${event.agent?.name ?? 'an agent'}${event.actor ? ` (${event.actor.name})` : ' automatically'}`;
    case 'case.released':
      return `Taken from ${event.agent?.name ?? 'the agent'} (${labelOf(event.reason ?? 'released')})`;
    case 'case.status_changed':
      return `${labelOf(event.from ?? '')} → ${labelOf(event.to ?? '')}${by}${event.reason ? ` (${labelOf(event.reason)})` : ''}`;
    case 'case.priority_changed':
      return `Priority ${event.from} → ${event.to}${by}`;
    case 'case.routed':
      // `from` is the category it was routed by (the API's `reason` spells the rule out in enum names).
      return `Sent to ${event.to ?? 'a team'} (${isCategory(event.from) ? categoryLabels[event.from] : 'no category'})`;
    case 'case.transferred':
      return `Transferred${event.from ? ` from ${event.from}` : ''} to ${event.to ?? 'another team'}${by}`;
    case 'case.category_changed':
      return `Category ${categoryName(event.from)} → ${categoryName(event.to)}${by}`;
    case 'case.tags_changed':
      return `Tags ${event.from ?? 'none'} → ${event.to ?? 'none'}${by}`;
    case 'case.retriaged':
      // The optional provider's second opinion (SPEC §9), replacing the offline result while unanswered.
      return `Re-triaged${event.from || event.to ? `: ${valueName(event.from)} → ${valueName(event.to)}` : ''}`;
    case 'case.sla_breached': {
      // `to` names the target the SLA timer saw pass.
      const target = event.to ? slaTargets[event.to] : undefined;
      return target ? `Missed the SLA's ${target} target` : 'Missed an SLA target';
    }
    case 'return.state_changed':
      return `Return ${labelOf(event.from ?? '')} → ${labelOf(event.to ?? '')}${by}`;
    case 'case.rated':
      return event.to && /^[1-5]$/.test(event.to) ? `Rated ${event.to}/5${by}` : `Rated${by}`;
    default:
      return `${labelOf(event.type)}${by}`;
  }
}

/** The case's history from the activity log (customers see its public part). */
export function ActivityTimeline({ caseId }: { caseId: number }) {
  const events = useCaseEvents(caseId);
  return (
    <QueryState query={events} isEmpty={(items) => items.length === 0} empty="No activity yet.">
      {(items) => <ActivityList events={items} describe={describe} />}
    </QueryState>
  );
}
