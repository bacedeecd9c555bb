// Bulk loader for the scale benchmark: a year of a busy support center, written straight into the
// tables (the app's own migrations first) with rows that keep SPEC §2's invariants, activity log included.

import { openDatabase } from '../../apps/server/src/db/database.js';
import { migrateToLatest } from '../../apps/server/src/db/migrate.js';
import { hashPassword } from '../../apps/server/src/features/accounts/secrets.js';
import { createSeededRandom } from '../../apps/server/src/scripts/seeded-random.js';
import { type Chunk, newChunk, openPostgresSink, openSqliteSink, type Sink, TABLE_ORDER } from './bulk-sink.js';
import { createReportFacts, DEFAULT_TEAM_ID, NO_SLA, REPORT_SLA_SETTINGS, slaClockOf } from './report-facts.js';

/** Every loaded user has this password (one scrypt hash, computed once, shared by all rows). */
export const SCALE_PASSWORD = 'Scale-bench-pass-1';
export const agentEmail = (index: number) => `agent${index}@scale.test`;
/** Customer 0 reports the most cases (the customer draw is skewed towards low indexes). */
export const customerEmail = (index: number) => `customer${index}@scale.test`;

/** A one-line progress bar on stderr (cases done, rows/s, ETA), redrawn with \r; a newline when complete. */
export function progressBar(totalCases: number) {
  const started = Date.now();
  let isComplete = false;
  return ({ casesDone, rowsDone }: { casesDone: number; rowsDone: number }) => {
    const seconds = (Date.now() - started) / 1000;
    const share = totalCases === 0 ? 1 : casesDone / totalCases;
    const eta = share > 0 ? Math.round((seconds / share) * (1 - share)) : 0;
    const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '.');
    const rate = Math.round(rowsDone / Math.max(seconds, 0.001)).toLocaleString('en');
    if (isComplete) return;
    isComplete = share >= 1;
    process.stderr.write(
      `\r[${bar}] ${(share * 100).toFixed(0).padStart(3)}%  ${casesDone.toLocaleString('en')} cases  ${rate} rows/s  ETA ${eta}s   `,
    );
    if (isComplete) process.stderr.write('\n');
  };
}

export interface LoadOptions {
  cases: number;
  agents: number;
  customers: number;
  databaseUrl?: string | undefined;
  dataDir: string;
  seed?: number;
  /** How far back the cases go (365: a year). */
  spanDays?: number;
  /**
   * What the reports read besides (bench/reports.ts): this many teams owning the categories, SLA
   * stamps and breaches, reopens, CSAT ratings, help-center visits. Without it, the scale benchmark's
   * single-team shop, as it always was.
   */
  reportFacts?: { teams: number };
  /** Called at most a few times a second. */
  onProgress?: (progress: { casesDone: number; rowsDone: number }) => void;
}

export interface LoadSummary {
  engine: 'sqlite' | 'postgres';
  rows: Record<string, number>;
  totalRows: number;
  queued: number;
  active: number;
  seconds: number;
}

const DAY_MS = 86_400_000;
const CASES_PER_CHUNK = 20_000;
const [NEW, OPEN, PENDING, RESOLVED, DELETED] = [0, 1, 2, 3, 4] as const;
const STATUS_NAMES = ['new', 'open', 'pending', 'resolved', 'deleted'] as const;

const FIRST_NAMES =
  'Ada Ben Chloé Dev Elif Femi Greta Hiro Ines Jonas Kira Liam Mei Noor Omar Pia Quinn Rosa Sami Tove Uma Vik Wen Yara Zoe'.split(
    ' ',
  );
const LAST_NAMES =
  'Adler Brandt Costa Dubois Eriksen Fischer García Haddad Ivanova Jensen Kowalski Larsen Moreau Nakamura Okafor Petrov Rossi Schmidt Tanaka Varga Weber Yilmaz Zimmermann'.split(
    ' ',
  );
const PRODUCTS =
  'Blender,Coffee grinder,Desk lamp,Wireless headphones,Running shoes,Backpack,Kettle,Phone case,Office chair,Air fryer,Yoga mat,Smart watch,Toaster,Winter jacket,Bluetooth speaker,Monitor stand'.split(
    ',',
  );
