import type { AgentState, CaseStatus, Priority } from '@caseflow/contract';
import { Badge } from '@mantine/core';
import { labelOf } from '../lib/format';

// Explicit shades: with autoContrast these keep badge text at 4.5:1 or better.
const statusColor: Record<CaseStatus, string> = {
  new: 'blue.8',
  open: 'teal.9',
  pending: 'yellow.4',
  resolved: 'gray.7',
};
const priorityColor: Record<Priority, string> = { urgent: 'red.9', high: 'orange.4', normal: 'gray.8', low: 'gray.8' };
const stateColor: Record<AgentState, string> = { available: 'teal.9', busy: 'orange.9', away: 'gray.7' };

export const StatusBadge = ({ status }: { status: CaseStatus }) => (
  <Badge color={statusColor[status]} variant="filled">
    {labelOf(status)}
  </Badge>
);

export const PriorityBadge = ({ priority }: { priority: Priority }) => (
  <Badge color={priorityColor[priority]} variant={priority === 'urgent' || priority === 'high' ? 'filled' : 'outline'}>
    {labelOf(priority)}
  </Badge>
);

export const AgentStateBadge = ({ state }: { state: AgentState }) => (
  <Badge color={stateColor[state]} variant="dot">
    {labelOf(state)}
  </Badge>
);
