import type { WebhookDelivery } from '@caseflow/contract';
import { Code, Table, Text } from '@mantine/core';
import { formatDateTime } from '../../lib/format';
import { MUTED } from './feedback';

type Attempt = WebhookDelivery['attempts'][number];

const answerOf = (attempt: Attempt) => (attempt.statusCode === null ? 'No answer' : `HTTP ${attempt.statusCode}`);

/** Each attempt of one delivery: when, what the receiver answered, how long it took and the first bytes. */
export function DeliveryAttempts({ delivery, id }: { delivery: WebhookDelivery; id: string }) {
  if (delivery.attempts.length === 0)
    return (
      <Text id={id} size="sm" c={MUTED}>
        No attempt yet.
      </Text>
    );
  return (
    <Table id={id} withTableBorder verticalSpacing={4} captionSide="top">
      <Table.Caption>
        Attempts to deliver {delivery.event} ({delivery.eventId})
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Time</Table.Th>
          <Table.Th>Answer</Table.Th>
          <Table.Th>Duration</Table.Th>
          <Table.Th>Response</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {delivery.attempts.map((attempt) => (
          // Attempts have no id of their own; one delivery's are made one after another, never at the same instant.
          <Table.Tr key={attempt.at}>
            <Table.Td>{formatDateTime(attempt.at)}</Table.Td>
            <Table.Td>{answerOf(attempt)}</Table.Td>
            <Table.Td>{attempt.durationMs} ms</Table.Td>
            <Table.Td>
              {attempt.response ? (
                <Code
                  block
                  style={{ maxHeight: 160, overflow: 'auto', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
                >
                  {attempt.response}
                </Code>
              ) : (
                <Text size="sm" c={MUTED}>
                  Empty
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
