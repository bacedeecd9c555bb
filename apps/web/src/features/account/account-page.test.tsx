import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { jsonResponse, renderWithProviders, sentBodies, stubFetch } from '../../test/render';
import { agentNamed } from '../admin/agent-fixtures';
import AccountPage from './account-page';

const ann = { id: 5, email: 'ann@shop.test', name: 'Ann', role: 'customer' };
const maya = agentNamed(7, 'Maya');

describe('AccountPage', () => {
  it("shows a customer's case emails as the server has them and turns them back on", async () => {
    // Off, as an unsubscribe link leaves them.
    let caseEmails = false;
    const fetchMock = stubFetch(({ method, url, body }) => {
      if (url === '/api/v1/auth/session') return jsonResponse({ user: ann });
      if (url !== '/api/v1/auth/me/preferences') return undefined;
      if (method === 'PATCH') caseEmails = (body as { caseEmails: boolean }).caseEmails;
      return jsonResponse({ caseEmails });
    });
    const user = userEvent.setup();
    renderWithProviders(<AccountPage />);

    const toggle = await screen.findByRole('switch', { name: /replies to or resolves one of my cases/ });
    await waitFor(() => expect((toggle as HTMLInputElement).disabled).toBe(false));
    expect((toggle as HTMLInputElement).checked).toBe(false);
    await user.click(toggle);

    await waitFor(() => expect((toggle as HTMLInputElement).checked).toBe(true));
    expect(sentBodies(fetchMock, 'PATCH', '/api/v1/auth/me/preferences')).toEqual([{ caseEmails: true }]);
    expect(screen.getByRole('button', { name: 'Delete my account…' })).toBeTruthy();
  });

  it('lets an agent opt in to assignment emails, and offers no account deletion', async () => {
    let notifyOnAssignment = false;
    const fetchMock = stubFetch(({ method, url, body }) => {
      if (url === '/api/v1/auth/session')
        return jsonResponse({ user: { id: maya.id, email: maya.email, name: 'Maya', role: 'agent' } });
      if (url !== `/api/v1/agents/${maya.id}`) return undefined;
      if (method === 'PATCH') notifyOnAssignment = (body as { notifyOnAssignment: boolean }).notifyOnAssignment;
      return jsonResponse({ ...agentNamed(maya.id, 'Maya'), notifyOnAssignment });
    });
    const user = userEvent.setup();
    renderWithProviders(<AccountPage />);

    const toggle = await screen.findByRole('switch', { name: /a case is assigned to me/ });
    await waitFor(() => expect((toggle as HTMLInputElement).disabled).toBe(false));
    expect((toggle as HTMLInputElement).checked).toBe(false);
    await user.click(toggle);

    await waitFor(() => expect((toggle as HTMLInputElement).checked).toBe(true));
    expect(sentBodies(fetchMock, 'PATCH', `/api/v1/agents/${maya.id}`)).toEqual([{ notifyOnAssignment: true }]);
    expect(screen.queryByRole('button', { name: 'Delete my account…' })).toBeNull();
    expect(screen.queryByRole('switch', { name: /resolves one of my cases/ })).toBeNull();
  });
});
