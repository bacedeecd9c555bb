// The SLA feature's door: what other features may use.
export { SlaBadge } from './sla-badge';
export { describeSla, type SlaSubject } from './sla-status';
