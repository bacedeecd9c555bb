import type { ActivityEvent, Case, CaseReturn } from '@caseflow/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mailTo as capturedMail, untilBackgroundIdle } from '../../testing/background.js';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';
import { until } from '../../testing/until.js';
import { TINY_PDF, uploadFile } from '../../testing/uploads.js';

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);

describe.each(engines)('returns on %s', (engine) => {
  let server: TestServer;
  let admin: Person;
  let agent: Person;
  let customer: Person;

  beforeEach(async () => {
    server = await startTestServer(engine);
    admin = await server.admin();
    agent = await server.addAgent({ capacity: 10, name: 'Maya' });
    customer = await server.signup('Ann');
  });
  afterEach(() => server.close());

  /** A label document the agent uploaded (each move to label_sent attaches one). */
  async function label(): Promise<string> {
    const reply = await uploadFile(server, agent.token, {
      name: 'label.pdf',
      type: 'application/pdf',
      bytes: TINY_PDF,
    });
    expect(reply.status).toBe(201);
    return reply.body.id;
  }

  const api = (method: string, url: string, token: string | undefined, body?: unknown) =>
    server.call(method, `/api/v1${url}`, { token, body });

  async function report(extra: Record<string, unknown> = {}, who = customer): Promise<Case> {
    const reply = await api('POST', '/cases', who.token, {
      subject: 'Blender arrived cracked',
      description: 'The jug has a crack along the side.',
      product: 'Blender X2',
      reason: 'damaged',
      desiredOutcome: 'refund',
      ...extra,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body;
  }

  async function move(caseId: number, body: Record<string, unknown>, who = agent): Promise<Case> {
    const reply = await api('POST', `/cases/${caseId}/return`, who.token, body);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body;
  }

  async function refused(caseId: number, body: Record<string, unknown>, status: number, who = agent) {
    const reply = await api('POST', `/cases/${caseId}/return`, who.token, body);
    expect(reply.status, JSON.stringify(reply.body)).toBe(status);
    expect(String(reply.headers['content-type'])).toContain('application/problem+json');
    return reply.body as { detail: string };
  }

  const returnOf = async (caseId: number, who: Person): Promise<CaseReturn | null> => {
    const reply = await api('GET', `/cases/${caseId}`, who.token);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.return;
  };

  const mailTo = (email: string) => capturedMail(server, admin.token, email);

  const untilIdle = () => untilBackgroundIdle(server);

  async function returnEvents(caseId: number) {
    const rows = await server.ctx.database.db.selectFrom('outbox').select('events').orderBy('id').execute();
    return rows
      .flatMap((row) => JSON.parse(row.events) as { name: string; caseId?: number; data?: unknown }[])
      .filter((event) => event.name === 'return.updated' && event.caseId === caseId);
  }

  it('walks a return from requested to refunded, with its history, activity, events and a mail per move', async () => {
    const created = await report({ deliveredAt: daysAgo(5), orderNumber: 'ORD-77' });
    expect(created.return).toEqual({
      rma: 'R-1001',
      state: 'requested',
      items: [{ product: 'Blender X2', quantity: 1, reason: 'damaged' }],
      deliveredAt: daysAgo(5),
      flags: [],
      labelAttachmentId: null,
      history: [],
    });

    expect((await move(created.id, { to: 'approved' })).return?.state).toBe('approved');
    const labelId = await label();
    const labelled = await move(created.id, { to: 'label_sent', attachmentId: labelId });
    expect(labelled.return).toMatchObject({ state: 'label_sent', labelAttachmentId: labelId });
    // The label is the case's file now: its customer downloads it.
    const download = await server.app.inject({
      method: 'GET',
      url: `/api/v1/attachments/${labelId}`,
      headers: { authorization: `Bearer ${customer.token}` },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="label.pdf"/);
    await move(created.id, { to: 'received' });
    const done = await move(created.id, { to: 'refunded', reason: 'Refunded 49.90 to your card.' }, admin);
    expect(done.id).toBe(created.id);
    expect(done.return?.state).toBe('refunded');

    const seen = await returnOf(created.id, customer);
    expect(seen?.state).toBe('refunded');
    expect(seen?.labelAttachmentId).toBe(labelId);
    expect(seen?.history.map(({ from, to, reason, actor }) => ({ from, to, reason, actor }))).toEqual([
      { from: 'requested', to: 'approved', reason: null, actor: { id: agent.id, name: 'Maya' } },
      { from: 'approved', to: 'label_sent', reason: null, actor: { id: agent.id, name: 'Maya' } },
      { from: 'label_sent', to: 'received', reason: null, actor: { id: agent.id, name: 'Maya' } },
      {
        from: 'received',
        to: 'refunded',
        reason: 'Refunded 49.90 to your card.',
        actor: { id: admin.id, name: expect.any(String) },
      },
    ]);
    const times = seen?.history.map((entry) => Date.parse(entry.at)) ?? [];
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.every((time) => time >= Date.parse(created.createdAt))).toBe(true);

    // The customer's own history shows every move, with who made it.
    const activity: ActivityEvent[] = (await api('GET', `/cases/${created.id}/events`, customer.token)).body.items;
    expect(
      activity
        .filter((event) => event.type === 'return.state_changed')
        .map(({ from, to, actor }) => [from, to, actor?.id]),
    ).toEqual([
      ['requested', 'approved', agent.id],
      ['approved', 'label_sent', agent.id],
      ['label_sent', 'received', agent.id],
      ['received', 'refunded', admin.id],
    ]);

    // Nothing moves a refunded return.
    for (const to of ['credited', 'received', 'approved', 'rejected']) {
      const problem = await refused(created.id, { to, reason: 'Again' }, 409);
      expect(problem.detail).toBe('the return is refunded: it cannot move any more');
    }
    expect((await returnOf(created.id, agent))?.history).toHaveLength(4);

    await untilIdle();
    const events = await returnEvents(created.id);
    expect(events.map((event) => event.data)).toEqual([
      { rma: 'R-1001', from: 'requested', to: 'approved', reason: null },
      { rma: 'R-1001', from: 'approved', to: 'label_sent', reason: null },
      { rma: 'R-1001', from: 'label_sent', to: 'received', reason: null },
      { rma: 'R-1001', from: 'received', to: 'refunded', reason: 'Refunded 49.90 to your card.' },
    ]);
    const mails = await mailTo(customer.email);
    const number = created.number;
    expect(mails.map((mail) => mail.subject)).toEqual([
      `[${number}] Return R-1001: approved`,
      `[${number}] Return R-1001: label ready`,
      `[${number}] Return R-1001: item received`,
      `[${number}] Return R-1001: refunded`,
    ]);
    expect(mails[0]?.text).toContain('your return R-1001 is approved');
    expect(mails[1]?.text).toContain('Your return label for R-1001 is ready');
    expect(mails[3]?.text).toContain('we have refunded you');
    expect(mails[3]?.text).toContain('Refunded 49.90 to your card.');
    expect(mails[3]?.text).toContain(`http://caseflow.test/cases/${created.id}`);
    expect(mails[3]?.html).toContain('Refunded 49.90 to your card.');
  });

  it('rejects with a reason the customer sees, on the case and in the mail, and moves no further', async () => {
    const created = await report();
    const missing = await refused(created.id, { to: 'rejected' }, 422);
    expect(JSON.stringify(missing)).toContain('reason');

    const reason = 'The blender was bought over a year ago, past our return window.';
    const rejected = await move(created.id, { to: 'rejected', reason }, admin);
    expect(rejected.return?.state).toBe('rejected');

    const seen = await returnOf(created.id, customer);
    expect(seen?.state).toBe('rejected');
    expect(seen?.history).toEqual([
      {
        from: 'requested',
        to: 'rejected',
        reason,
        actor: { id: admin.id, name: expect.any(String) },
        at: expect.any(String),
      },
    ]);
    const mine: Case[] = (await api('GET', '/cases', customer.token)).body.items;
    expect(mine.find((item) => item.id === created.id)?.return?.history[0]?.reason).toBe(reason);

    expect((await refused(created.id, { to: 'approved' }, 409)).detail).toBe(
      'the return is rejected: it cannot move any more',
    );

    const [mail] = await until('the rejection mail', async () => {
      const mails = await mailTo(customer.email);
      return mails.length > 0 ? mails : undefined;
    });
    expect(mail?.subject).toBe(`[${created.number}] Return R-1001: not accepted`);
    expect(mail?.text).toContain('we cannot accept your return R-1001');
    expect(mail?.text).toContain(`The reason:\n${reason}`);
    await untilIdle();
    expect(await mailTo(customer.email)).toHaveLength(1);
    expect((await returnEvents(created.id)).map((event) => event.data)).toEqual([
      { rma: 'R-1001', from: 'requested', to: 'rejected', reason },
    ]);
  });

  it('refuses moves the workflow does not allow (409) and a label without a valid document (422)', async () => {
    const created = await report();
    expect((await refused(created.id, { to: 'received' }, 409)).detail).toBe(
      'a requested return can move to approved or rejected, not received',
    );
    await refused(created.id, { to: 'refunded' }, 409);
    await refused(created.id, { to: 'label_sent', attachmentId: await label() }, 409);
    await refused(created.id, { to: 'requested' }, 409);
    await refused(created.id, { to: 'shipped' }, 422);
    await move(created.id, { to: 'approved' });
    await refused(created.id, { to: 'approved' }, 409);
    await refused(created.id, { to: 'received' }, 409);
    // The label: required, of an upload's form, and only on label_sent.
    await refused(created.id, { to: 'label_sent' }, 422);
    for (const attachmentId of ['short', '../../etc/passwd', 'a b c d e f g h', 'x'.repeat(65)]) {
      const problem = await refused(created.id, { to: 'label_sent', attachmentId }, 422);
      expect(JSON.stringify(problem), attachmentId).toContain('attachmentId');
    }
    await refused(created.id, { to: 'received', attachmentId: await label() }, 422);
    const returned = await returnOf(created.id, agent);
    expect(returned).toMatchObject({ state: 'approved', labelAttachmentId: null });
    expect(returned?.history).toHaveLength(1);

    // A case without a return is a conflict with the case's state; an unknown case is not found.
    const plain = await report({ desiredOutcome: undefined });
    expect((await refused(plain.id, { to: 'approved' }, 409)).detail).toContain('carries no return');
    await refused(999_999, { to: 'approved' }, 404);
  });

  it('lets one of two moves made at once win; the other finds the return moved (409)', async () => {
    const created = await report();
    const replies = await Promise.all([
      api('POST', `/cases/${created.id}/return`, agent.token, { to: 'approved' }),
      api('POST', `/cases/${created.id}/return`, admin.token, { to: 'rejected', reason: 'Out of stock parts.' }),
    ]);
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409]);
    const returned = await returnOf(created.id, agent);
    expect(returned?.history).toHaveLength(1);
    await untilIdle();
    expect(await returnEvents(created.id)).toHaveLength(1);
  });

  it('lets only staff move a return; a customer sees only their own', async () => {
    const created = await report();
    const other = await server.signup('Bob');
    expect((await refused(created.id, { to: 'approved' }, 403, customer)).detail).toBeTruthy();
    await refused(created.id, { to: 'approved' }, 403, other);
    expect((await api('POST', `/cases/${created.id}/return`, undefined, { to: 'approved' })).status).toBe(401);
    expect((await api('GET', `/cases/${created.id}`, other.token)).status).toBe(404);
    const theirs: Case[] = (await api('GET', '/cases', other.token)).body.items;
    expect(theirs).toEqual([]);
    expect((await returnOf(created.id, customer))?.state).toBe('requested');
    expect((await returnOf(created.id, admin))?.state).toBe('requested');
  });

  it('flags late and final-sale returns to staff, not to the customer, and refuses a delivery date in the future', async () => {
    const late = await report({ deliveredAt: daysAgo(40) });
    const finalSale = await report({ finalSale: true, deliveredAt: daysAgo(3) });
    const namedFinal = await report({ product: 'Linen scarf (Final sale)' });
    const both = await report({ finalSale: true, deliveredAt: daysAgo(90) });
    const onTime = await report({ deliveredAt: daysAgo(10), finalSale: false });

    expect((await returnOf(late.id, agent))?.flags).toEqual(['late']);
    expect((await returnOf(finalSale.id, agent))?.flags).toEqual(['final_sale']);
    expect((await returnOf(namedFinal.id, admin))?.flags).toEqual(['final_sale']);
    expect((await returnOf(both.id, agent))?.flags).toEqual(['late', 'final_sale']);
    expect((await returnOf(onTime.id, agent))?.flags).toEqual([]);
    // Flagged, not refused: a late return can still be approved.
    expect((await move(late.id, { to: 'approved' })).return?.flags).toEqual(['late']);

    expect(late.return?.flags).toEqual([]);
    expect((await returnOf(both.id, customer))?.flags).toEqual([]);
    expect((await returnOf(both.id, customer))?.deliveredAt).toBe(daysAgo(90));
    // The staff list carries the same returns, read in one query for the page.
    const page: Case[] = (await api('GET', '/cases?limit=100', agent.token)).body.items;
    expect(page.find((item) => item.id === both.id)?.return?.flags).toEqual(['late', 'final_sale']);
    expect(page.find((item) => item.id === late.id)?.return?.state).toBe('approved');

    for (const deliveredAt of [daysAgo(-3), '2025-02-30', '12/01/2025', 'yesterday']) {
      const reply = await api('POST', '/cases', customer.token, {
        subject: 'Lamp',
        description: 'Broken.',
        desiredOutcome: 'refund',
        deliveredAt,
      });
      expect(reply.status, deliveredAt).toBe(422);
      expect(JSON.stringify(reply.body)).toContain('deliveredAt');
    }
  });

  it('numbers returns R-1001, R-1002… in order, skipping cases without one, also for cases created together', async () => {
    const first = await report();
    const plain = await report({ desiredOutcome: undefined });
    const second = await report({ desiredOutcome: 'store_credit', product: undefined, reason: undefined });
    expect([first.return?.rma, plain.return, second.return?.rma]).toEqual(['R-1001', null, 'R-1002']);
    expect(second.return?.items).toEqual([{ product: null, quantity: 1, reason: null }]);

    // Created at once, they share intake batches: every RMA number is distinct and the run has no gap.
    const together = await Promise.all(
      Array.from({ length: 12 }, (_, i) => report({ subject: `Batch ${i}` }, customer)),
    );
    const numbers = together.map((item) => Number(item.return?.rma.slice(2)));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => 1003 + i));
    for (const item of together) expect((await returnOf(item.id, agent))?.rma).toBe(item.return?.rma);
  });

  it('opens no return for a case without a desired outcome', async () => {
    const plain = await report({ desiredOutcome: undefined, deliveredAt: daysAgo(2) });
    expect(plain.return).toBeNull();
    expect(await returnOf(plain.id, agent)).toBeNull();
    expect(await returnOf(plain.id, customer)).toBeNull();
    const rows = await server.ctx.database.db.selectFrom('returns').selectAll().execute();
    expect(rows).toEqual([]);
    const page: Case[] = (await api('GET', '/cases', agent.token)).body.items;
    expect(page.map((item) => item.return)).toEqual([null]);
  });
});
