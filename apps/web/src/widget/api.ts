import type {
  StartConversationBody,
  StartConversationReply,
  WidgetConfig,
  WidgetConversation,
  WidgetMessage,
} from '@caseflow/contract';
import { networkError, toWidgetError } from './problem';

/**
 * The widget's calls to its Caseflow server (`base`, the origin widget.js was loaded from). Cookies
 * are never sent: the guest is the conversation's token alone. Each call throws a WidgetError.
 */
export function createWidgetApi(base: string, fetchImpl: typeof fetch = (...args) => fetch(...args)) {
  async function call<T>(method: 'GET' | 'POST', path: string, token?: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(`${base}/api/v1${path}`, {
        method,
        headers,
        mode: 'cors',
        credentials: 'omit',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw networkError();
    }
    const text = await response.text().catch(() => '');
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) throw toWidgetError(response.status, parsed, response.headers.get('retry-after'));
    return parsed as T;
  }

  return {
    config: () => call<WidgetConfig>('GET', '/widget/config'),
    start: (body: StartConversationBody) =>
      call<StartConversationReply>('POST', '/widget/conversations', undefined, body),
    conversation: (token: string) => call<WidgetConversation>('GET', '/widget/conversation', token),
    send: (token: string, body: string) =>
      call<WidgetMessage>('POST', '/widget/conversation/messages', token, { body }),
  };
}

export type WidgetApi = ReturnType<typeof createWidgetApi>;
