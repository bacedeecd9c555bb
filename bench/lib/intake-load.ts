// The intake load of bench/intake.ts as reusable pieces: authenticated POST /cases with assignment,
// many connections, agents with room for every case (so each request assigns one).

import autocannon from 'autocannon';
import { loadShippedSet } from '../../apps/server/src/features/triage/model/index.js';
import { api, inParallel } from './server-process.js';

export const INTAKE_BODY = JSON.stringify({
  subject: 'Blender arrived cracked',
  description: 'The jar is cracked.',
  reason: 'damaged',
  desiredOutcome: 'refund',
});

/** The triage set's customer messages (1,650, short and long) as POST /cases bodies, in the set's order. */
export function shippedMessageBodies(): string[] {
  const { training, heldOut } = loadShippedSet();
  return [...training, ...heldOut].map((message) =>
    JSON.stringify({ subject: message.subject || 'Help', description: message.description || 'Please help.' }),
  );
}

/**
 * The intake's agents by default: 3,000 × capacity 50 = 150,000 places, room for every case of a
 * 10-second run at up to 15,000 cases/s, so every case is assigned, as the issue asks.
 */
export const INTAKE_AGENTS = 3000;

/**
 * Invited agents (no password, so no hashing) at capacity 50; `tag` keeps emails unique across runs on
 * one database. Returns their ids in creation order.
 */
export async function addIntakeAgents(url: string, adminToken: string, count: number, tag: string) {
  const agents = await inParallel(count, 16, (i) =>
    api<{ id: number }>(url, 'POST', '/agents', {
      token: adminToken,
      body: { email: `agent${i}.${tag}@bench.test`, name: `Agent ${i}`, capacity: 50 },
    }),
  );
  return agents.map((agent) => agent.id);
}

export async function signUpIntakeCustomers(url: string, count: number, tag: string): Promise<string[]> {
  return inParallel(count, 8, async (i) => {
    const reply = await api<{ token: string }>(url, 'POST', '/auth/signup', {
      body: { email: `customer${i}.${tag}@bench.test`, password: 'Bench-customer-1', name: `Customer ${i}` },
    });
    return reply.token;
  });
}

/**
 * Loads every server at once for `seconds`; the customers' tokens are spread over the connections
 * (none for the baseline server, which has no authentication). `bodies`, when given, holds each
 * connection's own body (the teams scenario's categories); `messages`, when given, are sent in turn,
 * a different one with every request (real customer messages, for triage's cost); otherwise every
 * connection sends INTAKE_BODY.
 */
export async function runIntake(
  urls: string[],
  tokens: string[],
  options: {
    connections: number;
    seconds: number;
    bodies?: readonly string[] | undefined;
    messages?: readonly string[] | undefined;
  },
) {
  let counter = 0;
  let sent = 0;
  const { messages } = options;
  const requests = messages
    ? [
        {
          method: 'POST' as const,
          setupRequest: (request: object) => ({ ...request, body: messages[sent++ % messages.length] }),
        },
      ]
    : undefined;
  const results = await Promise.all(
    urls.map((url) =>
      autocannon({
        url: `${url}/api/v1/cases`,
        connections: Math.ceil(options.connections / urls.length),
        duration: options.seconds,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: INTAKE_BODY,
        ...(requests ? { requests } : {}),
        setupClient: (client) => {
          const index = counter++;
          const token = tokens[index % tokens.length];
          const headers = {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          };
          const body = options.bodies?.[index % options.bodies.length];
          if (body === undefined) client.setHeaders(headers);
          else client.setHeadersAndBody(headers, body);
        },
      }),
    ),
  );
  const total = results.reduce((sum, result) => sum + result.requests.total, 0);
  return {
    casesPerSecond: Math.round(total / options.seconds),
    p50Ms: Math.max(...results.map((result) => result.latency.p50)),
    p99Ms: Math.max(...results.map((result) => result.latency.p99)),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
  };
}
