import { PRIORITY_RANK, type Priority, type SlaSettings } from '@caseflow/contract';
import type { AppContext, Caller } from '../context.js';
import type { Db } from '../db/database.js';
import { runTransaction, type Trx } from '../db/transaction.js';
import { type ActivityRecord, insertActivities } from '../features/activity/activity.repository.js';
import { demoReplies } from './demo-replies.js';
import { draftStory, type Story } from './demo-stories.js';
import { demoCategory } from './demo-teams.js';
import type { SeededRandom } from './seeded-random.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
export const HISTORY_DAYS = 30;

/** The demo shop's service hours and targets (SPEC §13), set unless an admin already chose some. */
export const DEMO_SLA: SlaSettings = {
  calendar: {
    timeZone: 'Europe/London',
    hours: [
      ...[1, 2, 3, 4, 5].map((day) => ({ day, start: '08:00', end: '18:00' })),
      { day: 6, start: '09:00', end: '13:00' },
    ],
    holidays: ['2026-12-25', '2026-12-26', '2027-01-01'],
  },
  policies: [
    { priority: 'urgent', firstResponseMinutes: 30, resolutionMinutes: 240 },
    { priority: 'high', firstResponseMinutes: 60, resolutionMinutes: 480 },
    { priority: 'normal', firstResponseMinutes: 240, resolutionMinutes: 1_440 },
    { priority: 'low', firstResponseMinutes: 480, resolutionMinutes: 2_880 },
  ],
};

/** How long each step takes, in minutes, by priority: urgent cases move faster, and some miss their targets. */
const PACE: Record<Priority, { reply: [number, number]; resolve: [number, number] }> = {
  urgent: { reply: [3, 45], resolve: [30, 300] },
  high: { reply: [10, 90], resolve: [60, 720] },
  normal: { reply: [15, 300], resolve: [120, 2_400] },
  low: { reply: [30, 600], resolve: [240, 4_000] },
};

type Timeline = {
  created: number;
  assigned: number;
  firstReply: number;
  resolved: number;
  reopen?: { at: number; assigned: number; resolved: number };
  rating?: { at: number; rating: number; comment: string | null };
};

const COMMENTS = ['Quick and friendly, thank you.', 'Sorted in the end.', 'Took a while to hear back.', null, null];

/** When things happened in one past case; undefined when it would still be running now. */
function timelineOf(random: SeededRandom, created: number, priority: Priority, now: number): Timeline | undefined {
  const pace = PACE[priority];
  const minutes = ([low, high]: [number, number]) => random.integer(low, high) * MINUTE_MS;
  const assigned = created + minutes([0, 20]);
  const firstReply = assigned + minutes(pace.reply);
  const resolved = firstReply + minutes(pace.resolve);
  const timeline: Timeline = { created, assigned, firstReply, resolved };
  if (random.chance(0.07)) {
    const at = resolved + minutes([120, 1_200]);
    timeline.reopen = { at, assigned: at + minutes([1, 30]), resolved: at + minutes([60, 600]) };
  }
  const end = timeline.reopen?.resolved ?? resolved;
  if (random.chance(0.55)) {
    const rating = random.weighted({ '5': 48, '4': 27, '3': 12, '2': 7, '1': 6 });
    timeline.rating = { at: end + minutes([10, 900]), rating: Number(rating), comment: random.pick(COMMENTS) };
  }
  const last = timeline.rating?.at ?? end;
  return last < now - 10 * MINUTE_MS ? timeline : undefined;
}

/** How many cases came in on a day: fewer at weekends. */
const casesOnDay = (random: SeededRandom, day: Date) =>
  day.getUTCDay() === 0 ? random.integer(2, 4) : day.getUTCDay() === 6 ? random.integer(5, 8) : random.integer(9, 15);

type Place = { teamId: number; agentIds: number[] };

