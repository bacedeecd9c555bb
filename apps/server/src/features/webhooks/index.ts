/** What other features may use of webhooks. */
export { requireWebhookFor } from './webhooks.service.js';
