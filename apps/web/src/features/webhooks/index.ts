// The webhooks feature's door: what other features may use.
export {
  type CreatedWebhook,
  type DeliveryStatus,
  useCreateWebhook,
  useDeleteWebhook,
  useDeliveries,
  useRedeliver,
  useSendTestEvent,
  useUpdateWebhook,
  useWebhooks,
  webhookKeys,
} from './api';
export { allEvents, eventDescriptions, eventsSummary, isEveryEvent } from './events';
export { WebhookSelect, webhookLabel } from './webhook-select';
