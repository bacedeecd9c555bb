import type { TriageRecord } from '@caseflow/contract';
import { Anchor, List, Stack, Text } from '@mantine/core';
import { useId, useState } from 'react';

/** The "why" of a triage record: the words and rules that decided, and which model decided. */
export function TriageWhy({ triage }: { triage: Pick<TriageRecord, 'reasons' | 'model' | 'version'> }) {
  const [isOpen, setOpen] = useState(false);
  const id = useId();
  return (
    <Stack gap="xs">
      {/* A link-styled toggle: indigo.8 keeps 4.5:1 on white, even hovered (a subtle button's tint does not). */}
      <Anchor
        component="button"
        type="button"
        size="sm"
        c="indigo.8"
        w="fit-content"
        aria-expanded={isOpen}
        aria-controls={id}
        onClick={() => setOpen((open) => !open)}
      >
        {isOpen ? 'Hide why' : 'Why?'}
      </Anchor>
      {isOpen && (
        <Stack id={id} gap={4}>
          {triage.reasons.length > 0 ? (
            <List size="sm" spacing={2} aria-label="Reasons">
              {[...new Set(triage.reasons)].map((reason) => (
                <List.Item key={reason}>
                  <Text size="sm" ff="monospace" component="span">
                    {reason}
                  </Text>
                </List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm">No single word or rule decided: the model weighed the text as a whole.</Text>
          )}
          <Text size="xs" c="gray.7">
            Model {triage.model}, version {triage.version}
          </Text>
        </Stack>
      )}
    </Stack>
  );
}
