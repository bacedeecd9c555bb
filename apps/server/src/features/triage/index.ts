/** What other features may use of triage (SPEC §9). */
export { TriageEngine } from './triage.engine.js';
export { findTriageState, listCorrectedCases } from './triage.repository.js';
export { PROVIDER_TRIAGE_JOB, providerTriageJob, queueProviderTriage } from './triage.retriage.js';
