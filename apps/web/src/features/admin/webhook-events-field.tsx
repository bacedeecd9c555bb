import type { WebhookEventName } from '@caseflow/contract';
import { Checkbox, Divider, Fieldset, SimpleGrid, Text } from '@mantine/core';
import { useId } from '@mantine/hooks';
import { allEvents, eventDescriptions } from '../webhooks';
import { MUTED } from './feedback';

/**
 * The endpoint's event filter: one checkbox per event plus "All events" (checked, unchecked or mixed).
 * A fieldset rather than Checkbox.Group, whose context would capture the "All events" box too.
 */
export function WebhookEventsField({
  value,
  onChange,
  error,
}: {
  value: WebhookEventName[];
  onChange: (events: WebhookEventName[]) => void;
  error?: string | undefined;
}) {
  const id = useId();
  const isAll = value.length === allEvents.length;
  const toggle = (event: WebhookEventName, checked: boolean) =>
    // Kept in the schema's order, so the list reads the same however it was ticked.
    onChange(allEvents.filter((name) => (name === event ? checked : value.includes(name))));
  return (
    <Fieldset legend="Events" variant="unstyled" aria-describedby={`${id}-description${error ? ` ${id}-error` : ''}`}>
      <Text id={`${id}-description`} size="xs" c={MUTED} mb="xs">
        What this endpoint receives. “All events” means every event listed here today.
      </Text>
      <Checkbox
        label="All events"
        checked={isAll}
        indeterminate={value.length > 0 && !isAll}
        onChange={(event) => onChange(event.currentTarget.checked ? [...allEvents] : [])}
      />
      <Divider my="xs" />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        {allEvents.map((event) => (
          <Checkbox
            key={event}
            value={event}
            label={
              <Text ff="monospace" size="sm" component="span">
                {event}
              </Text>
            }
            description={eventDescriptions[event]}
            checked={value.includes(event)}
            onChange={(change) => toggle(event, change.currentTarget.checked)}
          />
        ))}
      </SimpleGrid>
      {error && (
        <Text id={`${id}-error`} c="red.8" size="sm" mt="xs">
          {error}
        </Text>
      )}
    </Fieldset>
  );
}
