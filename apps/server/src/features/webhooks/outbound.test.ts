import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../http/app-error.js';
import { assertDeliverableUrl, isPublicAddress, sendWebhook, type WebhookRequest } from './outbound.js';
import { generateSigningSecret } from './signing-secret.js';

type Received = { method: string; url: string; headers: IncomingHttpHeaders; body: string };
type Receiver = { url: string; port: number; received: Received[] };

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A receiver on 127.0.0.1 only: these tests never connect anywhere else. */
async function startReceiver(answer: RequestListener = (_request, response) => response.end('ok')): Promise<Receiver> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      answer(request, response);
    });
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, port, received };
}

const secret = generateSigningSecret();
const delivery = (overrides: Partial<WebhookRequest>): WebhookRequest => ({
  url: 'http://127.0.0.1:9/',
  secret,
  id: 'evt_01J0000000000000000000000',
  timestamp: new Date(),
  body: JSON.stringify({ type: 'case.created', data: { id: 'c1', subject: 'Ça marche' } }),
  allowPrivate: true,
  timeoutMs: 2_000,
  ...overrides,
});

describe('sendWebhook', () => {
  it('POSTs JSON signed per Standard Webhooks, verifiable with the secret and only with it', async () => {
    const receiver = await startReceiver((_request, response) => response.writeHead(204).end());
    const request = delivery({ url: receiver.url });
    const result = await sendWebhook(request);
    expect(result).toMatchObject({ ok: true, statusCode: 204, response: '' });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);

    expect(receiver.received).toHaveLength(1);
    const [seen] = receiver.received;
    expect(seen).toMatchObject({ method: 'POST', url: '/hooks', body: request.body });
    expect(seen!.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Caseflow-Webhooks/1',
      'webhook-id': request.id,
      'webhook-timestamp': String(Math.floor(request.timestamp.getTime() / 1000)),
    });
    expect(seen!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const headers = seen!.headers as Record<string, string>;
    expect(new Webhook(secret).verify(seen!.body, headers)).toEqual(JSON.parse(request.body));
    expect(() => new Webhook(generateSigningSecret()).verify(seen!.body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(`${seen!.body} `, headers)).toThrow();
  });

  it('reports a 500 as a failure with the start of the answer', async () => {
    const receiver = await startReceiver((_request, response) =>
      response.writeHead(500).end(`boom ${'x'.repeat(600)}`),
    );
    const result = await sendWebhook(delivery({ url: receiver.url }));
    expect(result).toMatchObject({ ok: false, statusCode: 500, response: `boom ${'x'.repeat(495)}` });
  });

  it('stops reading an endless answer after ~4 KB instead of waiting for its end', async () => {
    const receiver = await startReceiver((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      const stream = setInterval(() => response.write('é'.repeat(1024)), 5);
      response.on('close', () => clearInterval(stream));
    });
    const result = await sendWebhook(delivery({ url: receiver.url, timeoutMs: 1_500 }));
    expect(result).toMatchObject({ ok: true, statusCode: 200, response: 'é'.repeat(500) });
    expect(result.durationMs).toBeLessThan(1_000);
  });

  it('does not follow a redirect: a 3xx is a failure and the receiver sees one request', async () => {
    const receiver = await startReceiver((_request, response) => {
      response.writeHead(302, { location: '/elsewhere' }).end('moved');
    });
    const result = await sendWebhook(delivery({ url: receiver.url }));
    expect(result).toMatchObject({ ok: false, statusCode: 302, response: 'moved' });
    expect(receiver.received.map((request) => request.url)).toEqual(['/hooks']);
  });

  it('times out on a receiver that never answers', async () => {
    const receiver = await startReceiver(() => {});
    const result = await sendWebhook(delivery({ url: receiver.url, timeoutMs: 200 }));
    expect(result).toMatchObject({ ok: false, statusCode: null, response: 'timeout after 200 ms' });
    expect(result.durationMs).toBeGreaterThanOrEqual(190);
    expect(result.durationMs).toBeLessThan(2_000);
  });

  it('times out on an answer whose body never ends, keeping its status', async () => {
    const receiver = await startReceiver((_request, response) => response.writeHead(200).write('partial'));
    const result = await sendWebhook(delivery({ url: receiver.url, timeoutMs: 200 }));
    expect(result).toMatchObject({ ok: false, statusCode: 200, response: 'timeout after 200 ms' });
  });

  it('reports a refused connection without throwing', async () => {
    const receiver = await startReceiver();
    const server = servers.pop()!;
    await new Promise((resolve) => server.close(resolve));
    const result = await sendWebhook(delivery({ url: receiver.url }));
    expect(result).toMatchObject({ ok: false, statusCode: null });
    expect(result.response).toContain('ECONNREFUSED');
  });

  it.each([
    ['an IP literal', (port: number) => `http://127.0.0.1:${port}/hooks`],
    ['a name, checked at connect time', (port: number) => `http://localhost:${port}/hooks`],
    ['an IPv4-mapped literal', (port: number) => `http://[::ffff:127.0.0.1]:${port}/hooks`],
  ])('blocks loopback given as %s unless allowPrivate, without connecting', async (_label, urlFor) => {
    const receiver = await startReceiver();
    const connections: unknown[] = [];
    servers[0]!.on('connection', (socket) => connections.push(socket));
    const result = await sendWebhook(delivery({ url: urlFor(receiver.port), allowPrivate: false }));
    expect(result).toMatchObject({ ok: false, statusCode: null });
    expect(result.response).toMatch(/^blocked: .*, a loopback address;/);
    expect(connections).toEqual([]);
    expect(receiver.received).toEqual([]);
  });

  it('reports a header it cannot send as a failed delivery instead of throwing', async () => {
    const receiver = await startReceiver();
    const result = await sendWebhook(delivery({ url: receiver.url, id: 'evt_1\r\nx-injected: 1' }));
    expect(result).toMatchObject({ ok: false, statusCode: null });
    expect(result.response).toMatch(/invalid character/i);
    expect(receiver.received).toEqual([]);
  });

  it('refuses other schemes and credentials before connecting', async () => {
    expect((await sendWebhook(delivery({ url: 'ftp://127.0.0.1/' }))).response).toBe(
      'blocked: url: must use http or https',
    );
    const receiver = await startReceiver();
    const withCredentials = receiver.url.replace('http://', 'http://user:pass@');
    expect((await sendWebhook(delivery({ url: withCredentials }))).response).toMatch(/credentials/);
    expect(receiver.received).toEqual([]);
  });
});

