import { z } from 'zod';
import { caseStatusSchema } from './cases.js';
import { emailSchema, nameSchema, textSchema, timestampSchema } from './common.js';
import { WIDGET_MESSAGE_LIMIT } from './widget-limits.js';

/**
 * SPEC §14: the chat widget a shop embeds with one script tag. A visitor (a guest) starts a
 * conversation with name, email and a message; it becomes a case through the same intake as the API.
 * The guest's token (in the start reply) opens that one conversation and nothing else: it is sent as
 * `Authorization: Bearer` to the `/widget/conversation` routes and as `auth.guestToken` in the socket
 * handshake. Every widget request must come from an origin listed in WIDGET_ORIGINS (or the app's own).
 */

export { WIDGET_MESSAGE_LIMIT, WIDGET_NAME_LIMIT } from './widget-limits.js';

/** The shop's colour for the launcher and the panel's header, as #rrggbb (stored lower-case). */
export const widgetColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb');

/** What an admin sets (GET/PUT /widget/settings). */
export const widgetSettingsSchema = z.object({
  color: widgetColorSchema,
  /** The first thing a visitor reads when the panel opens. */
  greeting: textSchema(300),
});
export type WidgetSettings = z.infer<typeof widgetSettingsSchema>;
export const DEFAULT_WIDGET_SETTINGS: WidgetSettings = {
  color: '#3b5bdb',
  greeting: 'Hi! Ask us anything: a question about an order, a return, a product. We usually answer within minutes.',
};

/** What the widget loads before it opens (GET /widget/config, public): the settings and whether anyone is there. */
export const widgetConfigSchema = widgetSettingsSchema.extend({
  /** An agent is available now; when false the widget says so, and a conversation still becomes a case. */
  agentsAvailable: z.boolean(),
});
export type WidgetConfig = z.infer<typeof widgetConfigSchema>;

/** POST /widget/conversations: the guest's first message starts a case (triaged, routed, assigned as usual). */
export const startConversationBody = z.object({
  name: nameSchema,
  email: emailSchema,
  message: textSchema(WIDGET_MESSAGE_LIMIT),
});
export type StartConversationBody = z.infer<typeof startConversationBody>;

/** One message of the conversation as the guest sees it (internal notes never reach a guest). */
export const widgetMessageSchema = z.object({
  id: z.number().int(),
  /** `guest`: written by the visitor; `agent`: by support staff. */
  from: z.enum(['guest', 'agent']),
  authorName: z.string(),
  body: z.string(),
  createdAt: timestampSchema,
});
export type WidgetMessage = z.infer<typeof widgetMessageSchema>;

/** GET /widget/conversation: the guest's case and its public messages, oldest first. */
export const widgetConversationSchema = z.object({
  caseId: z.number().int(),
  number: z.string(),
  status: caseStatusSchema,
  /** The agent handling it, once assigned. */
  agentName: z.string().nullable(),
  agentsAvailable: z.boolean(),
  messages: z.array(widgetMessageSchema),
});
export type WidgetConversation = z.infer<typeof widgetConversationSchema>;

export const startConversationReply = z.object({
  /** The guest's secret for this conversation: keep it (the widget keeps it in localStorage). */
  token: z.string(),
  conversation: widgetConversationSchema,
});
export type StartConversationReply = z.infer<typeof startConversationReply>;

/** POST /widget/conversation/messages. */
export const widgetMessageBody = z.object({ body: textSchema(WIDGET_MESSAGE_LIMIT) });
export type WidgetMessageBody = z.infer<typeof widgetMessageBody>;