/** Each category's team and its members, as routing (SPEC §8) would place a case. */
async function placesByCategory(db: Db): Promise<{ byCategory: Map<string, Place>; fallback: Place }> {
  const [teams, categories, members] = await Promise.all([
    db.selectFrom('teams').select(['id', 'is_default']).execute(),
    db.selectFrom('team_categories').select(['category', 'team_id']).execute(),
    db.selectFrom('team_members').select(['team_id', 'agent_id']).execute(),
  ]);
  const place = (teamId: number): Place => ({
    teamId,
    agentIds: members.filter((member) => member.team_id === teamId).map((member) => member.agent_id),
  });
  const defaultTeam = teams.find((team) => team.is_default === 1) ?? teams[0];
  if (!defaultTeam) throw new Error('no team to route past cases to');
  return {
    byCategory: new Map(categories.map((row) => [row.category, place(row.team_id)])),
    fallback: place(defaultTeam.id),
  };
}

/** One past case as the services would have left it: its row, messages, assignments, activity and rating. */
async function writePastCase(
  ctx: AppContext,
  trx: Trx,
  past: { story: Story; customer: Caller; category: string | null; place: Place; agentId: number; at: Timeline },
  random: SeededRandom,
) {
  const { story, customer, place, agentId, at } = past;
  const stamps = ctx.sla.stampNew(PRIORITY_RANK[story.priority], at.created);
  const finalResolved = at.reopen?.resolved ?? at.resolved;
  const frDue = stamps.sla_first_response_due_at;
  const resDue = stamps.sla_resolution_due_at;
  const frLate = frDue !== null && at.firstReply > frDue;
  const resLate = resDue !== null && finalResolved > resDue;
  const { id: caseId } = await trx
    .insertInto('cases')
    .values({
      customer_id: customer.userId,
      subject: story.body.subject,
      description: story.body.description,
      order_number: story.body.orderNumber,
      product: story.body.product,
      reason: story.body.reason,
      desired_outcome: null,
      priority: PRIORITY_RANK[story.priority],
      team_id: place.teamId,
      category: past.category,
      status: 'resolved',
      assignee_id: agentId,
      created_at: at.created,
      assigned_at: at.reopen?.assigned ?? at.assigned,
      first_response_at: at.firstReply,
      resolved_at: finalResolved,
      updated_at: at.rating?.at ?? finalResolved,
      ...stamps,
      sla_next_alert_at: null,
      sla_paused_at: finalResolved,
      sla_alerts: (frLate ? 5 : 0) | (resLate ? 10 : 0),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const message = (authorId: number, body: string, time: number) => ({
    case_id: caseId,
    author_id: authorId,
    body,
    visibility: 'public' as const,
    created_at: time,
  });
  const messages = [
    message(customer.userId, story.body.description, at.created),
    message(agentId, demoReplies.firstReply(random, story), at.firstReply),
    message(agentId, demoReplies.resolution(story), at.resolved),
  ];
  if (at.reopen) messages.push(message(customer.userId, demoReplies.customerFollowUp(random, story), at.reopen.at));
  await trx.insertInto('messages').values(messages).execute();

  const spells = [{ from: at.assigned, to: at.resolved }];
  if (at.reopen) spells.push({ from: at.reopen.assigned, to: at.reopen.resolved });
  await trx
    .insertInto('assignments')
    .values(
      spells.map((spell) => ({
        case_id: caseId,
        agent_id: agentId,
        assigned_at: spell.from,
        ended_at: spell.to,
        end_reason: 'resolved',
      })),
    )
    .execute();

  const events: [number, Omit<ActivityRecord, 'actorId'>, number | null][] = [
    [at.created, { type: 'case.created', caseId, to: 'new' }, customer.userId],
    [at.created, { type: 'case.routed', caseId, from: past.category, to: String(place.teamId) }, null],
  ];
  for (const spell of spells) {
    events.push(
      [spell.from, { type: 'case.assigned', caseId, agentId, from: 'new', to: 'open', reason: 'auto' }, null],
      [spell.to, { type: 'case.released', caseId, agentId, from: 'open', to: 'resolved', reason: 'resolved' }, agentId],
      [spell.to, { type: 'case.status_changed', caseId, from: 'open', to: 'resolved', reason: 'resolved' }, agentId],
    );
  }
  if (at.reopen) {
    events.push([
      at.reopen.at,
      { type: 'case.status_changed', caseId, from: 'resolved', to: 'new', reason: 'reopened' },
      customer.userId,
    ]);
  }
  if (frLate && frDue !== null) events.push([frDue, { type: 'case.sla_breached', caseId, to: 'first_response' }, null]);
  if (resLate && resDue !== null) events.push([resDue, { type: 'case.sla_breached', caseId, to: 'resolution' }, null]);
  if (at.rating) {
    events.push([at.rating.at, { type: 'case.rated', caseId, to: String(at.rating.rating) }, customer.userId]);
    await trx
      .insertInto('csat_ratings')
      .values({
        case_id: caseId,
        customer_id: customer.userId,
        rating: at.rating.rating,
        comment: at.rating.comment,
        created_at: at.rating.at,
      })
      .execute();
  }
  events.sort((a, b) => a[0] - b[0]);
  for (const [time, event, actorId] of events) await insertActivities(trx, [{ ...event, actorId }], time);
}

/** Help-center visits of the past days: most are shown suggestions, some are answered by one. */
async function writePastVisits(trx: Trx, random: SeededRandom, day: number, customers: Caller[], slugs: string[]) {
  for (let visit = 0; visit < random.integer(4, 12); visit++) {
    const session = `demo-${day}-${visit}-${random.integer(1_000, 9_999)}`;
    const userId = random.pick(customers).userId;
    const time = day + random.integer(7 * 60, 21 * 60) * MINUTE_MS;
    const slug = random.pick(slugs);
    const rows: { event: 'shown' | 'opened' | 'deflected' | 'created'; slug: string; at: number }[] = [
      { event: 'shown', slug: '', at: time },
    ];
    if (random.chance(0.55)) rows.push({ event: 'opened', slug, at: time + MINUTE_MS });
    if (random.chance(0.35)) rows.push({ event: 'deflected', slug, at: time + 2 * MINUTE_MS });
    else if (random.chance(0.5)) rows.push({ event: 'created', slug: '', at: time + 3 * MINUTE_MS });
    await trx
      .insertInto('kb_feedback')
      .values(
        rows.map((row) => ({
          session,
          event: row.event,
          slug: row.slug,
          case_id: null,
          user_id: userId,
          created_at: row.at,
        })),
      )
      .execute();
  }
}

/**
 * SPEC §13's first-start view: the last HISTORY_DAYS days of a small shop, so reports and charts show
 * real shapes. Past cases are all resolved (they hold no agent's capacity) and are written as the
 * services would have left them, with times spread over each day; the live cases come after, through
 * the services. Returns how many cases it wrote.
 */
export async function writeDemoHistory(ctx: AppContext, random: SeededRandom, customers: Caller[], names: string[]) {
  const now = Date.now();
  const { byCategory, fallback } = await placesByCategory(ctx.database.db);
  const slugs = (await ctx.database.db.selectFrom('kb_articles').select('slug').execute()).map((row) => row.slug);
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  let written = 0;
  await runTransaction(ctx.database, async (trx) => {
    for (let daysAgo = HISTORY_DAYS; daysAgo >= 1; daysAgo--) {
      const day = today - daysAgo * DAY_MS;
      for (let index = casesOnDay(random, new Date(day)); index > 0; index--) {
        const customerIndex = random.integer(0, customers.length - 1);
        const story = draftStory(random, names[customerIndex] ?? 'there');
        const created = day + random.integer(7 * 60, 21 * 60) * MINUTE_MS;
        const at = timelineOf(random, created, story.priority, now);
        const customer = customers[customerIndex];
        if (!at || !customer) continue;
        const category = demoCategory(random, story.body) ?? null;
        const place = (category && byCategory.get(category)) || fallback;
        const agentId = random.pick(place.agentIds.length > 0 ? place.agentIds : fallback.agentIds);
        await writePastCase(ctx, trx, { story, customer, category, place, agentId, at }, random);
        written++;
      }
      if (slugs.length > 0) await writePastVisits(trx, random, day, customers, slugs);
    }
  });
  return written;
}

/** The demo's SLA, unless an admin has set one. */
export async function ensureDemoSla(ctx: AppContext) {
  const { updatedAt } = await ctx.sla.current();
  if (updatedAt === null) await ctx.sla.save(DEMO_SLA, Date.now());
}
