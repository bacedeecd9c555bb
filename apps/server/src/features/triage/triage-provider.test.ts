import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Case } from '@caseflow/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';
import { until } from '../../testing/until.js';

/** A local OpenAI-compatible chat-completions stub: answers with whatever the test sets. */
type Answer = { status: number; body: unknown; delayMs?: number };
let answer: Answer = { status: 200, body: {} };
const requests: { model: string; messages: { role: string; content: string }[] }[] = [];
let stub: Server;
let stubUrl = '';

const completion = (content: string) => ({ choices: [{ message: { role: 'assistant', content } }] });

beforeAll(async () => {
  stub = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    request.on('end', () => {
      requests.push(JSON.parse(text));
      const { status, body, delayMs = 0 } = answer;
      setTimeout(() => {
        if (!response.destroyed)
          response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => stub.close(() => resolve())));

describe.each(engines)('the optional triage provider on %s', (engine) => {
  let server: TestServer;
  let admin: Person;
  let customer: Person;
  afterEach(() => server.close());

  async function start(timeoutMs = 300) {
    server = await startTestServer(engine, {
      TRIAGE_PROVIDER_URL: stubUrl,
      TRIAGE_MODEL: 'stub-model',
      TRIAGE_PROVIDER_TIMEOUT_MS: String(timeoutMs),
    });
    admin = await server.admin();
    customer = await server.signup('Pia');
  }
  const api = (method: string, url: string, body?: unknown, token = admin.token) =>
    server.call(method, `/api/v1${url}`, { token, body });
  const report = async (subject: string, description: string): Promise<Case> =>
    (await api('POST', '/cases', { subject, description }, customer.token)).body;
  const events = async (caseId: number) =>
    (await api('GET', `/cases/${caseId}/events`)).body.items as { type: string; to: string | null }[];
  const jobsLeft = async () =>
    Number(
      (
        await server.ctx.database.db
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('kind', '=', 'triage.provider')
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('re-triages an unanswered case after intake and re-routes it to the team of the new category', async () => {
    answer = {
      status: 200,
      body: completion(
        'Sure! ```json\n{"category":"billing","priority":"high","tags":["charge","Double"],"reason":"charged twice"}\n```',
      ),
    };
    await start();
    const billing = (await api('POST', '/teams', { name: 'Billing desk', categories: ['billing'] })).body;
    const created = await report('Question', 'Hello, I have a question about my order 4411.');
    const retriaged = await until('the provider answer applied', async () => {
      const current: Case = (await api('GET', `/cases/${created.id}`)).body;
      return current.triage?.model === 'stub-model' ? current : undefined;
    });
    expect(retriaged).toMatchObject({ category: 'billing', priority: 'high', team: { id: billing.id } });
    expect(retriaged.tags).toEqual(['charge', 'double']);
    expect(retriaged.triage?.reasons).toEqual(['provider: charged twice']);
    const types = (await events(created.id)).map((event) => event.type);
    expect(types).toContain('case.retriaged');
    expect(types).toContain('case.transferred');
    expect(requests.at(-1)?.model).toBe('stub-model');
    expect(requests.at(-1)?.messages[1]?.content).toContain('order 4411');
  });

  it('keeps the offline result on an error, on bad output and past the timeout', async () => {
    await start();
    for (const bad of [
      { status: 500, body: { error: 'down' } },
      { status: 200, body: completion('I think it is about billing.') },
      { status: 200, body: completion('{"category":"spaceship","priority":"high"}') },
      { status: 200, body: { unexpected: true } },
      { status: 200, body: completion('{"category":"billing","priority":"high"}'), delayMs: 1_000 },
    ]) {
      answer = bad;
      const created = await report('Lamp flickers', 'The lamp flickers when I switch it on.');
      await until('the provider job to finish', async () => ((await jobsLeft()) === 0 ? true : undefined));
      const current: Case = (await api('GET', `/cases/${created.id}`)).body;
      expect(current, JSON.stringify(bad)).toMatchObject({ category: created.category, priority: created.priority });
      expect(current.triage?.model).not.toBe('stub-model');
      expect((await events(created.id)).map((event) => event.type)).not.toContain('case.retriaged');
    }
  });

  it('leaves a case alone once staff corrected it', async () => {
    // The answer comes (well within the timeout) after the correction.
    answer = { status: 200, body: completion('{"category":"billing","priority":"urgent","tags":[]}'), delayMs: 400 };
    await start(5_000);
    const answered = requests.length;
    await server.addAgent({ name: 'Ada' });
    const created = await report('Sizes', 'Do these boots run small?');
    await api('PATCH', `/cases/${created.id}`, { category: 'wrong_item', priority: 'normal' });
    await until('the provider job to finish', async () => ((await jobsLeft()) === 0 ? true : undefined));
    expect(requests.length).toBe(answered + 1);
    expect((await api('GET', `/cases/${created.id}`)).body).toMatchObject({
      category: 'wrong_item',
      priority: 'normal',
    });
  });
});
