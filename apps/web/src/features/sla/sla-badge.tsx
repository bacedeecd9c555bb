import type { SlaState } from '@caseflow/contract';
import { Badge, Group, Text } from '@mantine/core';
import { describeSla, type SlaSubject } from './sla-status';
import { useNow } from './use-now';

// Explicit shades (as components/badges.tsx): with autoContrast these keep the text at 4.5:1 or better.
const look: Record<SlaState, { color: string; variant: 'filled' | 'outline' }> = {
  ok: { color: 'teal.9', variant: 'outline' },
  at_risk: { color: 'orange.4', variant: 'filled' },
  breached: { color: 'red.9', variant: 'filled' },
  paused: { color: 'gray.7', variant: 'outline' },
  met: { color: 'teal.9', variant: 'filled' },
};

/**
 * The case's SLA state as a coloured badge and, beside it, the due time that matters in words (the
 * colour is never the only sign). Staff only: a due time is not a promise to the customer.
 * `withName` says "SLA" in the badge, for places without an SLA column heading.
 */
export function SlaBadge({
  item,
  withName = false,
  size = 'sm',
}: {
  item: SlaSubject;
  withName?: boolean;
  /** `md` beside the status and priority badges of a case's page. */
  size?: 'sm' | 'md';
}) {
  const now = useNow();
  const view = describeSla(item, now);
  if (!view) return null;
  return (
    <Group gap={6} wrap="wrap" data-sla-state={view.state}>
      <Badge size={size} {...look[view.state]}>
        {withName ? `SLA ${view.label.toLowerCase()}` : view.label}
      </Badge>
      <Text span size={size === 'md' ? 'sm' : 'xs'} c="gray.7">
        {view.detail}
      </Text>
    </Group>
  );
}
