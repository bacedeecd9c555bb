/** What other features may use of reports (SPEC §13). */
export { reportsRoutes } from './reports.routes.js';
