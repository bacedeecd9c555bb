import type { Case, CaseStatus } from '@caseflow/contract';
import type { AppContext, Caller, Role } from '../context.js';
import type { Db } from '../db/database.js';
import { createAccount, findAccountByEmail, hashNewPassword } from '../features/accounts/accounts.service.js';
import { createAgent, updateAgent } from '../features/agents/agents.service.js';
import { createCase, listCases, resolveCase, updateCase } from '../features/cases/cases.service.js';
import { postMessage } from '../features/conversation/conversation.service.js';
import { loadDemoArticles, seedArticles } from '../features/kb/index.js';
import { DEMO_ADMIN, DEMO_AGENTS, DEMO_CUSTOMERS, DEMO_PASSWORDS } from './demo-accounts.js';
import { ensureDemoSla, writeDemoHistory } from './demo-history.js';
import { demoReplies } from './demo-replies.js';
import { workDemoReturns } from './demo-returns.js';
import { draftStory, type Story } from './demo-stories.js';
import { createDemoTeams, demoCategory } from './demo-teams.js';
import { createSeededRandom, type SeededRandom } from './seeded-random.js';

export type SeedProgress = { step: 'accounts' | 'cases' | 'resolving' | 'conversations'; done: number; total: number };

export interface SeedDemoOptions {
  /** How many cases the customers report; 80 by default. */
  cases?: number;
  seed?: number;
  onProgress?: (progress: SeedProgress) => void;
}

/** `password` is undefined for an admin from ADMIN_EMAIL/ADMIN_PASSWORD: the seeder never echoes a configured secret. */
export type DemoLogin = { role: Role; email: string; password: string | undefined };

export interface SeedDemoResult {
  alreadySeeded: boolean;
  /** `pastCases`: the resolved history of the last 30 days, written before the live `cases`. */
  created: {
    agents: number;
    customers: number;
    cases: number;
    pastCases: number;
    /** Live cases whose return the seeding moved on (the rest stay `requested`). */
    returns: number;
    agentsAway: number;
    articles: number;
  };
  statusCounts: Record<CaseStatus, number>;
  logins: DemoLogin[];
}

const DEFAULT_SEED = 20_240_611;
// The share of cases that end resolved; the rest of the first wave stays active, later cases queue.
const RESOLVED_SHARE = 0.4;
// The customer whose login is printed reports every tenth case, so they see cases in every status.
const SHOWCASE_EVERY = 10;

type Seeding = {
  ctx: AppContext;
  random: SeededRandom;
  admin: Caller;
  customers: Caller[];
  stories: Map<number, Story & { customer: Caller }>;
  progress: (progress: SeedProgress) => void;
};

const callerOf = (userId: number, role: Role): Caller => ({ userId, role, sessionId: 0 });
const agentOf = (item: Case) => callerOf(item.assignee?.id ?? 0, 'agent');

/** Fills a demo shop through the real services, so assignment and the activity log are what users would produce. */
export async function seedDemo(ctx: AppContext, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const db = ctx.database.db;
  // The help articles first and on every run: a shop seeded before the knowledge base still gets them.
  const articles = await seedArticles(ctx, loadDemoArticles(), null);
  const [firstAgent] = DEMO_AGENTS;
  if (firstAgent && (await findAccountByEmail(ctx, firstAgent.email))) {
    return {
      alreadySeeded: articles.added === 0,
      created: { agents: 0, customers: 0, cases: 0, pastCases: 0, returns: 0, agentsAway: 0, articles: articles.added },
      statusCounts: await countCasesByStatus(db),
      logins: demoLogins(adminLogin(ctx)),
    };
  }
  const progress = options.onProgress ?? (() => {});
  const admin = await findOrCreateAdmin(ctx);
  const agents = await createAccounts(ctx, admin.caller, progress);
  await createDemoTeams(ctx, admin.caller, agents.agentIds);
  await ensureDemoSla(ctx);
  // Its own random sequence, so the live cases below are the same with or without the history.
  const history = await writeDemoHistory(
    ctx,
    createSeededRandom((options.seed ?? DEFAULT_SEED) + 1),
    agents.customers,
    DEMO_CUSTOMERS.map((customer) => customer.name),
  );
  const seeding: Seeding = {
    ctx,
    random: createSeededRandom(options.seed ?? DEFAULT_SEED),
    admin: admin.caller,
    customers: agents.customers,
    stories: new Map(),
    progress,
  };

  const caseTotal = options.cases ?? 80;
  const toResolve = Math.floor(caseTotal * RESOLVED_SHARE);
  const capacity = DEMO_AGENTS.reduce((sum, agent) => sum + agent.capacity, 0);
  // Enough cases to fill every agent and leave a queue that the resolutions then drain.
  const firstWave = Math.min(caseTotal, capacity + toResolve);
  for (let index = 0; index < firstWave; index++) await reportCase(seeding, index, caseTotal);
  await resolveCases(seeding, toResolve);
  await workActiveCases(seeding);
  for (let index = firstWave; index < caseTotal; index++) await reportCase(seeding, index, caseTotal);
  const returns = await workDemoReturns(ctx, seeding.random, [...seeding.stories.keys()], admin.caller);

  // Going away last: their unanswered cases return to a queue no one has room for, so they stay `new`.
  const away = DEMO_AGENTS.flatMap((agent, index) => (agent.goesAway ? [agents.agentIds[index] ?? 0] : []));
  for (const agentId of away) {
    await updateAgent(ctx, callerOf(agentId, 'agent'), agentId, { availability: 'away' });
  }
  return {
    alreadySeeded: false,
    created: {
      agents: DEMO_AGENTS.length,
      customers: DEMO_CUSTOMERS.length,
      cases: caseTotal,
      pastCases: history,
      returns,
      agentsAway: away.length,
      articles: articles.added,
    },
    statusCounts: await countCasesByStatus(db),
    logins: demoLogins(admin.login),
  };
}