async function refusal(url: string, allowPrivate = false): Promise<string> {
  try {
    await assertDeliverableUrl(url, { allowPrivate });
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 422, errors: [{ path: 'url' }] });
    return (error as AppError).errors![0]!.message;
  }
  throw new Error(`${url} was accepted`);
}

// Resolving and classifying only: nothing here connects to the addresses named.
describe('assertDeliverableUrl', () => {
  it.each([
    ['http://127.0.0.1/', 'loopback'],
    ['http://localhost:8080/', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['https://10.0.0.1/hook', 'private'],
    ['http://192.168.1.10/', 'private'],
    ['http://169.254.169.254/latest/meta-data/', 'linkLocal'],
    ['http://100.64.0.1/', 'carrierGradeNat'],
    ['http://[fd00::1]/', 'uniqueLocal'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://[2002:7f00:1::]/', '6to4'],
  ])('refuses %s (%s)', async (url, range) => {
    expect(await refusal(url)).toContain(`a ${range} address`);
  });

  it('refuses non-http schemes, credentials and unparsable URLs even with allowPrivate', async () => {
    expect(await refusal('file:///etc/passwd', true)).toBe('must use http or https');
    expect(await refusal('gopher://127.0.0.1:6379/', true)).toBe('must use http or https');
    expect(await refusal('http://user:secret@127.0.0.1/', true)).toBe('must not contain credentials');
    expect(await refusal('/relative', true)).toBe('must be an absolute http or https URL');
  });

  it('refuses a host that does not resolve', async () => {
    expect(await refusal('https://no-such-host.invalid/hook', true)).toBe('host no-such-host.invalid does not resolve');
  });

  it('accepts loopback and private hosts with allowPrivate, and public literals without', async () => {
    await expect(assertDeliverableUrl('http://localhost:3000/', { allowPrivate: true })).resolves.toBeUndefined();
    await expect(assertDeliverableUrl('http://10.0.0.1/', { allowPrivate: true })).resolves.toBeUndefined();
    await expect(assertDeliverableUrl('https://93.184.215.14/hook', { allowPrivate: false })).resolves.toBeUndefined();
    await expect(assertDeliverableUrl('https://[2606:4700::1111]/', { allowPrivate: false })).resolves.toBeUndefined();
  });
});

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.255',
    '0.0.0.0',
    '255.255.255.255',
    '224.0.0.1',
    '240.0.0.1',
    '192.0.2.1',
    '198.18.0.1',
    '::',
    '::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '::7f00:1',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '2001:db8::1',
    '2002:a00:1::1',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    '64:ff9b::7f00:1',
    'not-an-ip',
    '2130706433',
  ])('%s is not public', (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '::ffff:8.8.8.8',
    '2606:4700::1111',
    '2a00:1450::1',
  ])('%s is public', (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });
});
