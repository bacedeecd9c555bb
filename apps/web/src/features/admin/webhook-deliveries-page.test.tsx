import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../lib/format';
import { jsonResponse, renderWithProviders, stubFetch } from '../../test/render';
import { deliveryOf, webhookAt } from '../../test/webhook-fixtures';
import WebhookDeliveriesPage from './webhook-deliveries-page';

const crm = webhookAt(3, 'https://crm.example.com/hooks', { description: 'CRM sync' });
const failed = deliveryOf(12, {
  event: 'case.resolved',
  status: 'failed',
  attempts: [
    { at: '2025-01-02T10:00:00.000Z', statusCode: null, durationMs: 10_000, response: 'timed out after 10 s' },
    { at: '2025-01-02T10:05:00.000Z', statusCode: 503, durationMs: 87, response: '<html>Service Unavailable</html>' },
  ],
  nextAttemptAt: '2025-01-02T10:35:00.000Z',
});
const delivered = deliveryOf(11, {
  status: 'delivered',
  attempts: [{ at: '2025-01-02T09:59:01.000Z', statusCode: 200, durationMs: 42, response: 'ok' }],
  nextAttemptAt: null,
  deliveredAt: '2025-01-02T09:59:01.000Z',
});
const dead = deliveryOf(5, { status: 'dead', nextAttemptAt: null });

/** Two pages of deliveries (12 and 11, then 5); `status=dead` answers only 5; redelivery answers 202. */
function stubDeliveries() {
  return stubFetch(({ method, url }) => {
    const { pathname, searchParams } = new URL(url, 'http://caseflow.test');
    if (method === 'GET' && pathname === '/api/v1/webhooks') return jsonResponse({ items: [crm] });
    if (method === 'GET' && pathname === '/api/v1/webhooks/3/deliveries') {
      if (searchParams.get('status') === 'dead') return jsonResponse({ items: [dead], nextCursor: null });
      if (searchParams.get('cursor') === 'page2') return jsonResponse({ items: [dead], nextCursor: null });
      return jsonResponse({ items: [failed, delivered], nextCursor: 'page2' });
    }
    if (method === 'POST' && pathname === '/api/v1/webhooks/3/deliveries/12/redeliver')
      return jsonResponse({ ...failed, status: 'pending' }, 202);
    return undefined;
  });
}

function renderPage() {
  renderWithProviders(
    <Routes>
      <Route path="/admin/webhooks/:id" element={<WebhookDeliveriesPage />} />
    </Routes>,
    { route: '/admin/webhooks/3' },
  );
}

const rowOf = (eventId: string) => screen.getByRole('row', { name: new RegExp(`^\\S+ ${eventId}`) });

describe('WebhookDeliveriesPage', () => {
  it("shows each delivery's status and, opened, every attempt's time, answer, duration and response", async () => {
    stubDeliveries();
    const user = userEvent.setup();
    renderPage();

    await screen.findByText('msg_12');
    expect(screen.getByText('https://crm.example.com/hooks')).toBeTruthy();
    expect(within(rowOf('msg_12')).getByText('Failed')).toBeTruthy();
    expect(within(rowOf('msg_11')).getByText('Delivered')).toBeTruthy();
    expect(within(rowOf('msg_12')).getByText(/^Next attempt/)).toBeTruthy();

    const toggle = within(rowOf('msg_12')).getByRole('button', { name: 'Show 2 attempts' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const attempts = screen.getByRole('table', { name: 'Attempts to deliver case.resolved (msg_12)' });
    const rows = within(attempts).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent))).toEqual([
      [formatDateTime('2025-01-02T10:00:00.000Z'), 'No answer', '10000 ms', 'timed out after 10 s'],
      [formatDateTime('2025-01-02T10:05:00.000Z'), 'HTTP 503', '87 ms', '<html>Service Unavailable</html>'],
    ]);

    await user.click(within(rowOf('msg_12')).getByRole('button', { name: 'Hide 2 attempts' }));
    expect(screen.queryByRole('table', { name: /^Attempts to deliver/ })).toBeNull();
  });

  it('redelivers one delivery by posting to its redeliver URL', async () => {
    const fetchMock = stubDeliveries();
    const user = userEvent.setup();
    renderPage();

    await user.click(await screen.findByRole('button', { name: 'Redeliver case.resolved msg_12' }));

    await waitFor(() =>
      expect(
        fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST').map(([input]) => String(input)),
      ).toEqual(['/api/v1/webhooks/3/deliveries/12/redeliver']),
    );
  });

  it('loads older deliveries with "Load more" and filters by status', async () => {
    const fetchMock = stubDeliveries();
    const user = userEvent.setup();
    renderPage();
    await screen.findByText('msg_12');

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText('msg_5');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();

    await user.click(screen.getByRole('combobox', { name: 'Status' }));
    await user.click(await screen.findByRole('option', { name: 'Dead' }));
    await waitFor(() => expect(screen.queryByText('msg_12')).toBeNull());
    expect(screen.getByText('msg_5')).toBeTruthy();
    const urls = fetchMock.mock.calls.map(([input]) => String(input));
    expect(urls).toContain('/api/v1/webhooks/3/deliveries?limit=25&cursor=page2');
    expect(urls).toContain('/api/v1/webhooks/3/deliveries?limit=25&status=dead');
  });
});
