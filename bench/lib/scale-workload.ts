// What the scale benchmark reads: every case-list filter (first page and deep keyset pages) per role,
// described once so the HTTP timings and the EXPLAIN plans cover exactly the same queries.

import type { CaseStatus, Priority } from '@caseflow/contract';
import { prioritySchema } from '@caseflow/contract';
import { sql } from 'kysely';
import type { Db } from '../../apps/server/src/db/database.js';
import type { CaseFilter } from '../../apps/server/src/features/cases/cases.repository.js';
import { encodeCursor } from '../../apps/server/src/http/cursor.js';

export type Role = 'admin' | 'agent' | 'heavyCustomer' | 'customer';

/** The people and positions the scenarios use, read from the loaded database. */
export interface Subjects {
  /** A page deep in the whole table: keyset pagination must not care how far in it is. */
  deepCaseId: number;
  /** The agent who holds the most cases (their `assignee=me` lists are the longest). */
  agent: { id: number; email: string };
  /** The customer with the most cases, and a cursor 1,000 cases into their own list. */
  heavyCustomer: { id: number; email: string; deepCaseId: number };
  customer: { id: number; email: string };
}

export interface ListScenario {
  name: string;
  role: Role;
  status?: CaseStatus;
  priority?: Priority;
  assignee?: 'me' | 'none' | number;
  beforeId?: number;
  limit?: number;
}

export function listScenarios(subjects: Subjects): ListScenario[] {
  const deep = subjects.deepCaseId;
  const agent = subjects.agent.id;
  return [
    { name: 'all, first page', role: 'admin' },
    { name: 'all, deep page', role: 'admin', beforeId: deep },
    { name: 'all, first page of 100', role: 'admin', limit: 100 },
    { name: 'status=new', role: 'admin', status: 'new' },
    { name: 'status=open', role: 'admin', status: 'open' },
    { name: 'status=pending', role: 'admin', status: 'pending' },
    { name: 'status=resolved', role: 'admin', status: 'resolved' },
    { name: 'status=resolved, deep page', role: 'admin', status: 'resolved', beforeId: deep },
    { name: 'priority=urgent', role: 'admin', priority: 'urgent' },
    { name: 'priority=high', role: 'admin', priority: 'high' },
    { name: 'priority=normal', role: 'admin', priority: 'normal' },
    { name: 'priority=low', role: 'admin', priority: 'low' },
    { name: 'priority=urgent, deep page', role: 'admin', priority: 'urgent', beforeId: deep },
    { name: 'assignee=<busiest agent>', role: 'admin', assignee: agent },
    { name: 'assignee=none', role: 'admin', assignee: 'none' },
    { name: 'status=open&priority=urgent', role: 'admin', status: 'open', priority: 'urgent' },
    { name: 'status=pending&assignee=<agent>', role: 'admin', status: 'pending', assignee: agent },
    {
      name: 'status=resolved&priority=urgent, deep',
      role: 'admin',
      status: 'resolved',
      priority: 'urgent',
      beforeId: deep,
    },
    { name: 'agent: assignee=me', role: 'agent', assignee: 'me' },
    { name: 'agent: assignee=me&status=open', role: 'agent', assignee: 'me', status: 'open' },
    { name: 'agent: status=new (queue)', role: 'agent', status: 'new' },
    { name: 'agent: all, first page', role: 'agent' },
    { name: 'heaviest customer: own cases', role: 'heavyCustomer' },
    { name: 'heaviest customer: own, deep page', role: 'heavyCustomer', beforeId: subjects.heavyCustomer.deepCaseId },
    { name: 'heaviest customer: own, status=open', role: 'heavyCustomer', status: 'open' },
    { name: 'customer: own cases', role: 'customer' },
  ];
}

/** The request the web app would send for a scenario. */
export function toPath(scenario: ListScenario): string {
  const query = new URLSearchParams();
  if (scenario.status) query.set('status', scenario.status);
  if (scenario.priority) query.set('priority', scenario.priority);
  if (scenario.assignee !== undefined) query.set('assignee', String(scenario.assignee));
  if (scenario.limit) query.set('limit', String(scenario.limit));
  if (scenario.beforeId) query.set('cursor', encodeCursor(scenario.beforeId));
  const text = query.toString();
  return text ? `/cases?${text}` : '/cases';
}

/** The repository filter cases.service.ts builds for the same request (priority rank, `me`, customer scope). */
export function toFilter(scenario: ListScenario, subjects: Subjects): CaseFilter {
  const customerId =
    scenario.role === 'heavyCustomer'
      ? subjects.heavyCustomer.id
      : scenario.role === 'customer'
        ? subjects.customer.id
        : null;
  const assignee = scenario.assignee;
  return {
    customerId,
    status: scenario.status,
    priority: scenario.priority === undefined ? undefined : prioritySchema.options.indexOf(scenario.priority),
    assigneeId: assignee === 'me' ? subjects.agent.id : assignee === 'none' ? null : assignee,
    beforeId: scenario.beforeId,
    limit: scenario.limit ?? 25,
  };
}

export async function findSubjects(db: Db): Promise<Subjects> {
  const first = async <T>(query: ReturnType<typeof sql<T>>) => {
    const row = (await query.execute(db)).rows[0];
    if (!row) throw new Error('the database has no cases to benchmark');
    return row;
  };
  const maxId = await first(sql<{ id: number }>`select max(id) as id from cases`);
  const agent = await first(sql<{ id: number; email: string }>`select u.id, u.email from users u
    join (select assignee_id, count(*) as n from cases where assignee_id is not null
          group by assignee_id order by n desc limit 1) busiest on busiest.assignee_id = u.id`);
  const heavy = await first(sql<{ id: number; email: string }>`select u.id, u.email from users u
    join (select customer_id, count(*) as n from cases group by customer_id order by n desc limit 1) heavy
      on heavy.customer_id = u.id`);
  const heavyDeep = await first(sql<{ id: number }>`select id from cases where customer_id = ${heavy.id}
    order by id desc limit 1 offset 1000`).catch(() => ({ id: Number(maxId.id) }));
  const deepCaseId = Math.max(1, Math.floor(Number(maxId.id) / 2));
  const customer = await first(sql<{ id: number; email: string }>`select u.id, u.email from users u
    join cases c on c.customer_id = u.id where c.id = ${deepCaseId}`);
  return {
    deepCaseId,
    agent: { id: Number(agent.id), email: agent.email },
    heavyCustomer: { id: Number(heavy.id), email: heavy.email, deepCaseId: Number(heavyDeep.id) },
    customer: { id: Number(customer.id), email: customer.email },
  };
}
