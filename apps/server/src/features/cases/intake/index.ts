export type { NewCaseInput } from './case-draft.js';
export { creationPipeline, type IntakeStage } from './intake.pipeline.js';
export { type IntakeResult, submitIntake } from './intake.queue.js';
