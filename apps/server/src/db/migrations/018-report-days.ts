import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.js';

/**
 * Reports over closed days (SPEC §13, issue 23): what a summary needs of one UTC day, kept once computed.
 * - `report_day_versions`: per UTC day (epoch millis / 86,400,000), a counter that the triggers below
 *   raise whenever a write changes a fact of that day after it closed: a case whose reported columns
 *   change on a later day than it was created in (its creation day and the days of its resolutions,
 *   reopens, breaches and rating), or a row of the activity log, a rating, a case or help-center
 *   feedback inserted, updated or deleted with a time in a day already over. Writes of today's facts
 *   (all of intake and assignment) raise nothing.
 * - `report_days`: a day's facts for one set of filters, valid while its `version` is the day's.
 * The database raises the counters: a code path that writes these tables cannot forget to. What they
 * do not see: a write committed after midnight that ran before it (the reader waits SETTLE_MS).
 */
const DAY_MS = 86_400_000;
const REPORTED_ACTIVITY = `('case.status_changed', 'case.sla_breached', 'case.assigned')`;
/** The columns a report reads or filters by; an update that changes none of them changes no figure. */
const CASE_COLUMNS = [
  'team_id',
  'assignee_id',
  'category',
  'priority',
  'status',
  'first_response_at',
  'sla_first_response_due_at',
  'sla_resolution_due_at',
  'created_at',
] as const;

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('report_day_versions')
    .addColumn('day', 'integer', (column) => column.primaryKey())
    .addColumn('version', 'integer', (column) => column.notNull())
    .execute();
  await db.schema
    .createTable('report_days')
    .addColumn('day', 'integer', (column) => column.notNull())
    .addColumn('filter', 'text', (column) => column.notNull())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('facts', engine === 'postgres' ? 'bytea' : 'blob', (column) => column.notNull())
    .addPrimaryKeyConstraint('report_days_key', ['day', 'filter'])
    .execute();
  // The help center's figures count a visit on the day of its first event of a kind.
  await db.schema
    .createIndex('kb_feedback_session_first')
    .on('kb_feedback')
    .columns(['session', 'event', 'created_at'])
    .execute();
  await db.schema.createIndex('kb_feedback_time').on('kb_feedback').columns(['created_at', 'event']).execute();
  if (engine === 'postgres') await postgresTriggers(db);
  else await sqliteTriggers(db);
}

/** What differs between the engines' trigger SQL. */
interface Dialect {
  now: string;
  greatest: string;
  differs: string;
}
const SQLITE: Dialect = { now: `cast(unixepoch('subsec') * 1000 as integer)`, greatest: 'max', differs: 'is not' };
const POSTGRES: Dialect = {
  now: `(extract(epoch from clock_timestamp()) * 1000)::bigint`,
  greatest: 'greatest',
  differs: 'is distinct from',
};

/** The days a row's facts fall on (a query of `day`), for `row` = `old` or `new`. */
const ROW_DAYS: Record<string, (row: string) => string> = {
  // A log row's own day, and its case's creation day (a first assignment is a fact of that day).
  activity: (row) =>
    `select ${row}.created_at / ${DAY_MS} as day union select created_at / ${DAY_MS} from cases where id = ${row}.case_id`,
  csat_ratings: (row) => `select ${row}.created_at / ${DAY_MS} as day`,
  // A visit counts on the day of its first event of a kind: an earlier one moves it off a later day.
  kb_feedback: (row) =>
    `select ${row}.created_at / ${DAY_MS} as day union select created_at / ${DAY_MS} from kb_feedback where session = ${row}.session`,
  cases: (row) => `select ${row}.created_at / ${DAY_MS} as day`,
};

/** Each trigger: the write it follows, when it raises anything, and the days it raises (a query of `day`). */
function reportTriggers(dialect: Dialect) {
  const { now, greatest, differs } = dialect;
  const closed = (row: string) => `${row}.created_at / ${DAY_MS} < ${greatest}(${now}, ${row}.created_at) / ${DAY_MS}`;
  const changed = CASE_COLUMNS.map((column) => `old.${column} ${differs} new.${column}`).join(' or ');
  const triggers = [
    {
      name: 'report_case_changed',
      on: 'update on cases',
      when: `old.created_at / ${DAY_MS} < ${greatest}(new.updated_at, ${now}) / ${DAY_MS} and (${changed})`,
      // The days a case's facts fall on: its creation (before and after), the log's reported rows, its rating.
      days: `select old.created_at / ${DAY_MS} as day union select new.created_at / ${DAY_MS}
        union select created_at / ${DAY_MS} from activity where case_id = old.id and type in ${REPORTED_ACTIVITY}
        union select created_at / ${DAY_MS} from csat_ratings where case_id = old.id`,
    },
  ];
  for (const [table, days] of Object.entries(ROW_DAYS)) {
    // Intake writes activity rows of other kinds too: only the reported ones can change a figure.
    const kind = table === 'activity' ? `new.type in ${REPORTED_ACTIVITY} and ` : '';
    triggers.push(
      { name: `report_${table}_written`, on: `insert on ${table}`, when: `${kind}${closed('new')}`, days: days('new') },
      { name: `report_${table}_removed`, on: `delete on ${table}`, when: closed('old'), days: days('old') },
    );
    if (table !== 'cases') {
      triggers.push({
        name: `report_${table}_rewritten`,
        on: `update on ${table}`,
        when: `${closed('old')} or ${closed('new')}`,
        days: `${days('old')} union ${days('new')}`,
      });
    }
  }
  return triggers;
}

async function sqliteTriggers(db: Kysely<unknown>) {
  for (const { name, on, when, days } of reportTriggers(SQLITE)) {
    await sql
      .raw(
        `create trigger ${name} after ${on} when ${when} begin
           insert into report_day_versions (day, version) select day, 1 from (${days}) where true
           on conflict (day) do update set version = version + 1;
         end`,
      )
      .execute(db);
  }
}

async function postgresTriggers(db: Kysely<unknown>) {
  for (const { name, on, when, days } of reportTriggers(POSTGRES)) {
    // Days in order, so two transactions raising the same days lock their rows in the same order.
    await sql
      .raw(
        `create function ${name}() returns trigger language plpgsql as $body$ begin
           insert into report_day_versions (day, version) select day, 1 from (${days}) as days order by day
           on conflict (day) do update set version = report_day_versions.version + 1;
           return null;
         end $body$`,
      )
      .execute(db);
    await sql
      .raw(`create trigger ${name} after ${on} for each row when (${when}) execute function ${name}()`)
      .execute(db);
  }
}
