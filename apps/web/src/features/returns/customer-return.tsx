import type { Case, CaseReturn } from '@caseflow/contract';
import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { labelUrl } from './api';
import { ReturnHistory, ReturnSteps } from './return-progress';
import { customerWords, STATE_LABELS } from './return-states';

/** The rejection's reason: the customer always gets one (the server requires it). */
const rejectionReason = (caseReturn: CaseReturn) =>
  caseReturn.history.findLast((move) => move.to === 'rejected')?.reason ?? null;

/**
 * The customer's view of their return (SPEC §12): its RMA number, where it stands in plain words and
 * what happens next, the label to download once sent, and every move with its date. No actions.
 */
export function CustomerReturn({ item, caseReturn }: { item: Case; caseReturn: CaseReturn }) {
  const headingId = useId();
  const reason = caseReturn.state === 'rejected' ? rejectionReason(caseReturn) : null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4" id={headingId}>
            Your return {caseReturn.rma}
          </Title>
          <Badge color={caseReturn.state === 'rejected' ? 'red.9' : 'indigo.8'}>{STATE_LABELS[caseReturn.state]}</Badge>
        </Group>
        <Text>{customerWords(caseReturn, item.desiredOutcome)}</Text>
        {reason && <Text size="sm">Why: {reason}</Text>}
        {caseReturn.state === 'label_sent' && caseReturn.labelAttachmentId && (
          <Anchor href={labelUrl(caseReturn.labelAttachmentId)} c="indigo.8" fw={600} w="fit-content">
            Download your return label
          </Anchor>
        )}
        <ReturnSteps caseReturn={caseReturn} desiredOutcome={item.desiredOutcome} />
        <ReturnHistory caseReturn={caseReturn} showActor={false} />
      </Stack>
    </Paper>
  );
}
