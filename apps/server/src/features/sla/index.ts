/** What other features may use of SLA clocks and settings (SPEC §13). */
export { slaOf } from './sla.clock.js';
export { SlaService } from './sla.service.js';
export { createSlaTimer } from './sla.timer.js';
