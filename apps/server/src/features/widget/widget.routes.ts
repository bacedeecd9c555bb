import {
  startConversationBody,
  startConversationReply,
  widgetConfigSchema,
  widgetConversationSchema,
  widgetMessageBody,
  widgetMessageSchema,
  widgetSettingsSchema,
} from '@caseflow/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize } from '../../http/auth.js';
import { createThrottle } from '../accounts/throttle.js';
import { authorizeGuest, guestOf } from './widget.guest.js';
import { answerPreflight, assertWidgetOrigin } from './widget.origin.js';
import {
  getConversation,
  getWidgetConfig,
  getWidgetSettings,
  postGuestMessage,
  saveWidgetSettings,
  startConversation,
} from './widget.service.js';

const HOUR_SECONDS = 3_600;
/**
 * A guest's messages in a minute, per conversation (and 4× that per address, for a few guests behind one
 * network): far above anyone typing, far below a script flooding a case and its agent.
 */
export const GUEST_MESSAGES_PER_MINUTE = 30;

/** SPEC §14: the chat widget's API. Every route but the admin's settings answers the shops' sites only. */
export const widgetRoutes: FastifyPluginAsyncZod = async (app) => {
  const limits = app.ctx.config.widget;
  // Conversations started per client address (and per email) in an hour: intake from the widget is open to anyone.
  const throttle = createThrottle({
    perIp: limits.startsPerIpPerHour,
    perAccount: limits.startsPerIpPerHour,
    windowSeconds: HOUR_SECONDS,
  });
  const messageThrottle = createThrottle({
    perIp: GUEST_MESSAGES_PER_MINUTE * 4,
    perAccount: GUEST_MESSAGES_PER_MINUTE,
    windowSeconds: 60,
  });
  const fromWidget = async (request: FastifyRequest, reply: FastifyReply) => assertWidgetOrigin(request, reply);

  app.options('/widget/*', { schema: { hide: true } }, async (request, reply) => answerPreflight(request, reply));
  app.get(
    '/widget/config',
    {
      preHandler: fromWidget,
      schema: {
        operationId: 'getWidgetConfig',
        problems: [403],
        tags: ['widget'],
        summary:
          "What the widget shows before a conversation: the shop's colour and greeting, and whether anyone is there",
        security: [],
        response: { 200: widgetConfigSchema },
      },
    },
    async () => getWidgetConfig(app.ctx),
  );
  app.post(
    '/widget/conversations',
    {
      preHandler: fromWidget,
      schema: {
        operationId: 'startWidgetConversation',
        problems: [403, 429],
        tags: ['widget'],
        summary:
          "Start a chat as a guest: the message becomes the guest's case (triaged, routed, assigned as usual); the token opens it",
        security: [],
        body: startConversationBody,
        response: { 201: startConversationReply },
      },
    },
    async (request, reply) => {
      const started = await throttle(
        reply,
        { action: 'widget-start', ip: request.ip, account: request.body.email, onlyFailuresCount: false },
        () => startConversation(app.ctx, request.body),
      );
      return reply.code(201).send(started);
    },
  );
  app.get(
    '/widget/conversation',
    {
      preHandler: [fromWidget, authorizeGuest],
      schema: {
        operationId: 'getWidgetConversation',
        tags: ['widget'],
        summary: "The guest's conversation: its case and public messages, oldest first (the start's token as bearer)",
        response: { 200: widgetConversationSchema },
      },
    },
    async (request) => getConversation(app.ctx, guestOf(request)),
  );
  app.post(
    '/widget/conversation/messages',
    {
      preHandler: [fromWidget, authorizeGuest],
      schema: {
        operationId: 'createWidgetMessage',
        tags: ['widget'],
        summary: "The guest writes in their conversation (the start's token as bearer)",
        problems: [429],
        body: widgetMessageBody,
        response: { 201: widgetMessageSchema },
      },
    },
    async (request, reply) => {
      const guest = guestOf(request);
      const target = {
        action: 'widget-message',
        ip: request.ip,
        account: String(guest.sessionId),
        onlyFailuresCount: false,
      } as const;
      const message = await messageThrottle(reply, target, () => postGuestMessage(app.ctx, guest, request.body.body));
      return reply.code(201).send(message);
    },
  );
  app.get(
    '/widget/settings',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'getWidgetSettings',
        tags: ['widget'],
        summary: "The widget's colour and greeting",
        response: { 200: widgetSettingsSchema },
      },
    },
    async () => getWidgetSettings(app.ctx),
  );
  app.put(
    '/widget/settings',
    {
      preHandler: authorize('admin'),
      schema: {
        operationId: 'updateWidgetSettings',
        tags: ['widget'],
        summary: "Set the widget's colour and greeting (shown on the shops' sites at once)",
        body: widgetSettingsSchema,
        response: { 200: widgetSettingsSchema },
      },
    },
    async (request) => saveWidgetSettings(app.ctx, request.body),
  );
};
