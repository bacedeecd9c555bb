import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';

/** Renders a component inside the app's providers, with a fresh query cache and no retries. */
export function renderWithProviders(ui: ReactElement, { route = '/' }: { route?: string } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <MantineProvider env="test">
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

export const jsonResponse = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export const problemResponse = (status: number, problem: Record<string, unknown>) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'Error', status, code: 'error', ...problem }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

type Route = (request: { url: string; method: string; body: unknown }) => Response | undefined;

/**
 * Replaces fetch (the browser's HTTP boundary) with a stub answering from `route`. A request it does not
 * answer gets a 501 problem naming it, so the page shows it rather than the stub hiding it.
 */
export function stubFetch(route: Route) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const response = route({ url, method, body });
    return response ?? problemResponse(501, { detail: `No stub for ${method} ${url}` });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** The request bodies sent to one method and URL, parsed from JSON. */
export function sentBodies(fetchMock: ReturnType<typeof stubFetch>, method: string, url: string): unknown[] {
  return fetchMock.mock.calls
    .filter(([input, init]) => String(input) === url && (init?.method ?? 'GET') === method)
    .map(([, init]) => JSON.parse(String(init?.body)) as unknown);
}

/** The error message Mantine shows for an input (linked through aria-describedby), or null. */
export function fieldError(input: HTMLElement): string | null {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
  const element = ids.length ? document.getElementById(ids[0]!) : null;
  return element?.textContent ?? null;
}
