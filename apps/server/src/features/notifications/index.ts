/** What other features (and the app's wiring) may use of case mail. */
export { caseMailJobs } from './case-mail.jobs.js';
export { enqueueCaseMail } from './case-mail.subscriber.js';
export { unsubscribeRoutes } from './unsubscribe.routes.js';
export { unsubscribeToken } from './unsubscribe-token.js';
