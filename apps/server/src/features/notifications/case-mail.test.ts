import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CapturedMail, mailTo as capturedMail, untilBackgroundIdle } from '../../testing/background.js';
import { engines, type Person, startTestServer, type TestServer } from '../../testing/harness.js';
import { until } from '../../testing/until.js';
import { csatToken } from '../csat/index.js';
import { unsubscribeToken } from './unsubscribe-token.js';

const UNSUBSCRIBE_LINK = /http:\/\/caseflow\.test(\/api\/v1\/mail\/unsubscribe\?token=[A-Za-z0-9_.-]+)/;
const linkIn = (mail: CapturedMail) => {
  const path = UNSUBSCRIBE_LINK.exec(mail.text)?.[1];
  if (!path) throw new Error(`no unsubscribe link in ${mail.text}`);
  return path;
};
const asBrowser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe.each(engines)('case mail on %s', (engine) => {
  let server: TestServer;
  let admin: Person;
  let agent: Person;
  let customer: Person;

  beforeEach(async () => {
    server = await startTestServer(engine);
    admin = await server.admin();
    agent = await server.addAgent({ capacity: 5, name: 'Maya' });
    customer = await server.signup('Ann');
  });
  afterEach(() => server.close());

  const api = (method: string, url: string, token: string | undefined, body?: unknown) =>
    server.call(method, `/api/v1${url}`, { token, body });

  const mailTo = (email: string) => capturedMail(server, admin.token, email);

  const untilIdle = () => untilBackgroundIdle(server);

  const untilMail = (email: string, count: number) =>
    until(`mail #${count} to ${email}`, async () => {
      const mails = await mailTo(email);
      return mails.length >= count ? mails : undefined;
    });

  async function report(subject = 'Cracked jug', who = customer) {
    const reply = await api('POST', '/cases', who.token, { subject, description: 'It arrived in pieces.' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body.id as number;
  }

  async function write(caseId: number, who: Person, body: string, internal = false) {
    const reply = await api('POST', `/cases/${caseId}/messages`, who.token, { body, internal });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  }

  it('mails the customer a staff reply with its text and an unsubscribe link; never an internal note or their own message', async () => {
    const caseId = await report();
    await write(caseId, agent, 'Internal: the courier dropped it, refund approved.', true);
    await write(caseId, customer, 'Any news?');
    await write(caseId, agent, 'So sorry! A replacement jug ships today.');

    const [mail] = await untilMail(customer.email, 1);
    await untilIdle();
    expect(await mailTo(customer.email)).toHaveLength(1);
    expect(mail?.subject).toBe(`[C-${1000 + caseId}] New reply: Cracked jug`);
    expect(mail?.text).toContain('Maya replied on your case');
    expect(mail?.text).toContain('So sorry! A replacement jug ships today.');
    expect(mail?.text).toContain(`http://caseflow.test/cases/${caseId}`);
    expect(mail?.text).toMatch(UNSUBSCRIBE_LINK);
    expect(mail?.html).toContain('So sorry! A replacement jug ships today.');
    expect(mail?.html).toContain('Unsubscribe from case emails');
    for (const part of [mail?.text, mail?.html]) {
      expect(part).not.toContain('courier');
      expect(part).not.toContain('Any news?');
    }
  });

  it('escapes every value in the HTML part and keeps the text part as written', async () => {
    const hostile = await server.signup('<b>Eve</b>');
    const caseId = await report('<script>alert(1)</script> jug', hostile);
    await write(caseId, agent, 'Line one\n<img src=x onerror=alert(1)> & "quoted"');

    const [mail] = await untilMail(hostile.email, 1);
    expect(mail?.html).not.toMatch(/<script|<img|<b>Eve/);
    expect(mail?.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; jug');
    expect(mail?.html).toContain('Hello &lt;b&gt;Eve&lt;/b&gt;,');
    expect(mail?.html).toContain('Line one<br>\n&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot;');
    expect(mail?.text).toContain('<img src=x onerror=alert(1)> & "quoted"');
    expect(mail?.subject).toBe(`[C-${1000 + caseId}] New reply: <script>alert(1)</script> jug`);
  });

  it('mails the customer when the case is resolved, with the link to reopen it and its no-sign-in rating link', async () => {
    const caseId = await report();
    expect((await api('POST', `/cases/${caseId}/resolve`, agent.token)).status).toBe(200);

    const [mail] = await untilMail(customer.email, 1);
    expect(mail?.subject).toBe(`[C-${1000 + caseId}] Resolved: Cracked jug`);
    expect(mail?.text).toContain('has been resolved');
    expect(mail?.text).toContain('within 14 days');
    expect(mail?.text).toContain(`http://caseflow.test/cases/${caseId}\n`);
    const rateUrl = `http://caseflow.test/rate?token=${csatToken(server.ctx.secretKey, caseId)}`;
    expect(mail?.text).toContain(rateUrl);
    expect(mail?.text).toMatch(UNSUBSCRIBE_LINK);
    expect(mail?.html).toContain(`href="${rateUrl}"`);
  });

  it('honours the unsubscribe link at once, without signing in, until the page re-subscribes', async () => {
    const caseId = await report();
    await write(caseId, agent, 'First reply.');
    const [first] = await untilMail(customer.email, 1);
    const link = linkIn(first as CapturedMail);

    // A link preview's HEAD changes nothing.
    expect((await server.call('HEAD', link)).status).toBe(404);
    expect((await api('GET', '/auth/me/preferences', customer.token)).body).toEqual({ caseEmails: true });
    const page = await server.call('GET', link, { headers: asBrowser });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-type'])).toContain('text/html');
    expect(page.body).toContain('You won’t get case emails any more');
    expect(page.body).toMatch(/<form method="post" action="\/api\/v1\/mail\/resubscribe\?token=[\w.%-]+">/);
    expect((await api('GET', '/auth/me/preferences', customer.token)).body).toEqual({ caseEmails: false });

    await write(caseId, agent, 'Second reply, nobody mailed.');
    expect((await api('POST', `/cases/${caseId}/resolve`, agent.token)).status).toBe(200);
    await untilIdle();
    expect(await mailTo(customer.email)).toHaveLength(1);

    const again = await server.call('POST', link.replace('/unsubscribe?', '/resubscribe?'), {
      headers: { ...asBrowser, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(again.status).toBe(200);
    expect(again.body).toContain('You’ll get case emails again');
    await write(caseId, agent, 'Third reply, mailed again.');
    const mails = await untilMail(customer.email, 2);
    expect(mails[1]?.text).toContain('Third reply, mailed again.');
  });

  it('takes a mail client’s one-click unsubscribe (RFC 8058 POST)', async () => {
    const caseId = await report();
    await write(caseId, agent, 'A reply.');
    const [mail] = await untilMail(customer.email, 1);
    const reply = await server.call('POST', linkIn(mail as CapturedMail), {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(reply.status).toBe(200);
    expect((await api('GET', '/auth/me/preferences', customer.token)).body).toEqual({ caseEmails: false });
  });

  it('refuses forged and broken tokens and changes nothing', async () => {
    const token = unsubscribeToken(server.ctx.secretKey, customer.id);
    const [, mac = ''] = token.split('.');
    const flipped = `${mac.slice(0, 10)}${mac[10] === 'A' ? 'B' : 'A'}${mac.slice(11)}`;
    const other = await server.signup('Other');
    const forged = [`${customer.id}.${flipped}`, `${other.id}.${mac}`, unsubscribeToken(randomBytes(32), customer.id)];
    for (const bad of forged) {
      const reply = await server.call('GET', `/api/v1/mail/unsubscribe?token=${encodeURIComponent(bad)}`);
      expect(reply.status, bad).toBe(404);
      expect(String(reply.headers['content-type'])).toContain('application/problem+json');
      const oneClick = await server.call('POST', `/api/v1/mail/unsubscribe?token=${encodeURIComponent(bad)}`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(oneClick.status, bad).toBe(404);
    }
    const page = await server.call('GET', `/api/v1/mail/unsubscribe?token=${customer.id}.${flipped}`, {
      headers: asBrowser,
    });
    expect(page.status).toBe(404);
    expect(String(page.headers['content-type'])).toContain('text/html');
    expect(page.body).toContain('This link doesn’t work');
    for (const broken of [token.slice(0, -5), `${customer.id}`, 'x.y', `0.${mac}`, `99999999999.${mac}`]) {
      const reply = await server.call('GET', `/api/v1/mail/unsubscribe?token=${encodeURIComponent(broken)}`);
      expect(reply.status, broken).toBe(400);
    }
    for (const person of [customer, other]) {
      expect((await api('GET', '/auth/me/preferences', person.token)).body).toEqual({ caseEmails: true });
    }
  });

  it('sends no case mail to a customer who turned it off on their account, or who deleted their account', async () => {
    const caseId = await report();
    expect((await api('PATCH', '/auth/me/preferences', customer.token, { caseEmails: false })).body).toEqual({
      caseEmails: false,
    });
    await write(caseId, agent, 'Nobody hears this.');
    await untilIdle();
    expect(await mailTo(customer.email)).toHaveLength(0);
    expect((await api('PATCH', '/auth/me/preferences', customer.token, { caseEmails: true })).status).toBe(200);
    await write(caseId, agent, 'This one is mailed.');
    await untilMail(customer.email, 1);

    const leaving = await server.signup('Leaving');
    const leavingCase = await report('Old kettle', leaving);
    expect((await api('DELETE', '/auth/me', leaving.token, { password: 'Correct-horse-42' })).status).toBe(204);
    const before = (await api('GET', '/mail?limit=100', admin.token)).body.items.length;
    await write(leavingCase, agent, 'Anyone there?');
    expect((await api('POST', `/cases/${leavingCase}/resolve`, agent.token)).status).toBe(200);
    await untilIdle();
    expect((await api('GET', '/mail?limit=100', admin.token)).body.items.length).toBe(before);
  });

  it('mails an agent a new assignment only once they opt in, and its unsubscribe link opts them out', async () => {
    const first = await report('First');
    await untilIdle();
    expect(await mailTo(agent.email)).toHaveLength(0);

    const optIn = await api('PATCH', `/agents/${agent.id}`, agent.token, { notifyOnAssignment: true });
    expect(optIn.status, JSON.stringify(optIn.body)).toBe(200);
    expect(optIn.body.notifyOnAssignment).toBe(true);
    const second = await report('Second');
    expect((await api('GET', `/cases/${second}`, admin.token)).body.assignee?.id).toBe(agent.id);

    const [mail] = await untilMail(agent.email, 1);
    expect(mail?.subject).toBe(`[C-${1000 + second}] Assigned to you: Second`);
    expect(mail?.text).toContain(`http://caseflow.test/cases/${second}`);
    expect(mail?.text).toContain('from Ann');
    expect(mail?.text).not.toContain(`/cases/${first}`);

    const page = await server.call('GET', linkIn(mail as CapturedMail), { headers: asBrowser });
    expect(page.body).toContain('You won’t get assignment emails any more');
    expect((await api('GET', `/agents/${agent.id}`, admin.token)).body.notifyOnAssignment).toBe(false);
    await report('Third');
    await untilIdle();
    expect(await mailTo(agent.email)).toHaveLength(1);
  });

  it('sends the HTML part and the List-Unsubscribe headers by SMTP when SMTP_URL is set', async () => {
    const smtp = await startSmtpServer();
    const withSmtp = await startTestServer(engine, { SMTP_URL: smtp.url });
    try {
      const [staff, person] = [await withSmtp.addAgent({ name: 'Maya' }), await withSmtp.signup('Ann')];
      const created = await withSmtp.call('POST', '/api/v1/cases', {
        token: person.token,
        body: { subject: 'Bent fork', description: 'Bent.' },
      });
      await withSmtp.call('POST', `/api/v1/cases/${created.body.id}/messages`, {
        token: staff.token,
        body: { body: 'Straightening it now.' },
      });
      const raw = await until('an SMTP message', async () => smtp.messages[0]);
      const unfolded = raw.replace(/\r\n(?=[ \t])/g, '');
      expect(unfolded).toMatch(
        /^List-Unsubscribe: <http:\/\/caseflow\.test\/api\/v1\/mail\/unsubscribe\?token=[\w.-]+>$/m,
      );
      expect(unfolded).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
      expect(unfolded).toMatch(/^Content-Type: multipart\/alternative;/m);
      expect(unfolded).toMatch(/^Content-Type: text\/html/m);
      expect(raw.replace(/=\r\n/g, '')).toContain('Straightening it now.');
      const admin = await withSmtp.admin();
      const kept = await until('the mail marked sent', async () => {
        const items = (await withSmtp.call('GET', '/api/v1/mail', { token: admin.token })).body.items as CapturedMail[];
        return items.find((item) => item.to === person.email && item.sentAt !== null);
      });
      expect(kept.html).toContain('Straightening it now.');
    } finally {
      await withSmtp.close();
      await smtp.close();
    }
  });
});

/** Just enough SMTP (no TLS, no auth) to receive what nodemailer sends; keeps each message's raw text. */
async function startSmtpServer() {
  const messages: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setEncoding('utf8');
    let buffer = '';
    let data: string[] | undefined;
    socket.write('220 fake.smtp ESMTP\r\n');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data) {
          if (line === '.') {
            messages.push(data.join('\r\n'));
            data = undefined;
            socket.write('250 queued\r\n');
          } else data.push(line.startsWith('..') ? line.slice(1) : line);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'DATA') {
          data = [];
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write(verb === 'EHLO' ? '250 fake.smtp\r\n' : '250 ok\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
