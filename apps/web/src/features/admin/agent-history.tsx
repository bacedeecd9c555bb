import type { ActivityEvent, Agent } from '@caseflow/contract';
import { Modal } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ActivityList } from '../../components/activity-list';
import { QueryState } from '../../components/query-state';
import { api } from '../../lib/api-client';
import { labelOf } from '../../lib/format';

function describe(event: ActivityEvent): string {
  const by = event.actor ? `by ${event.actor.name}` : 'automatically';
  switch (event.type) {
    case 'agent.added':
      return `Added with capacity ${event.to} ${by}`;
    case 'agent.availability_changed':
      return `${labelOf(event.from ?? '')} → ${labelOf(event.to ?? '')} ${by}${event.reason === 'disconnected' ? ' (no connection)' : ''}`;
    case 'agent.capacity_changed':
      return `Capacity ${event.from} → ${event.to} ${by}`;
    case 'agent.removed':
      return `Removed ${by}`;
    case 'agent.teams_changed':
      return event.reason === 'left' ? `Left ${event.from ?? 'a team'} ${by}` : `Joined ${event.to ?? 'a team'} ${by}`;
    default:
      return labelOf(event.type);
  }
}

/** An agent's status timeline (availability, capacity, teams), newest first, from the activity log. */
export function AgentHistoryModal({
  agent,
  opened,
  onClose,
}: {
  agent: Agent | null;
  opened: boolean;
  onClose: () => void;
}) {
  const history = useQuery({
    queryKey: ['agents', agent?.id, 'events'],
    queryFn: () => api<{ items: ActivityEvent[] }>('GET', `/agents/${agent?.id}/events`).then((result) => result.items),
    enabled: opened && agent !== null,
  });
  return (
    <Modal opened={opened} onClose={onClose} title={`Status history of ${agent?.name ?? 'agent'}`}>
      <QueryState query={history} isEmpty={(items) => items.length === 0} empty="No status changes yet.">
        {(items) => <ActivityList events={items} describe={describe} />}
      </QueryState>
    </Modal>
  );
}
