import { type Answer, send, sleep } from './crash-http.js';
import { ADMIN, api, inParallel } from './server-process.js';

export interface Person {
  id: number;
  token: string;
}

/** The people the load runs as; their sessions live in the database, so they outlive restarts. */
export interface Crew {
  admin: Person;
  agents: Person[];
  customers: Person[];
}

/** A create the server answered 201: it must exist after any crash. */
export interface Acknowledged {
  caseId: number;
  customer: Person;
  key: string;
  /** As the server stamped it (epoch ms): tells whether a create retried after a crash had committed before it. */
  createdAt: number;
}

/** A create sent but never answered (the server died, or the database was down); a client would retry it. */
export interface Unanswered {
  customer: Person;
  key: string;
}

export interface LoadResult {
  acknowledged: Acknowledged[];
  unanswered: Unanswered[];
  /** `operation status` → count, e.g. `create 201`; status 0 is a request that got no answer. */
  statuses: Map<string, number>;
}

const PASSWORD = 'Crash-harness-pass-7';

/** Everything an operation may answer; status 0 (no answer) is judged by the caller, 503 only during an outage. */
const EXPECTED: Record<string, number[]> = {
  create: [201],
  list: [200],
  resolve: [200, 409],
  reply: [201, 409],
  pending: [200, 409],
  availability: [200],
};

/** The body is a function of the key, so a retry after a crash is the same request (a different body is a 409). */
export const caseBody = (key: string) => ({
  subject: `Crash case ${key}`,
  description: 'The parcel arrived crushed.',
  reason: 'damaged',
  desiredOutcome: 'refund',
});

export async function setUpCrew(
  url: string,
  options: { agents?: number; capacity?: number; customers?: number } = {},
): Promise<Crew> {
  const { agents = 6, capacity = 3, customers = 12 } = options;
  const login = async (email: string, password: string): Promise<Person> => {
    const reply = await api<{ token: string; user: { id: number } }>(url, 'POST', '/auth/login', {
      body: { email, password },
    });
    return { id: reply.user.id, token: reply.token };
  };
  const admin = await login(ADMIN.email, ADMIN.password);
  const agentPeople = await inParallel(agents, 3, async (i) => {
    const email = `crash-agent${i}@bench.test`;
    await api(url, 'POST', '/agents', {
      token: admin.token,
      body: { email, name: `Crash agent ${i}`, password: PASSWORD, capacity },
    });
    return login(email, PASSWORD);
  });
  const customerPeople = await inParallel(customers, 3, async (i) => {
    const reply = await api<{ token: string; user: { id: number } }>(url, 'POST', '/auth/signup', {
      body: { email: `crash-customer${i}@bench.test`, password: PASSWORD, name: `Crash customer ${i}` },
    });
    return { id: reply.user.id, token: reply.token };
  });
  return { admin, agents: agentPeople, customers: customerPeople };
}

export const acknowledgement = (answer: Answer, customer: Person, key: string): Acknowledged => ({
  caseId: answer.body.id,
  customer,
  key,
  createdAt: Date.parse(answer.body.createdAt),
});

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)] as T;

/**
 * A mixed load from one client per person: customers report cases with an Idempotency-Key (retrying the
 * same key after a 503, as a careful client does), agents work their own cases (resolve, reply, pending)
 * so queued cases get assigned, and the admin flips agents between available and away.
 * A client stops when its request gets no answer at all (the server is gone) or when `stop` is called.
 */
export function startLoad(url: string, crew: Crew, tag: string) {
  let stopped = false;
  const result: LoadResult = { acknowledged: [], unanswered: [], statuses: new Map() };
  const count = (operation: string, answer: Answer) => {
    const label = `${operation} ${answer.status}`;
    result.statuses.set(label, (result.statuses.get(label) ?? 0) + 1);
    return answer.status !== 0;
  };

  const customerClient = async (customer: Person, client: number) => {
    for (let i = 0; ; i++) {
      const key = `${tag}-${client}-${i}`;
      for (;;) {
        if (stopped) {
          result.unanswered.push({ customer, key });
          return;
        }
        const answer = await send(url, 'POST', '/api/v1/cases', {
          token: customer.token,
          body: caseBody(key),
          headers: { 'idempotency-key': key },
        });
        if (!count('create', answer)) {
          result.unanswered.push({ customer, key });
          return;
        }
        if (answer.status === 201) result.acknowledged.push(acknowledgement(answer, customer, key));
        if (answer.status !== 503) break;
        await sleep(50);
      }
    }
  };

  const agentClient = async (agent: Person) => {
    while (!stopped) {
      const status = Math.random() < 0.3 ? 'pending' : 'open';
      const list = await send(url, 'GET', `/api/v1/cases?assignee=me&status=${status}&limit=10`, {
        token: agent.token,
      });
      if (!count('list', list)) return;
      const item: { id: number } | undefined = list.status === 200 ? pick(list.body.items) : undefined;
      if (!item) {
        await sleep(20);
        continue;
      }
      const roll = Math.random();
      const path = `/api/v1/cases/${item.id}`;
      const [operation, answer] =
        status === 'pending' || roll < 0.7
          ? ['resolve', await send(url, 'POST', `${path}/resolve`, { token: agent.token })]
          : roll < 0.85
            ? ['reply', await send(url, 'POST', `${path}/messages`, { token: agent.token, body: { body: 'On it.' } })]
            : ['pending', await send(url, 'PATCH', path, { token: agent.token, body: { status: 'pending' } })];
      if (!count(operation, answer)) return;
    }
  };

  const adminClient = async () => {
    while (!stopped) {
      const availability = Math.random() < 0.4 ? 'away' : 'available';
      const answer = await send(url, 'PATCH', `/api/v1/agents/${pick(crew.agents).id}`, {
        token: crew.admin.token,
        body: { availability },
      });
      if (!count('availability', answer)) return;
      await sleep(30);
    }
  };

  const done = Promise.all([
    ...crew.customers.map(customerClient),
    ...crew.agents.map(agentClient),
    adminClient(),
  ]).then(() => result);
  return {
    done,
    stop() {
      stopped = true;
      return done;
    },
  };
}

/** Answers no operation should give: any 5xx (but 503 when an outage is expected) and anything unexpected. */
export function unexpectedAnswers(statuses: Map<string, number>, options: { allowUnavailable: boolean }): string[] {
  const unexpected: string[] = [];
  for (const [label, times] of statuses) {
    const [operation = '', text = ''] = label.split(' ');
    const status = Number(text);
    const allowed =
      status === 0 || EXPECTED[operation]?.includes(status) || (options.allowUnavailable && status === 503);
    if (!allowed) unexpected.push(`${times} × ${label}`);
  }
  return unexpected;
}

/** Counts answers by status across operations, e.g. `{ 0: 12, 200: 340, 201: 512 }`. */
export function countByStatus(statuses: Map<string, number>): Record<number, number> {
  const totals: Record<number, number> = {};
  for (const [label, times] of statuses) {
    const status = Number(label.split(' ')[1]);
    totals[status] = (totals[status] ?? 0) + times;
  }
  return totals;
}
