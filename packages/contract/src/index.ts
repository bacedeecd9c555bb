export * from './accounts.js';
export * from './activity.js';
export * from './agents.js';
export * from './cases.js';
export * from './common.js';
export * from './conversation.js';
export * from './dashboard.js';
export * from './mail.js';
