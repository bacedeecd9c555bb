import { type Case, type CaseReturn, RETURN_MOVES, type ReturnState } from '@caseflow/contract';
import { Anchor, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useId, useRef, useState } from 'react';
import { labelOf } from '../../lib/format';
import { labelUrl } from './api';
import { MoveReturnForm } from './move-return-form';
import { ReturnHistory, ReturnSteps } from './return-progress';
import { FLAG_LABELS, flagMeaning, formatDate, MOVE_LABELS, STATE_LABELS } from './return-states';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="gray.7" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

/** Eligibility warnings (SPEC §12): flagged for the agent to weigh, never refused by the system. */
function ReturnFlags({ caseReturn }: { caseReturn: CaseReturn }) {
  if (caseReturn.flags.length === 0) return null;
  return (
    <ul aria-label="Eligibility warnings" style={{ margin: 0, padding: 0, listStyle: 'none' }}>
      {caseReturn.flags.map((flag) => (
        <li key={flag}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Badge color="orange.9" variant="filled" style={{ flex: 'none' }}>
              {FLAG_LABELS[flag]}
            </Badge>
            <Text size="sm">{flagMeaning(flag, caseReturn.deliveredAt)}</Text>
          </Group>
        </li>
      ))}
    </ul>
  );
}

/**
 * Staff's panel for a case's return: where it stands, its eligibility flags, what was bought and why,
 * the label once sent, and one button per move the workflow allows from here, each with its confirm.
 */
export function ReturnPanel({ item, caseReturn }: { item: Case; caseReturn: CaseReturn }) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [moving, setMoving] = useState<ReturnState | null>(null);
  // After a move its button may be gone: focus goes to the panel's heading rather than nowhere.
  const [hasMoved, setMoved] = useState(false);
  const moves = RETURN_MOVES[caseReturn.state];

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4" id={headingId} ref={heading} tabIndex={-1}>
            Return {caseReturn.rma}
          </Title>
          <Badge color={caseReturn.state === 'rejected' ? 'red.9' : 'indigo.8'}>{STATE_LABELS[caseReturn.state]}</Badge>
        </Group>
        <ReturnFlags caseReturn={caseReturn} />
        <ReturnSteps caseReturn={caseReturn} desiredOutcome={item.desiredOutcome} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Field label={caseReturn.items.length === 1 ? 'Item' : 'Items'}>
            {caseReturn.items.map((returned, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: items have no id of their own, and their order is fixed
              <div key={index}>
                {returned.product ?? 'Product not named'} × {returned.quantity}
                {returned.reason && ` (${labelOf(returned.reason).toLowerCase()})`}
              </div>
            ))}
          </Field>
          <Field label="Wants">{item.desiredOutcome ? labelOf(item.desiredOutcome) : '—'}</Field>
          <Field label="Delivered">{caseReturn.deliveredAt ? formatDate(caseReturn.deliveredAt) : 'Not given'}</Field>
          {caseReturn.labelAttachmentId && (
            <Field label="Label">
              <Anchor href={labelUrl(caseReturn.labelAttachmentId)} c="indigo.8">
                Download the label
              </Anchor>
            </Field>
          )}
        </SimpleGrid>
        {moves.length > 0 ? (
          <Group gap="xs" role="group" aria-label={`Move return ${caseReturn.rma}`}>
            {moves.map((to) => (
              <Button
                key={to}
                size="xs"
                variant={to === 'rejected' ? 'outline' : 'filled'}
                color={to === 'rejected' ? 'red.9' : 'teal.9'}
                onClick={() => {
                  setMoved(false);
                  setMoving(to);
                }}
              >
                {MOVE_LABELS[to]}…
              </Button>
            ))}
          </Group>
        ) : (
          <Text size="sm" c="gray.7">
            This return is finished; it moves no further.
          </Text>
        )}
        <ReturnHistory caseReturn={caseReturn} showActor />
      </Stack>
      <Modal
        opened={moving !== null}
        onClose={() => setMoving(null)}
        title={moving ? `${MOVE_LABELS[moving]}: return ${caseReturn.rma}` : ''}
        closeButtonProps={{ 'aria-label': 'Close' }}
        returnFocus={!hasMoved}
        onExitTransitionEnd={() => {
          if (hasMoved) heading.current?.focus();
        }}
      >
        {moving && (
          <MoveReturnForm
            caseId={item.id}
            caseReturn={caseReturn}
            to={moving}
            onCancel={() => setMoving(null)}
            onDone={() => {
              setMoved(true);
              setMoving(null);
            }}
          />
        )}
      </Modal>
    </Paper>
  );
}
