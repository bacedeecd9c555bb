import {
  authResponse,
  deleteAccountBody,
  loginBody,
  mailPreferencesSchema,
  passwordResetBody,
  passwordResetConfirmBody,
  sessionSchema,
  signupBody,
  updateMailPreferencesBody,
  userSchema,
} from '@caseflow/contract';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, callerOf, EVERYONE, identify, SESSION_COOKIE } from '../../http/auth.js';
import * as accounts from './accounts.service.js';
import { createThrottle } from './throttle.js';

const noContent = { 204: z.null().describe('No content') };

export const accountsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.ctx;
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https://'),
    path: '/',
    maxAge: config.sessionDays * 24 * 3600,
  } as const;
  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, cookieOptions);
  const clearSessionCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: '/' });
  const throttle = createThrottle(config.loginRateLimit);

  app.post(
    '/auth/signup',
    {
      schema: {
        operationId: 'signUp',
        security: [],
        problems: [409],
        tags: ['auth'],
        summary: 'Create a customer account',
        body: signupBody,
        response: { 201: authResponse },
      },
    },
    async (request, reply) => {
      const result = await accounts.signup(app.ctx, request.body);
      setSessionCookie(reply, result.token);
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/auth/login',
    {
      schema: {
        operationId: 'logIn',
        security: [],
        problems: [401, 429],
        tags: ['auth'],
        summary: 'Sign in',
        body: loginBody,
        response: { 200: authResponse },
      },
    },
    async (request, reply) => {
      const result = await throttle(
        reply,
        { action: 'login', ip: request.ip, account: request.body.email, onlyFailuresCount: true },
        () => accounts.login(app.ctx, request.body),
      );
      setSessionCookie(reply, result.token);
      return result;
    },
  );

  app.post(
    '/auth/logout',
    {
      preHandler: authorize(...EVERYONE),
      schema: { operationId: 'logOut', tags: ['auth'], summary: 'Revoke this session', response: noContent },
    },
    async (request, reply) => {
      await accounts.logout(app.ctx, callerOf(request));
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      preHandler: authorize(...EVERYONE),
      schema: { operationId: 'getMe', tags: ['auth'], summary: 'Who am I', response: { 200: userSchema } },
    },
    async (request) => accounts.getMe(app.ctx, callerOf(request)),
  );

  app.get(
    '/auth/session',
    {
      schema: {
        operationId: 'getSession',
        // A session cookie sent from another site is refused, as on every route (http/auth.ts).
        problems: [403],
        tags: ['auth'],
        summary: 'Who is signed in, if anyone (200 either way: the web app asks this on every first visit)',
        security: [],
        response: { 200: sessionSchema },
      },
    },
    async (request) => {
      const caller = await identify(request);
      // A guest's widget token opens its conversation, not the app.
      if (!caller || caller.caseId !== undefined) return { user: null };
      return { user: await accounts.findMe(app.ctx, caller) };
    },
  );

  app.get(
    '/auth/me/preferences',
    {
      preHandler: authorize('customer'),
      schema: {
        operationId: 'getMailPreferences',
        tags: ['auth'],
        summary: 'My mail preferences (customers)',
        response: { 200: mailPreferencesSchema },
      },
    },
    async (request) => accounts.getMailPreferences(app.ctx, callerOf(request)),
  );

  app.patch(
    '/auth/me/preferences',
    {
      preHandler: authorize('customer'),
      schema: {
        operationId: 'updateMailPreferences',
        tags: ['auth'],
        summary: 'Turn case emails on or off (customers)',
        body: updateMailPreferencesBody,
        response: { 200: mailPreferencesSchema },
      },
    },
    async (request) => accounts.updateMailPreferences(app.ctx, callerOf(request), request.body),
  );

  app.delete(
    '/auth/me',
    {
      preHandler: authorize('customer'),
      schema: {
        operationId: 'deleteMyAccount',
        tags: ['auth'],
        summary: 'Delete my account (customers)',
        body: deleteAccountBody,
        response: noContent,
      },
    },
    async (request, reply) => {
      await accounts.deleteAccount(app.ctx, callerOf(request), request.body.password);
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/password-reset',
    {
      schema: {
        operationId: 'requestPasswordReset',
        security: [],
        problems: [429],
        tags: ['auth'],
        summary: 'Mail a single-use reset link (always 202)',
        body: passwordResetBody,
        response: { 202: z.null() },
      },
    },
    async (request, reply) => {
      // Every request counts: each one may send a mail.
      await throttle(
        reply,
        { action: 'password-reset', ip: request.ip, account: request.body.email, onlyFailuresCount: false },
        () => accounts.requestPasswordReset(app.ctx, request.body.email),
      );
      return reply.code(202).send(null);
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      schema: {
        operationId: 'confirmPasswordReset',
        security: [],
        problems: [429],
        tags: ['auth'],
        summary: 'Set a new password with a reset link',
        body: passwordResetConfirmBody,
        response: noContent,
      },
    },
    async (request, reply) => {
      // Reset tokens are 256-bit and unguessable; this only caps the scrypt work one address can cause.
      await throttle(reply, { action: 'password-reset-confirm', ip: request.ip, onlyFailuresCount: true }, () =>
        accounts.confirmPasswordReset(app.ctx, request.body.token, request.body.password),
      );
      return reply.code(204).send(null);
    },
  );
};