const REASONS = [
  ['damaged', 'arrived cracked'],
  ['defective', 'stopped working after a week'],
  ['wrong_item', 'came in the wrong colour'],
  ['not_as_described', 'is smaller than pictured'],
  ['no_longer_needed', 'is no longer needed'],
  ['other', 'has a problem'],
] as const;
const OUTCOMES = ['refund', 'replacement', 'repair', 'store_credit'] as const;
const DETAILS = [
  'The box was fine but the item inside was not.',
  'I have kept all the packaging and the receipt.',
  'Could you send a return label, please?',
  'This was a gift, so I would prefer a quick solution.',
];

/** Seeded (the demo shop's generator): the same options always load the same data set. */
function randomSource(seed: number) {
  const random = createSeededRandom(seed);
  return { next: random.next, int: (below: number) => random.integer(0, below - 1), pick: random.pick };
}
type Random = ReturnType<typeof randomSource>;

/**
 * Who holds what at the end: available agents are full when there is a queue (otherwise the queue
 * would have drained), away agents keep some answered cases, removed agents hold nothing.
 */
function planAgents(options: LoadOptions, random: Random) {
  const capacity = new Int32Array(options.agents);
  const availability = new Uint8Array(options.agents); // 0 available, 1 away, 2 removed
  const slots: number[] = []; // agent index per active case; away agents' cases must be answered
  for (let agent = 0; agent < options.agents; agent++) {
    capacity[agent] = 1 + random.int(15);
    const roll = random.next();
    availability[agent] = roll < 0.9 ? 0 : roll < 0.99 ? 1 : 2;
    const held =
      availability[agent] === 0
        ? capacity[agent]!
        : availability[agent] === 1
          ? random.int(capacity[agent]! / 2 + 1)
          : 0;
    for (let slot = 0; slot < held; slot++) slots.push(agent);
  }
  for (let index = slots.length - 1; index > 0; index--) {
    const other = random.int(index + 1);
    [slots[index], slots[other]] = [slots[other]!, slots[index]!];
  }
  // Too few cases to fill every agent: then there is no queue and agents keep spare capacity.
  const maxActive = Math.floor(options.cases * 0.15);
  const queued = slots.length <= maxActive ? Math.round(options.cases * 0.002) : 0;
  slots.length = Math.min(slots.length, maxActive, options.cases - queued);
  const activeCases = new Int32Array(options.agents);
  for (const agent of slots) activeCases[agent]!++;
  return { capacity, availability, slots, activeCases, queued };
}

/** Status per case (ids are in creation order): the newest queued, recent ones active, the rest closed. */
function planStatuses(cases: number, queued: number, activeCount: number, random: Random) {
  const status = new Uint8Array(cases).fill(RESOLVED);
  for (let index = cases - queued; index < cases; index++) status[index] = NEW;
  let remaining = activeCount;
  for (let index = cases - queued - 1; index >= 0 && remaining > 0; index--) {
    if (random.next() < 0.6 || index < remaining) {
      status[index] = random.next() < 0.7 ? OPEN : PENDING;
      remaining--;
    }
  }
  for (let index = 0; index < cases; index++) {
    if (status[index] === RESOLVED && random.next() < 0.003) status[index] = DELETED;
  }
  return status;
}

function priorityRank(random: Random) {
  const roll = random.next();
  // Cases start `normal` and agents change few of them: urgent ones are rare, as a filter should expect.
  return roll < 0.005 ? 0 : roll < 0.05 ? 1 : roll < 0.9 ? 2 : 3;
}

