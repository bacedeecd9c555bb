import { type LookupAddress, lookup as lookupCallback } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Webhook } from 'standardwebhooks';
import { invalid } from '../../http/app-error.js';

const RESPONSE_READ_BYTES = 4096;
const RESPONSE_KEPT_CHARACTERS = 500;
const IPV6_GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');

export type WebhookRequest = {
  url: string;
  /** The endpoint's signing secret, `whsec_` + base64. */
  secret: string;
  id: string;
  timestamp: Date;
  body: string;
  allowPrivate: boolean;
  timeoutMs: number;
};

export type WebhookResult = { ok: boolean; statusCode: number | null; durationMs: number; response: string };

class BlockedAddressError extends Error {}

/** The ipaddr.js range of an address ('unicast' is the only public one), or why it is not public. */
function classifyAddress(ip: string): string {
  if (isIP(ip) === 0) return 'not an IP address';
  let address = ipaddr.parse(ip);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    address = (address as ipaddr.IPv6).toIPv4Address();
  }
  const range = address.range();
  // Outside 2000::/3 nothing is allocated for global unicast (e.g. the IPv4-compatible ::7f00:1).
  if (range === 'unicast' && address.kind() === 'ipv6' && !address.match(IPV6_GLOBAL_UNICAST)) return 'reserved';
  return range;
}

/**
 * Whether an address is public unicast: not loopback, private, link-local (cloud metadata),
 * CGNAT, unique-local, multicast, broadcast, unspecified or reserved. IPv4-mapped IPv6 is judged
 * by its IPv4 address; 6to4, Teredo and NAT64 prefixes are refused whole, whatever they embed.
 */
export function isPublicAddress(ip: string): boolean {
  return classifyAddress(ip) === 'unicast';
}

function assertPublicAddresses(hostname: string, addresses: LookupAddress[]): void {
  for (const { address } of addresses) {
    const range = classifyAddress(address);
    if (range === 'unicast') continue;
    const resolved = address === hostname ? address : `${hostname} resolves to ${address}`;
    throw new BlockedAddressError(`${resolved}, a ${range} address; webhooks may only reach public addresses`);
  }
}

function parseTarget(url: string): URL {
  if (!URL.canParse(url)) throw invalid('url', 'must be an absolute http or https URL');
  const target = new URL(url);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw invalid('url', 'must use http or https');
  if (target.username !== '' || target.password !== '') throw invalid('url', 'must not contain credentials');
  return target;
}

/** The WHATWG parser has already normalised 2130706433, 127.1 and 0x7f.1; only IPv6 brackets remain. */
const hostnameOf = (target: URL) => target.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Refuses (422 on `url`) what a webhook must not target: another scheme than http(s), credentials
 * in the URL, a host that does not resolve, or one with any address that is not public unicast
 * (unless `allowPrivate`). Limit: this is a check at one moment; DNS can change afterwards, so
 * `sendWebhook` checks again at connect time.
 */
export async function assertDeliverableUrl(url: string, options: { allowPrivate: boolean }): Promise<void> {
  const hostname = hostnameOf(parseTarget(url));
  let addresses: LookupAddress[];
  try {
    addresses = await lookup(hostname, { all: true });
  } catch {
    throw invalid('url', `host ${hostname} does not resolve`);
  }
  if (addresses.length === 0) throw invalid('url', `host ${hostname} does not resolve`);
  if (options.allowPrivate) return;
  try {
    assertPublicAddresses(hostname, addresses);
  } catch (error) {
    throw invalid('url', (error as Error).message);
  }
}

/** Resolves as net would, but fails the connection if any address is not public: no DNS rebinding. */
function checkedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookupCallback(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      try {
        if (!allowPrivate) assertPublicAddresses(hostname, addresses);
      } catch (blocked) {
        return callback(blocked as NodeJS.ErrnoException, []);
      }
      const [first] = addresses;
      if (options.all) return callback(null, addresses);
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}

function readResponseStart(chunks: Buffer[]): string {
  const text = Buffer.concat(chunks).subarray(0, RESPONSE_READ_BYTES).toString('utf8');
  return Array.from(text).slice(0, RESPONSE_KEPT_CHARACTERS).join('');
}

/**
 * The only code that sends HTTP to a customer-configured URL: one Standard Webhooks signed JSON
 * POST, no redirects followed (a 3xx is a failure), every resolved address checked at connect time
 * (unless `allowPrivate`), `timeoutMs` covering connect and the whole answer, at most ~4 KB of the
 * answer read. Never throws for network problems: they come back as `ok: false`, `statusCode`
 * null and the error in `response` ('blocked: …' when the address was refused).
 */
export async function sendWebhook(request: WebhookRequest): Promise<WebhookResult> {
  const started = performance.now();
  const result = (ok: boolean, statusCode: number | null, response: string): WebhookResult => ({
    ok,
    statusCode,
    durationMs: Math.round(performance.now() - started),
    response,
  });
  let target: URL;
  try {
    target = parseTarget(request.url);
    // net connects to an IP literal without calling `lookup`, so literals are checked here.
    const hostname = hostnameOf(target);
    if (!request.allowPrivate && isIP(hostname) !== 0)
      assertPublicAddresses(hostname, [{ address: hostname, family: isIP(hostname) }]);
  } catch (error) {
    return result(false, null, `blocked: ${(error as Error).message}`);
  }
  const signature = new Webhook(request.secret).sign(request.id, request.timestamp, request.body);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;

  return new Promise((resolve) => {
    let settled = false;
    let statusCode: number | null = null;
    let outgoing: ClientRequest | undefined;
    let timer: NodeJS.Timeout | undefined;
    const settle = (ok: boolean, response: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result(ok, statusCode, response));
      outgoing?.destroy();
    };
    try {
      outgoing = send(target, {
        method: 'POST',
        agent: false,
        lookup: checkedLookup(request.allowPrivate),
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(request.body),
          'user-agent': 'Caseflow-Webhooks/1',
          'webhook-id': request.id,
          'webhook-timestamp': String(Math.floor(request.timestamp.getTime() / 1000)),
          'webhook-signature': signature,
        },
      });
    } catch (error) {
      // Only a malformed id or URL gets here (e.g. a newline in a header); still a failed delivery.
      return settle(false, (error as Error).message);
    }
    timer = setTimeout(() => settle(false, `timeout after ${request.timeoutMs} ms`), request.timeoutMs);
    outgoing.on('response', (answer: IncomingMessage) => {
      statusCode = answer.statusCode ?? null;
      const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
      const chunks: Buffer[] = [];
      let received = 0;
      const finish = () => settle(ok, readResponseStart(chunks));
      answer.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
        if (received >= RESPONSE_READ_BYTES) finish();
      });
      answer.on('end', finish);
      answer.on('error', (error) => settle(false, error.message));
      answer.on('close', finish);
    });
    outgoing.on('error', (error) =>
      settle(false, error instanceof BlockedAddressError ? `blocked: ${error.message}` : error.message),
    );
    outgoing.end(request.body);
  });
}
