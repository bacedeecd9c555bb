/** What other features may use of customer satisfaction ratings (SPEC §13). */
export { csatRoutes } from './csat.routes.js';
export { csatToken } from './csat.service.js';
