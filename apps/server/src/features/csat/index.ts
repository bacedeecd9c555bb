/** What other features may use of customer satisfaction ratings (SPEC §13). */
export { csatToken } from './csat.service.js';
