// The triage feature's door: what other features may use.
export { triageKeys, useRetrainTriage, useTriagePreview, useTriageStats } from './api';
export { ConfidenceMeter } from './confidence-meter';
export { TriageWhy } from './triage-why';
