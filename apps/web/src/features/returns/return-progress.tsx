import type { CaseReturn, DesiredOutcome } from '@caseflow/contract';
import { Text, VisuallyHidden } from '@mantine/core';
import { formatDateTime } from '../../lib/format';
import { STATE_LABELS, stepsOf } from './return-states';
import classes from './returns.module.css';

const STATUS_WORDS = { done: 'done', current: 'current step', upcoming: 'to come' } as const;

/** Where the return stands on its path, as an ordered list (the current step is `aria-current`). */
export function ReturnSteps({
  caseReturn,
  desiredOutcome,
}: {
  caseReturn: CaseReturn;
  desiredOutcome: DesiredOutcome | null;
}) {
  const steps = stepsOf(caseReturn, desiredOutcome);
  return (
    <ol className={classes.steps} aria-label="Progress of the return">
      {steps.map((step, index) => (
        <li
          key={step.key}
          className={classes.step}
          data-status={step.status}
          data-rejected={step.key === 'rejected' || undefined}
          aria-current={step.status === 'current' ? 'step' : undefined}
        >
          <span className={classes.marker} aria-hidden>
            {step.status === 'done' ? '✓' : step.key === 'rejected' ? '✕' : index + 1}
          </span>
          <span>
            {step.label}
            <VisuallyHidden> ({STATUS_WORDS[step.status]})</VisuallyHidden>
          </span>
        </li>
      ))}
    </ol>
  );
}

/** Every move, oldest first, with its date and the reason the customer was given; staff also see who. */
export function ReturnHistory({ caseReturn, showActor }: { caseReturn: CaseReturn; showActor: boolean }) {
  if (caseReturn.history.length === 0) return null;
  return (
    <div>
      <Text size="sm" fw={600}>
        History
      </Text>
      <ol className={classes.history} aria-label="History of the return">
        {caseReturn.history.map((move) => (
          <li key={`${move.at}-${move.to}`}>
            <Text size="sm">
              {STATE_LABELS[move.to]}, {formatDateTime(move.at)}
              {showActor && move.actor ? ` by ${move.actor.name}` : ''}
            </Text>
            {move.reason && (
              <Text size="sm" c="gray.7">
                “{move.reason}”
              </Text>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
