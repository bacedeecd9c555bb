import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  body: string;
  headers: IncomingHttpHeaders;
  type: string;
  caseId: number | undefined;
}

/** A real receiver on loopback: answers with `answer()` (200 unless a test says otherwise), keeps every request. */
export async function startReceiver() {
  const received: Received[] = [];
  let answer = (_request: Received) => 200;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const parsed = JSON.parse(body) as { type: string; data: { caseId?: number } };
      const entry = { body, headers: request.headers, type: parsed.type, caseId: parsed.data.caseId };
      received.push(entry);
      response.writeHead(answer(entry)).end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    answerWith(next: (request: Received) => number) {
      answer = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Whether the delivery verifies with the reference Standard Webhooks library and this secret. */
export const verifies = (secret: string, entry: Received) => {
  try {
    new Webhook(secret).verify(entry.body, entry.headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
};
