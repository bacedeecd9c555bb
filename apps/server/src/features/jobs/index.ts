/** What other features may use of background jobs. */
export { ForegroundLoad } from './foreground-load.js';
export { type JobDefinition, type JobOutcome, JobRunner, type Pump } from './job-runner.js';
export { type ClaimedJob, insertJobs as enqueueJobs, type NewJob } from './jobs.repository.js';