function adminLogin(ctx: AppContext): DemoLogin {
  const configured = ctx.config.admin;
  return configured
    ? { role: 'admin', email: configured.email, password: undefined }
    : { role: 'admin', email: DEMO_ADMIN.email, password: DEMO_PASSWORDS.admin };
}

/** The configured admin when it exists; otherwise the demo admin, created on first use. */
async function findOrCreateAdmin(ctx: AppContext): Promise<{ caller: Caller; login: DemoLogin }> {
  const db = ctx.database.db;
  const configured = ctx.config.admin;
  if (configured) {
    const row = await findAccountByEmail(ctx, configured.email);
    // ensureAdmin skips ADMIN_EMAIL when another admin already exists; then the demo admin acts instead.
    if (row?.role === 'admin' && row.isActive) {
      return { caller: callerOf(row.id, 'admin'), login: adminLogin(ctx) };
    }
  }
  const login: DemoLogin = { role: 'admin', email: DEMO_ADMIN.email, password: DEMO_PASSWORDS.admin };
  const existing = await findAccountByEmail(ctx, DEMO_ADMIN.email);
  if (existing && (existing.role !== 'admin' || !existing.isActive)) {
    throw new Error(`${DEMO_ADMIN.email} exists but is not an active admin; remove it or set ADMIN_EMAIL`);
  }
  const id =
    existing?.id ??
    (
      await createAccount(db, {
        ...DEMO_ADMIN,
        role: 'admin',
        passwordHash: await hashNewPassword(DEMO_PASSWORDS.admin),
      })
    ).id;
  return { caller: callerOf(id, 'admin'), login };
}

async function createAccounts(ctx: AppContext, admin: Caller, progress: Seeding['progress']) {
  const total = DEMO_AGENTS.length + DEMO_CUSTOMERS.length;
  const agentIds: number[] = [];
  for (const agent of DEMO_AGENTS) {
    const created = await createAgent(ctx, admin, {
      email: agent.email,
      name: agent.name,
      password: DEMO_PASSWORDS.agent,
      capacity: agent.capacity,
    });
    agentIds.push(created.id);
    progress({ step: 'accounts', done: agentIds.length, total });
  }
  const customers: Caller[] = [];
  const passwordHash = await hashNewPassword(DEMO_PASSWORDS.customer);
  for (const customer of DEMO_CUSTOMERS) {
    const user = await createAccount(ctx.database.db, { ...customer, role: 'customer', passwordHash });
    customers.push(callerOf(user.id, 'customer'));
    progress({ step: 'accounts', done: agentIds.length + customers.length, total });
  }
  return { agentIds, customers };
}

