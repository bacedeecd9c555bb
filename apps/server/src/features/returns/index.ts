/** What other features may use of returns (SPEC §12). */
export { openReturnsForNewCases, type ReturnableCase } from './returns.intake.js';
export { findCaseReturn, findCaseReturns, returnAsSeenBy } from './returns.read.js';
