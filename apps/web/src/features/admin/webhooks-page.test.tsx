import type { Webhook } from '@caseflow/contract';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  fieldError,
  jsonResponse,
  problemResponse,
  renderWithProviders,
  sentBodies,
  stubFetch,
} from '../../test/render';
import { webhookAt } from '../../test/webhook-fixtures';
import WebhooksPage from './webhooks-page';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const crm = webhookAt(1, 'https://crm.example.com/hooks', {
  description: 'CRM sync',
  events: ['case.created', 'case.resolved'],
});
const billing = webhookAt(2, 'https://billing.example.com/in', {
  enabled: false,
  disabledReason: 'failing',
  failingSince: '2025-01-01T09:00:00.000Z',
});

/**
 * GET /webhooks answers the current list; POST adds (with the secret) unless the URL is a private
 * address, which the API refuses with a 422 on `url`; PATCH and DELETE change the list.
 */
function stubWebhooks() {
  let webhooks: Webhook[] = [crm, billing];
  return stubFetch(({ method, url, body }) => {
    if (method === 'GET' && url === '/api/v1/webhooks') return jsonResponse({ items: webhooks });
    if (method === 'POST' && url === '/api/v1/webhooks') {
      const input = body as Pick<Webhook, 'url' | 'description' | 'events'>;
      if (input.url.includes('10.0.0.5'))
        return problemResponse(422, {
          detail: 'the request is invalid',
          errors: [{ path: 'url', message: 'resolves to a private address (10.0.0.5)' }],
        });
      const created = webhookAt(3, input.url, input);
      webhooks = [...webhooks, created];
      return jsonResponse({ ...created, secret: SECRET }, 201);
    }
    const match = /^\/api\/v1\/webhooks\/(\d+)$/.exec(url);
    if (match && method === 'PATCH') {
      const id = Number(match[1]);
      const changes = body as Partial<Webhook>;
      webhooks = webhooks.map((item) =>
        item.id === id ? { ...item, ...changes, disabledReason: changes.enabled === false ? 'admin' : null } : item,
      );
      return jsonResponse(webhooks.find((item) => item.id === id));
    }
    if (match && method === 'DELETE') {
      webhooks = webhooks.filter((item) => item.id !== Number(match[1]));
      return new Response(null, { status: 204 });
    }
    return undefined;
  });
}

const rowOf = (url: string) => screen.getByRole('row', { name: new RegExp(`^${url.replaceAll('.', '\\.')}`) });

async function openAdd() {
  const user = userEvent.setup();
  renderWithProviders(<WebhooksPage />);
  await screen.findByText('https://crm.example.com/hooks');
  await user.click(screen.getByRole('button', { name: 'Add endpoint' }));
  const dialog = await screen.findByRole('dialog', { name: 'Add an endpoint' });
  return { user, dialog };
}

