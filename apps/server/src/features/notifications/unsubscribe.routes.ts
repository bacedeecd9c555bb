import { unsubscribeQuery } from '@caseflow/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../http/app-error.js';
import { invalidLinkPage, subscriptionPage } from './unsubscribe.pages.js';
import { setSubscriptionByToken } from './unsubscribe.service.js';

const wantsPage = (request: FastifyRequest) => request.headers.accept?.includes('text/html') === true;

const sendPage = (reply: FastifyReply, status: number, page: string) =>
  reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);

/**
 * SPEC §11's unsubscribe link, public (the token is the authority): GET from the mail's link, POST
 * from a mail client's one-click button (RFC 8058) or the page's own form. Browsers get a small
 * page, also for a bad link; other clients get problem+json errors like the rest of the API.
 * Limit: a link checker that fetches every URL of a mail unsubscribes too; the page undoes it.
 */
export const unsubscribeRoutes: FastifyPluginAsyncZod = async (app) => {
  // One-click clients post `List-Unsubscribe=One-Click` as a form, and so does the page's button:
  // accepted here only (the rest of the API speaks JSON), and not read, as the token says it all.
  app.addContentTypeParser(
    ['application/x-www-form-urlencoded', 'multipart/form-data'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );

  async function answer(request: FastifyRequest, reply: FastifyReply, token: string, subscribe: boolean) {
    try {
      const { audience } = await setSubscriptionByToken(app.ctx, token, subscribe);
      return sendPage(reply, 200, subscriptionPage({ audience, isSubscribed: subscribe, token }));
    } catch (error) {
      if (!(error instanceof AppError) || !wantsPage(request)) throw error;
      return sendPage(reply, error.status, invalidLinkPage(error.detail));
    }
  }

  const schema = { tags: ['mail'], security: [], querystring: unsubscribeQuery };
  app.get(
    '/mail/unsubscribe',
    {
      // A HEAD (a link preview) must not unsubscribe anyone.
      exposeHeadRoute: false,
      schema: {
        operationId: 'unsubscribeFromLink',
        problems: [400, 404],
        ...schema,
        summary: "Stop case emails from a mail's link (no sign-in; answers a page)",
      },
    },
    async (request, reply) => answer(request, reply, request.query.token, false),
  );
  app.post(
    '/mail/unsubscribe',
    {
      schema: {
        operationId: 'unsubscribeOneClick',
        problems: [400, 404],
        ...schema,
        summary: 'One-click unsubscribe (RFC 8058; no sign-in)',
      },
    },
    async (request, reply) => answer(request, reply, request.query.token, false),
  );
  app.post(
    '/mail/resubscribe',
    {
      schema: {
        operationId: 'resubscribe',
        problems: [400, 404],
        ...schema,
        summary: 'Undo an unsubscribe with the same link token (no sign-in)',
      },
    },
    async (request, reply) => answer(request, reply, request.query.token, true),
  );
};
