/** Status 0 means no HTTP answer at all: the connection was refused or died (the server was killed). */
export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the harness reads answers of every shape
  body: any;
}

/** One call (`path` from the root, e.g. `/api/v1/cases`) that never throws: a fault harness must see every outcome, including a dead server. */
export async function send(
  url: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  try {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...options.headers,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {}
    return { status: response.status, body };
  } catch {
    return { status: 0, body: undefined };
  }
}

export { freePort } from '../../apps/server/src/testing/free-port.js';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
