import { Notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fieldError, jsonResponse, renderWithProviders, sentBodies, stubFetch } from '../../test/render';
import { openCase, teamNamed } from '../../test/team-fixtures';
import { webhookAt } from '../../test/webhook-fixtures';
import { NotifyAction } from './notify-form';

const people = [1, 2, 3].map((id) => ({ id, name: `Agent ${id}` }));
const teams = [teamNamed(2, 'Billing', { members: people }), teamNamed(1, 'Support', { isDefault: true })];
const webhooks = [
  webhookAt(4, 'https://erp.example.com/in', { description: 'ERP' }),
  webhookAt(5, 'https://old.example.com/in', { enabled: false, disabledReason: 'admin' }),
];
const notifyUrl = '/api/v1/cases/7/notify';

/** Teams for everyone; webhooks answer only an admin (agents get 403); a notice reaches a team's members. */
function stubNotify(role: 'agent' | 'admin') {
  return stubFetch(({ method, url, body }) => {
    if (method === 'GET' && url === '/api/v1/teams') return jsonResponse({ items: teams });
    if (method === 'GET' && url === '/api/v1/webhooks' && role === 'admin') return jsonResponse({ items: webhooks });
    if (method === 'POST' && url === notifyUrl) {
      const isTeam = (body as { teamId?: number }).teamId !== undefined;
      return jsonResponse({ notified: isTeam ? 'team' : 'webhook', recipients: isTeam ? 3 : 1 }, 202);
    }
    return undefined;
  });
}

async function openNotify(isAdmin: boolean) {
  const user = userEvent.setup();
  renderWithProviders(
    <>
      <Notifications />
      <NotifyAction item={openCase} isAdmin={isAdmin} />
    </>,
  );
  await user.click(screen.getByRole('button', { name: 'Notify…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Notify about C-0007' });
  return { user, dialog };
}

describe('NotifyAction', () => {
  it("sends an agent's note to the team chosen and says how many people got it", async () => {
    const fetchMock = stubNotify('agent');
    const { user, dialog } = await openNotify(false);

    // Agents may not list endpoints: no choice of target, and no request for them.
    expect(within(dialog).queryByRole('radiogroup', { name: 'Send to' })).toBeNull();
    await user.click(within(dialog).getByRole('combobox', { name: 'Team' }));
    await user.click(await screen.findByRole('option', { name: 'Billing (3 members)' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Note' }), 'Refund the second charge, please.');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));

    await screen.findByText('Sent to 3 recipients in Billing.');
    expect(sentBodies(fetchMock, 'POST', notifyUrl)).toEqual([
      { teamId: 2, note: 'Refund the second charge, please.' },
    ]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fetchMock.mock.calls.map(([input]) => String(input))).not.toContain('/api/v1/webhooks');
  });

  it('requires a team and a note before sending anything', async () => {
    const fetchMock = stubNotify('agent');
    const { user, dialog } = await openNotify(false);

    await user.click(within(dialog).getByRole('button', { name: 'Send' }));

    expect(fieldError(within(dialog).getByRole('combobox', { name: 'Team' }))).toBe('Choose a team');
    expect(fieldError(within(dialog).getByRole('textbox', { name: 'Note' }))).toBe('Required');
    expect(sentBodies(fetchMock, 'POST', notifyUrl)).toEqual([]);
  });

  it('lets an admin send the case to a webhook endpoint, offering no turned-off one', async () => {
    const fetchMock = stubNotify('admin');
    const { user, dialog } = await openNotify(true);

    await user.click(within(dialog).getByRole('radio', { name: 'A webhook endpoint' }));
    await user.click(within(dialog).getByRole('combobox', { name: 'Endpoint' }));
    const off = await screen.findByRole('option', { name: 'https://old.example.com/in (disabled)' });
    expect(off.dataset.comboboxDisabled).toBe('true');
    await user.click(screen.getByRole('option', { name: 'ERP (https://erp.example.com/in)' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Note' }), 'Open a return in the ERP.');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));

    await screen.findByText('Sent to ERP (https://erp.example.com/in).');
    expect(sentBodies(fetchMock, 'POST', notifyUrl)).toEqual([{ webhookId: 4, note: 'Open a return in the ERP.' }]);
  });
});