describe('WebhooksPage', () => {
  it('lists each endpoint with its events and why one is turned off', async () => {
    stubWebhooks();
    renderWithProviders(<WebhooksPage />);

    await screen.findByText('https://crm.example.com/hooks');
    expect(within(rowOf(crm.url)).getByText('CRM sync')).toBeTruthy();
    expect(within(rowOf(crm.url)).getByText('case.created, case.resolved')).toBeTruthy();
    expect(within(rowOf(billing.url)).getByText('All events')).toBeTruthy();
    expect(within(rowOf(billing.url)).getByText('Turned off: failing')).toBeTruthy();
    expect(
      within(rowOf(billing.url)).getByText(/^Turned off automatically after days of failed deliveries/),
    ).toBeTruthy();
    const toggle = within(rowOf(billing.url)).getByRole('switch', { name: `Enabled: ${billing.url}` });
    expect((toggle as HTMLInputElement).checked).toBe(false);
    expect(
      within(rowOf(crm.url))
        .getByRole('link', { name: `Deliveries to ${crm.url}` })
        .getAttribute('href'),
    ).toBe('/admin/webhooks/1');
  });

  it('creates an endpoint and shows its secret once, to copy, and never again', async () => {
    const fetchMock = stubWebhooks();
    const { user, dialog } = await openAdd();

    await user.type(within(dialog).getByRole('textbox', { name: 'URL' }), 'https://ops.example.com/caseflow');
    await user.type(within(dialog).getByRole('textbox', { name: 'Description' }), 'Ops');
    // Every event is chosen to start with; this endpoint wants only two.
    await user.click(within(dialog).getByRole('checkbox', { name: 'All events' }));
    await user.click(within(dialog).getByRole('checkbox', { name: /^case\.transferred/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: /^case\.created/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));

    const shown = await screen.findByRole('dialog', { name: 'Endpoint added' });
    expect(sentBodies(fetchMock, 'POST', '/api/v1/webhooks')).toEqual([
      { url: 'https://ops.example.com/caseflow', description: 'Ops', events: ['case.created', 'case.transferred'] },
    ]);
    expect((within(shown).getByRole('textbox', { name: 'Signing secret' }) as HTMLInputElement).value).toBe(SECRET);
    expect(within(shown).getByText(/You won’t see it again/)).toBeTruthy();
    await user.click(within(shown).getByRole('button', { name: 'Copy secret' }));
    expect(await navigator.clipboard.readText()).toBe(SECRET);

    await user.click(within(shown).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(rowOf('https://ops.example.com/caseflow')).getByText('case.created, case.transferred')).toBeTruthy();
    expect(screen.queryByDisplayValue(SECRET)).toBeNull();
    expect(document.body.textContent).not.toContain(SECRET);

    // Adding again starts from an empty form: the secret is gone for good.
    await user.click(screen.getByRole('button', { name: 'Add endpoint' }));
    const again = await screen.findByRole('dialog', { name: 'Add an endpoint' });
    expect(within(again).queryByRole('textbox', { name: 'Signing secret' })).toBeNull();
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('shows a URL the server refuses on the URL field and keeps the dialog open', async () => {
    stubWebhooks();
    const { user, dialog } = await openAdd();

    const url = within(dialog).getByRole('textbox', { name: 'URL' });
    await user.type(url, 'http://10.0.0.5/hook');
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));

    await waitFor(() => expect(fieldError(url)).toBe('resolves to a private address (10.0.0.5)'));
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Add an endpoint' })).toBeTruthy();
  });

  it('asks for at least one event before sending anything', async () => {
    const fetchMock = stubWebhooks();
    const { user, dialog } = await openAdd();

    await user.type(within(dialog).getByRole('textbox', { name: 'URL' }), 'https://ops.example.com/caseflow');
    await user.click(within(dialog).getByRole('checkbox', { name: 'All events' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));

    expect(fieldError(within(dialog).getByRole('group', { name: 'Events' }))).toBe('choose at least one event');
    expect(sentBodies(fetchMock, 'POST', '/api/v1/webhooks')).toEqual([]);
  });

  it('turns an endpoint off and on, and deletes one after confirming', async () => {
    const fetchMock = stubWebhooks();
    const user = userEvent.setup();
    renderWithProviders(<WebhooksPage />);
    await screen.findByText(crm.url);

    await user.click(within(rowOf(crm.url)).getByRole('switch', { name: `Enabled: ${crm.url}` }));
    await within(rowOf(crm.url)).findByText('Turned off by an admin: events are not sent.');
    await user.click(within(rowOf(billing.url)).getByRole('switch', { name: `Enabled: ${billing.url}` }));
    await waitFor(() => expect(within(rowOf(billing.url)).queryByText('Turned off: failing')).toBeNull());
    expect(sentBodies(fetchMock, 'PATCH', '/api/v1/webhooks/1')).toEqual([{ enabled: false }]);
    expect(sentBodies(fetchMock, 'PATCH', '/api/v1/webhooks/2')).toEqual([{ enabled: true }]);

    await user.click(within(rowOf(crm.url)).getByRole('button', { name: `Delete ${crm.url}` }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this endpoint?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete endpoint' }));
    await waitFor(() => expect(screen.queryByText(crm.url)).toBeNull());
    expect(
      fetchMock.mock.calls.some(([input, init]) => String(input) === '/api/v1/webhooks/1' && init?.method === 'DELETE'),
    ).toBe(true);
  });
});
