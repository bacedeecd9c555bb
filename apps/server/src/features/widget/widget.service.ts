import {
  type Case,
  DEFAULT_WIDGET_SETTINGS,
  type Message,
  type StartConversationBody,
  type StartConversationReply,
  type WidgetConfig,
  type WidgetConversation,
  type WidgetMessage,
  type WidgetSettings,
} from '@caseflow/contract';
import type { AppContext, Caller } from '../../context.js';
import { AppError, invalid } from '../../http/app-error.js';
import { createAccount, findAccountByEmail, sendGuestWelcome } from '../accounts/accounts.service.js';
import { hashSecret, newSecret } from '../accounts/secrets.js';
import { agentTotals } from '../agents/agents.repository.js';
import { createCase, getCase } from '../cases/cases.service.js';
import { listMessages, postMessage } from '../conversation/conversation.service.js';
import * as repository from './widget.repository.js';

/** A guest caller: the one case its widget session opens. */
export type Guest = Caller & { caseId: number };

const SUBJECT_CHARS = 80;
/** Messages a conversation shows at most (pages of the conversation's own API, oldest first). */
const MAX_PAGES = 10;
const PAGE = 100;

export async function getWidgetSettings(ctx: AppContext): Promise<WidgetSettings> {
  return (await repository.findWidgetSettings(ctx.database.db)) ?? DEFAULT_WIDGET_SETTINGS;
}

export async function saveWidgetSettings(ctx: AppContext, settings: WidgetSettings): Promise<WidgetSettings> {
  const saved = { ...settings, color: settings.color.toLowerCase() };
  await repository.saveWidgetSettings(ctx.database.db, saved, Date.now());
  return saved;
}

/** Someone is there: an agent not away (busy ones answer too, once a slot frees). */
async function agentsAvailable(ctx: AppContext) {
  const agents = await agentTotals(ctx.database.db);
  return agents.total - agents.away > 0;
}

export async function getWidgetConfig(ctx: AppContext): Promise<WidgetConfig> {
  const [settings, available] = await Promise.all([getWidgetSettings(ctx), agentsAvailable(ctx)]);
  return { ...settings, agentsAvailable: available };
}

/** The case's subject: the message's first line, cut at a word near SUBJECT_CHARS. */
export function subjectOf(message: string): string {
  const line = message.trim().split(/\r?\n/, 1)[0]?.trim() ?? '';
  if (line.length <= SUBJECT_CHARS) return line || 'Chat';
  const cut = line.slice(0, SUBJECT_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > SUBJECT_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The guest's account: the customer with this email, created on the fly (no password: SPEC §14).
 * A staff or closed account's email cannot start a chat (422 on `email`).
 */
async function findOrCreateGuest(ctx: AppContext, body: StartConversationBody) {
  const existing = await findAccountByEmail(ctx, body.email);
  if (existing) {
    if (existing.role !== 'customer' || !existing.isActive) {
      throw invalid('email', 'this email cannot start a chat here; use your own customer email');
    }
    return existing;
  }
  try {
    return await createAccount(ctx.database.db, { ...body, role: 'customer', passwordHash: null });
  } catch (error) {
    // Two first messages from one new email at once: the other created the account.
    const raced = error instanceof AppError && error.code === 'conflict' && (await findAccountByEmail(ctx, body.email));
    if (raced) return raced;
    throw error;
  }
}

/**
 * SPEC §14: a visitor's first message becomes a case through the same intake as the API (triage,
 * routing, assignment), owned by the guest's customer account; the reply's token opens that one
 * conversation. The guest is mailed the case and a link to follow it (or to set a password).
 */
export async function startConversation(ctx: AppContext, body: StartConversationBody): Promise<StartConversationReply> {
  const guest = await findOrCreateGuest(ctx, body);
  const customer: Caller = { userId: guest.id, role: 'customer', sessionId: 0 };
  const created = await createCase(ctx, customer, { subject: subjectOf(body.message), description: body.message });
  const token = newSecret();
  const session = { tokenHash: hashSecret(token), userId: guest.id, caseId: created.id, now: Date.now() };
  await repository.insertWidgetSession(ctx.database.db, session);
  await sendGuestWelcome(ctx, guest, created.number);
  const conversation = await getConversation(ctx, { ...customer, caseId: created.id });
  return { token, conversation };
}

const toWidgetMessage = (message: Message): WidgetMessage => ({
  id: message.id,
  from: message.author.role === 'customer' ? 'guest' : 'agent',
  authorName: message.author.name,
  body: message.body,
  createdAt: message.createdAt,
});

async function publicMessages(ctx: AppContext, guest: Guest) {
  const messages: Message[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const found = await listMessages(ctx, guest, guest.caseId, { limit: PAGE, cursor });
    messages.push(...found.items);
    cursor = found.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return messages;
}

export async function getConversation(ctx: AppContext, guest: Guest): Promise<WidgetConversation> {
  const [item, messages, available]: [Case, Message[], boolean] = await Promise.all([
    getCase(ctx, guest, guest.caseId),
    publicMessages(ctx, guest),
    agentsAvailable(ctx),
  ]);
  return {
    caseId: item.id,
    number: item.number,
    status: item.status,
    agentName: item.assignee?.name ?? null,
    agentsAvailable: available,
    messages: messages.map(toWidgetMessage),
  };
}

export async function postGuestMessage(ctx: AppContext, guest: Guest, body: string): Promise<WidgetMessage> {
  return toWidgetMessage(await postMessage(ctx, guest, guest.caseId, { body, internal: false }));
}