export async function bulkLoad(options: LoadOptions): Promise<LoadSummary> {
  const started = Date.now();
  const database = openDatabase({ url: options.databaseUrl, dataDir: options.dataDir });
  try {
    await migrateToLatest(database);
    const existing = await database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    if (Number(existing.count) > 0) throw new Error('the database already has users; load into an empty one');
  } finally {
    await database.close();
  }
  const sink: Sink = options.databaseUrl
    ? await openPostgresSink(options.databaseUrl)
    : openSqliteSink(options.dataDir);
  const random = randomSource(options.seed ?? 1);
  const SPAN_MS = (options.spanDays ?? 365) * DAY_MS;
  const facts = options.reportFacts && createReportFacts({ teams: options.reportFacts.teams, seed: options.seed ?? 1 });
  const teamOfAgent = (index: number) => facts?.teamOfAgent(index) ?? DEFAULT_TEAM_ID;
  const passwordHash = await hashPassword(SCALE_PASSWORD);
  const now = Date.now();
  const plan = planAgents(options, random);
  const status = planStatuses(options.cases, plan.queued, plan.slots.length, random);
  const agentId = (index: number) => index + 1;
  const customerId = (index: number) => options.agents + index + 1;
  const lastAssignedAt = new Float64Array(options.agents);
  const ids = { assignment: 0, message: 0, activity: 0, feedback: 0 };
  const rows: Record<string, number> = Object.fromEntries(TABLE_ORDER.map((table) => [table, 0]));
  let casesDone = 0;
  let lastReport = 0;

  /** An automatic assignment: its row, its `case.assigned` line, and the holder's last-assigned time. */
  const assign = (
    chunk: Chunk,
    row: {
      caseId: number;
      holder: number;
      holderIndex: number;
      at: number;
      closedAt: number | null;
      endReason: string | null;
    },
  ) => {
    lastAssignedAt[row.holderIndex] = Math.max(lastAssignedAt[row.holderIndex]!, row.at);
    chunk.assignments.add([++ids.assignment, row.caseId, row.holder, row.at, row.closedAt, row.endReason]);
    activity(chunk, {
      type: 'case.assigned',
      caseId: row.caseId,
      agentId: row.holder,
      from: 'new',
      to: 'open',
      reason: 'auto',
      at: row.at,
    });
  };

  const activity = (
    chunk: Chunk,
    event: {
      type: string;
      caseId?: number;
      agentId?: number;
      actorId?: number;
      from?: string;
      to?: string;
      reason?: string;
      at: number;
    },
  ) => {
    const isPublic =
      event.type === 'case.created' || event.type === 'case.assigned' || event.type === 'case.status_changed';
    chunk.activity.add([
      ++ids.activity,
      event.type,
      event.caseId ?? null,
      event.agentId ?? null,
      event.actorId ?? null,
      event.from ?? null,
      event.to ?? null,
      event.reason ?? null,
      isPublic ? 'public' : 'internal',
      event.at,
    ]);
  };

  let pending: Promise<void> = Promise.resolve();
  /** Generating the next chunk overlaps with the database writing the previous one (PostgreSQL). */
  const write = async (chunk: Chunk) => {
    await pending;
    for (const table of TABLE_ORDER) rows[table] = (rows[table] ?? 0) + chunk[table].count;
    pending = sink.write(chunk);
    const total = Object.values(rows).reduce((sum, count) => sum + count, 0);
    if (Date.now() - lastReport > 250) {
      lastReport = Date.now();
      options.onProgress?.({ casesDone, rowsDone: total });
    }
  };

  // People: agents (with their agent.added events, which the log replay needs first), then customers.
  const people = newChunk();
  const agentsSince = now - SPAN_MS - 30 * DAY_MS;
  if (facts) {
    const teamRows = facts.teamRows(agentsSince);
    for (const row of teamRows.teams) people.teams.add(row);
    for (const row of teamRows.teamCategories) people.team_categories.add(row);
    people.sla_settings.add([1, JSON.stringify(REPORT_SLA_SETTINGS), agentsSince]);
  }
  for (let index = 0; index < options.agents; index++) {
    const id = agentId(index);
    const removed = plan.availability[index] === 2;
    const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    people.users.add([
      id,
      agentEmail(index),
      name,
      'agent',
      passwordHash,
      removed ? 'deactivated' : 'active',
      agentsSince,
      agentsSince,
    ]);
    people.agents.add([
      id,
      plan.capacity[index]!,
      plan.availability[index] === 0 ? 'available' : 'away',
      plan.activeCases[index]!,
      0,
      removed ? now - DAY_MS : null,
      agentsSince,
      agentsSince,
    ]);
    activity(people, { type: 'agent.added', agentId: id, to: String(plan.capacity[index]), at: agentsSince });
    if (!removed) {
      people.team_members.add([teamOfAgent(index), id, agentsSince]);
      activity(people, { type: 'agent.teams_changed', agentId: id, to: String(teamOfAgent(index)), at: agentsSince });
    }
  }
  for (let index = 0; index < options.customers; index++) {
    const since = now - SPAN_MS - random.int(30 * DAY_MS);
    people.users.add([
      customerId(index),
      customerEmail(index),
      `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
      'customer',
      passwordHash,
      'active',
      since,
      since,
    ]);
  }
  await write(people);

  let slot = 0;
  const activeHolder = new Int32Array(options.cases).fill(-1);
  for (let index = options.cases - 1; index >= 0; index--) {
    if (status[index] === OPEN || status[index] === PENDING) activeHolder[index] = plan.slots[slot++]!;
  }
  // A closed case was held by someone with room at that point of the log, or the replay of the
  // activity log (the invariant checker) would see that agent over capacity.
  const load = new Int32Array(options.agents);
  const agentWithRoom = () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const candidate = random.int(options.agents);
      if (load[candidate]! < plan.capacity[candidate]!) return candidate;
    }
    const candidate = load.findIndex((held, agent) => held < plan.capacity[agent]!);
    if (candidate < 0) throw new Error('every agent is full: load more agents or fewer active cases');
    return candidate;
  };

  for (let first = 0; first < options.cases; first += CASES_PER_CHUNK) {
    const chunk = newChunk();
    const last = Math.min(options.cases, first + CASES_PER_CHUNK);
    for (let index = first; index < last; index++) {
      const id = index + 1;
      const state = status[index]!;
      const createdAt = Math.floor(now - SPAN_MS + ((index + random.next()) * SPAN_MS) / options.cases);
      const later = (from: number, upTo: number) => Math.min(now, from + Math.floor(random.next() * upTo));
      const customerIndex = Math.floor(options.customers * random.next() ** 2);
      const customer = customerId(customerIndex);
      const [reason, problem] = random.pick(REASONS);
      const outcome = random.pick(OUTCOMES);
      const product = random.pick(PRODUCTS);
      const orderNumber = `ORD-${100_000 + index}`;
      const description = `Order ${orderNumber}: my ${product.toLowerCase()} ${problem}. I would like a ${outcome.replace('_', ' ')}. ${random.pick(DETAILS)}`;
      const holderIndex = state === NEW ? -1 : activeHolder[index]! >= 0 ? activeHolder[index]! : agentWithRoom();
      const holder = holderIndex < 0 ? null : agentId(holderIndex);
      const assignedAt = holder === null ? null : later(createdAt, 5 * 60_000);
      const isAnswered =
        assignedAt !== null && (state !== OPEN || plan.availability[holderIndex] !== 0 || random.next() < 0.5);
      const firstResponseAt = isAnswered && assignedAt !== null ? later(assignedAt, 8 * 3_600_000) : null;
      const closedAt = state >= RESOLVED ? later(firstResponseAt ?? createdAt, 4 * DAY_MS) : null;
      const isReasonGiven = random.next() < 0.9;
      const priority = priorityRank(random);
      const team = holderIndex >= 0 ? teamOfAgent(holderIndex) : (facts?.randomTeam() ?? DEFAULT_TEAM_ID);
      const reopen = facts && state === RESOLVED && closedAt !== null ? facts.reopenOf(closedAt, now) : undefined;
      const finalClosedAt = reopen?.closedAt ?? closedAt;
      const pendingAt = state === PENDING ? (firstResponseAt ?? assignedAt) : null;
      const clock = facts
        ? slaClockOf({
            priorityRank: priority,
            createdAt,
            firstResponseAt,
            stoppedAt: closedAt ?? pendingAt,
            reopen,
            now,
          })
        : NO_SLA;
      chunk.cases.add([
        id,
        customer,
        `${product} ${problem}`,
        description,
        orderNumber,
        product,
        isReasonGiven ? reason : null,
        outcome,
        priority,
        STATUS_NAMES[state]!,
        holder,
        createdAt,
        reopen?.reassignedAt ?? assignedAt,
        firstResponseAt,
        state === RESOLVED ? finalClosedAt : null,
        finalClosedAt ?? firstResponseAt ?? assignedAt ?? createdAt,
        team,
        facts?.categoryFor(team) ?? null,
        ...clock.columns,
      ]);
      chunk.messages.add([++ids.message, id, customer, description, 'public', createdAt]);
      for (const visit of facts?.visitsAround(id, customer, createdAt) ?? []) {
        chunk.kb_feedback.add([++ids.feedback, ...visit]);
      }
      activity(chunk, { type: 'case.created', caseId: id, actorId: customer, to: 'new', at: createdAt });
      for (const breach of clock.breaches) {
        activity(chunk, { type: 'case.sla_breached', caseId: id, to: breach.target, at: breach.at });
      }
      if (holder === null || assignedAt === null) continue;
      if (activeHolder[index]! >= 0) load[holderIndex]!++;
      const endReason = state === RESOLVED ? 'resolved' : state === DELETED ? 'deleted' : null;
      assign(chunk, { caseId: id, holder, holderIndex, at: assignedAt, closedAt, endReason });
      if (firstResponseAt !== null) {
        const reply = `Thanks for reporting this. I have started a ${outcome.replace('_', ' ')} for order ${orderNumber}.`;
        chunk.messages.add([++ids.message, id, holder, reply, 'public', firstResponseAt]);
      }
      if (state === PENDING) {
        activity(chunk, {
          type: 'case.status_changed',
          caseId: id,
          actorId: holder,
          from: 'open',
          to: 'pending',
          at: firstResponseAt ?? assignedAt,
        });
      }
      if (endReason !== null && closedAt !== null) {
        const to = STATUS_NAMES[state];
        activity(chunk, {
          type: 'case.released',
          caseId: id,
          agentId: holder,
          actorId: holder,
          from: 'open',
          to,
          reason: endReason,
          at: closedAt,
        });
        activity(chunk, {
          type: 'case.status_changed',
          caseId: id,
          actorId: holder,
          from: 'open',
          to,
          reason: endReason,
          at: closedAt,
        });
        if (state === DELETED) activity(chunk, { type: 'case.deleted', caseId: id, at: closedAt });
      }
      if (reopen) {
        // The customer wrote again: the case went back to the queue, then to the same agent.
        activity(chunk, {
          type: 'case.status_changed',
          caseId: id,
          actorId: customer,
          from: 'resolved',
          to: 'new',
          reason: 'reopened',
          at: reopen.reopenedAt,
        });
        assign(chunk, {
          caseId: id,
          holder,
          holderIndex,
          at: reopen.reassignedAt,
          closedAt: reopen.closedAt,
          endReason: 'resolved',
        });
        const resolvedAgain = { caseId: id, actorId: holder, from: 'open', to: 'resolved', reason: 'resolved' };
        activity(chunk, { type: 'case.released', agentId: holder, ...resolvedAgain, at: reopen.closedAt });
        activity(chunk, { type: 'case.status_changed', ...resolvedAgain, at: reopen.closedAt });
      }
      const rating =
        facts && state === RESOLVED && finalClosedAt !== null ? facts.ratingOf(finalClosedAt, now) : undefined;
      if (rating) {
        chunk.csat_ratings.add([id, customer, rating.rating, null, rating.at]);
        activity(chunk, {
          type: 'case.rated',
          caseId: id,
          actorId: customer,
          to: String(rating.rating),
          at: rating.at,
        });
      }
    }
    casesDone = last;
    await write(chunk);
  }

  // Agents who went away or were removed did so after their cases were assigned.
  const closing = newChunk();
  for (let index = 0; index < options.agents; index++) {
    const id = agentId(index);
    if (plan.availability[index] === 1) {
      activity(closing, {
        type: 'agent.availability_changed',
        agentId: id,
        actorId: id,
        from: 'available',
        to: 'away',
        reason: 'self',
        at: now - 3_600_000,
      });
    } else if (plan.availability[index] === 2) {
      activity(closing, { type: 'agent.removed', agentId: id, at: now - DAY_MS });
    }
  }
  await write(closing);
  await pending;
  await sink.finish({
    agentIds: Array.from({ length: options.agents }, (_, index) => agentId(index)),
    times: Array.from(lastAssignedAt),
  });
  const totalRows = Object.values(rows).reduce((sum, count) => sum + count, 0);
  options.onProgress?.({ casesDone, rowsDone: totalRows });
  return {
    engine: options.databaseUrl ? 'postgres' : 'sqlite',
    rows,
    totalRows,
    queued: plan.queued,
    active: plan.slots.length,
    seconds: (Date.now() - started) / 1000,
  };
}
