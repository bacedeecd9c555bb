import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DatabaseOptions, openDatabase } from '../../apps/server/src/db/database.js';
import { send } from './crash-http.js';

export const CRASH_WEBHOOK_EVENTS = ['case.created', 'case.assigned', 'case.resolved', 'case.updated'];

/** A webhook receiver on loopback that answers 200 and keeps every delivery's id, in arrival order. */
export async function startWebhookReceiver() {
  const arrivals: { id: string; type: string; caseId: number | undefined }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const parsed = JSON.parse(body) as { type: string; data: { caseId?: number } };
      arrivals.push({ id: String(request.headers['webhook-id']), type: parsed.type, caseId: parsed.data.caseId });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    arrivals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function subscribe(serverUrl: string, adminToken: string, receiverUrl: string) {
  const answer = await send(serverUrl, 'POST', '/api/v1/webhooks', {
    token: adminToken,
    body: { url: receiverUrl, events: CRASH_WEBHOOK_EVENTS, description: 'crash harness' },
  });
  if (answer.status !== 201) throw new Error(`subscribing failed: ${answer.status} ${JSON.stringify(answer.body)}`);
}

/** The ids of every subscribed event the database says was committed, per case in commit order. */
async function committedEvents(options: DatabaseOptions) {
  const database = openDatabase({ ...options, poolSize: 2 });
  try {
    const rows = await database.db.selectFrom('outbox').select(['id', 'events', 'created_at']).orderBy('id').execute();
    const events: { id: string; caseId: number | undefined }[] = [];
    for (const row of rows) {
      const list = JSON.parse(row.events) as { name: string; caseId?: number; webhookId?: number }[];
      for (const [index, event] of list.entries()) {
        if (!CRASH_WEBHOOK_EVENTS.includes(event.name) || event.webhookId !== undefined) continue;
        events.push({ id: `evt_${Number(row.created_at).toString(36)}_${row.id}_${index}`, caseId: event.caseId });
      }
    }
    return events;
  } finally {
    await database.close();
  }
}

/**
 * After the kills: every committed event arrived at least once (waiting up to `waitMs` for retries and
 * expired leases), none arrived that the database does not hold (a rolled-back change), and each case's
 * events first arrived in commit order.
 */
export async function checkDeliveries(
  options: DatabaseOptions,
  arrivals: { id: string; caseId: number | undefined }[],
  waitMs: number,
) {
  const deadline = Date.now() + waitMs;
  let expected = await committedEvents(options);
  let missing = expected.filter((event) => !arrivals.some((arrival) => arrival.id === event.id));
  while (missing.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const received = new Set(arrivals.map((arrival) => arrival.id));
    missing = missing.filter((event) => !received.has(event.id));
  }
  expected = await committedEvents(options);
  const received = new Set(arrivals.map((arrival) => arrival.id));
  const committed = new Map(expected.map((event, order) => [event.id, order]));
  const violations: string[] = [];
  for (const event of expected)
    if (!received.has(event.id)) violations.push(`committed event ${event.id} never arrived`);
  for (const id of received)
    if (!committed.has(id)) violations.push(`event ${id} arrived but no committed change holds it`);
  const lastOrder = new Map<number, number>();
  const seen = new Set<string>();
  for (const arrival of arrivals) {
    if (seen.has(arrival.id) || arrival.caseId === undefined) continue;
    seen.add(arrival.id);
    const order = committed.get(arrival.id) ?? -1;
    if (order < (lastOrder.get(arrival.caseId) ?? -1))
      violations.push(`case ${arrival.caseId}: event ${arrival.id} arrived after a later one`);
    lastOrder.set(arrival.caseId, order);
  }
  return {
    violations,
    stats: {
      committedEvents: expected.length,
      deliveries: arrivals.length,
      duplicates: arrivals.length - received.size,
    },
  };
}
