import type { ActivityEvent } from '@caseflow/contract';
import { Text, Timeline } from '@mantine/core';
import { formatDateTime } from '../lib/format';

/** Activity-log events as a timeline; each view says in its own words what an event means. */
export function ActivityList({
  events,
  describe,
}: {
  events: ActivityEvent[];
  describe: (event: ActivityEvent) => string;
}) {
  return (
    <Timeline bulletSize={12} lineWidth={2}>
      {events.map((event) => (
        <Timeline.Item key={event.id} title={<Text size="sm">{describe(event)}</Text>}>
          <Text size="xs" c="dimmed">
            {formatDateTime(event.createdAt)}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
