/** What other features may use of mail. */
export { MAIL_JOB, mailJob } from './mail.job.js';