async function reportCase(seeding: Seeding, index: number, total: number) {
  const { ctx, random, customers } = seeding;
  const customerIndex = index % SHOWCASE_EVERY === 0 ? 0 : random.integer(0, customers.length - 1);
  const customer = customers[customerIndex] ?? callerOf(0, 'customer');
  const story = draftStory(random, DEMO_CUSTOMERS[customerIndex]?.name ?? 'there');
  const category = demoCategory(random, story.body);
  const created = await createCase(ctx, customer, { ...story.body, ...(category ? { category } : {}) });
  // Customers cannot set a priority; triage by the admin is how urgent and low cases arise.
  if (story.priority !== 'normal') await updateCase(ctx, seeding.admin, created.id, { priority: story.priority });
  seeding.stories.set(created.id, { ...story, customer });
  seeding.progress({ step: 'cases', done: index + 1, total });
}

/** Open cases of this seeding (a shared database may hold others), as the engine assigned them. */
async function listOpenDemoCases(seeding: Seeding) {
  const page = await listCases(seeding.ctx, seeding.admin, { status: 'open', limit: 100 });
  return page.items.filter((item) => item.assignee !== null && seeding.stories.has(item.id));
}

function storyOf(seeding: Seeding, item: Case) {
  const story = seeding.stories.get(item.id);
  if (!story) throw new Error(`case ${item.number} was not reported by this seeding`);
  return story;
}

/** Each resolution frees a slot that the engine fills with the next queued case, as in real life. */
async function resolveCases(seeding: Seeding, total: number) {
  const { ctx, random } = seeding;
  for (let done = 0; done < total; done++) {
    const open = await listOpenDemoCases(seeding);
    if (open.length === 0) return;
    const item = random.pick(open);
    const story = storyOf(seeding, item);
    const agent = agentOf(item);
    if (random.chance(0.5)) {
      await postMessage(ctx, agent, item.id, { body: demoReplies.firstReply(random, story), internal: false });
      await postMessage(ctx, story.customer, item.id, {
        body: demoReplies.customerFollowUp(random, story),
        internal: false,
      });
    }
    if (random.chance(0.3)) {
      await postMessage(ctx, agent, item.id, { body: demoReplies.internalNote(random, story), internal: true });
    }
    await postMessage(ctx, agent, item.id, { body: demoReplies.resolution(story), internal: false });
    if (random.chance(0.5)) {
      await postMessage(ctx, story.customer, item.id, {
        body: demoReplies.customerThanks(random, story),
        internal: false,
      });
    }
    await resolveCase(ctx, agent, item.id);
    seeding.progress({ step: 'resolving', done: done + 1, total });
  }
}

/** Leaves the active cases in a realistic mix: waiting on the customer, mid-conversation, or not yet answered. */
async function workActiveCases(seeding: Seeding) {
  const { ctx, random } = seeding;
  const active = random.shuffle(await listOpenDemoCases(seeding));
  const pendingCount = Math.ceil(active.length * 0.35);
  const talkingCount = Math.ceil(active.length * 0.4);
  for (const [index, item] of active.entries()) {
    const story = storyOf(seeding, item);
    const agent = agentOf(item);
    if (index < pendingCount) {
      await postMessage(ctx, agent, item.id, { body: demoReplies.pendingQuestion(random, story), internal: false });
      await updateCase(ctx, agent, item.id, { status: 'pending' });
    } else if (index < pendingCount + talkingCount) {
      await postMessage(ctx, agent, item.id, { body: demoReplies.firstReply(random, story), internal: false });
      await postMessage(ctx, story.customer, item.id, {
        body: demoReplies.customerFollowUp(random, story),
        internal: false,
      });
      await postMessage(ctx, agent, item.id, { body: demoReplies.internalNote(random, story), internal: true });
    }
    seeding.progress({ step: 'conversations', done: index + 1, total: active.length });
  }
}

function demoLogins(admin: DemoLogin): DemoLogin[] {
  return [
    admin,
    { role: 'agent', email: DEMO_AGENTS[0]?.email ?? '', password: DEMO_PASSWORDS.agent },
    { role: 'customer', email: DEMO_CUSTOMERS[0]?.email ?? '', password: DEMO_PASSWORDS.customer },
  ];
}

/** Every case in the database, not only the demo's: what the people logging in will see. */
async function countCasesByStatus(db: Db): Promise<Record<CaseStatus, number>> {
  const rows = await db
    .selectFrom('cases')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute();
  const counts: Record<CaseStatus, number> = { new: 0, open: 0, pending: 0, resolved: 0 };
  for (const row of rows) {
    if (row.status in counts) counts[row.status as CaseStatus] = Number(row.count);
  }
  return counts;
}
