import type { Case } from '@caseflow/contract';
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
import { openCase, teamNamed } from '../../test/team-fixtures';
import { useCase } from './api';
import { TransferAction } from './transfer-form';

const teams = [teamNamed(2, 'Billing', { categories: ['billing'] }), teamNamed(1, 'Support', { isDefault: true })];
const transferUrl = '/api/v1/cases/7/transfer';

/** Case 7 starts in Support; a transfer answers `outcome` and, once it succeeded, the case is in Billing's queue. */
function stubCase(outcome: 'moved' | 'conflict' = 'moved') {
  let current: Case = openCase;
  return stubFetch(({ method, url }) => {
    if (method === 'GET' && url === '/api/v1/teams') return jsonResponse({ items: teams });
    if (method === 'GET' && url === '/api/v1/cases/7') return jsonResponse(current);
    if (method !== 'POST' || url !== transferUrl) return undefined;
    // Resolved by someone else meanwhile: the API names `status`, which is no field of this form.
    if (outcome === 'conflict') {
      const detail = 'a resolved case cannot be transferred; reopen it first';
      return problemResponse(409, { detail, errors: [{ path: 'status', message: detail }] });
    }
    current = { ...openCase, team: { id: 2, name: 'Billing' }, assignee: null, status: 'new' };
    return jsonResponse(current);
  });
}

/** The case page's part that matters here: the case as fetched, and its Transfer action. */
function CaseWithTransfer() {
  const item = useCase(7);
  if (!item.data) return null;
  return (
    <>
      <p>Team: {item.data.team.name}</p>
      <TransferAction item={item.data} />
    </>
  );
}

async function openTransfer() {
  const user = userEvent.setup();
  renderWithProviders(<CaseWithTransfer />);
  await user.click(await screen.findByRole('button', { name: 'Transfer…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Transfer C-0007' });
  return { user, dialog };
}

describe('TransferAction', () => {
  it("offers every team but the case's own, sends the team and the note, and shows the case refetched", async () => {
    const fetchMock = stubCase();
    const { user, dialog } = await openTransfer();

    await user.click(within(dialog).getByRole('combobox', { name: 'Move to team' }));
    await waitFor(() => expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual(['Billing']));
    await user.click(screen.getByRole('option', { name: 'Billing' }));
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Internal note' }),
      'A double charge: billing refunds it.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Transfer' }));

    await screen.findByText('Team: Billing');
    expect(sentBodies(fetchMock, 'POST', transferUrl)).toEqual([
      { teamId: 2, note: 'A double charge: billing refunds it.' },
    ]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('asks for a team before sending anything, and leaves an empty note out', async () => {
    const fetchMock = stubCase();
    const { user, dialog } = await openTransfer();

    await user.click(within(dialog).getByRole('button', { name: 'Transfer' }));
    expect(fieldError(within(dialog).getByRole('combobox', { name: 'Move to team' }))).toBe('Choose a team');
    expect(sentBodies(fetchMock, 'POST', transferUrl)).toEqual([]);

    await user.click(within(dialog).getByRole('combobox', { name: 'Move to team' }));
    await user.click(await screen.findByRole('option', { name: 'Billing' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Internal note' }), '   ');
    await user.click(within(dialog).getByRole('button', { name: 'Transfer' }));

    await waitFor(() => expect(sentBodies(fetchMock, 'POST', transferUrl)).toEqual([{ teamId: 2 }]));
  });

  it("shows the server's reason and keeps the dialog open when the transfer is refused", async () => {
    stubCase('conflict');
    const { user, dialog } = await openTransfer();

    await user.click(within(dialog).getByRole('combobox', { name: 'Move to team' }));
    await user.click(await screen.findByRole('option', { name: 'Billing' }));
    await user.click(within(dialog).getByRole('button', { name: 'Transfer' }));

    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'a resolved case cannot be transferred; reopen it first',
    );
    expect(screen.getByText('Team: Support')).toBeTruthy();
    expect(screen.getByRole('dialog', { name: 'Transfer C-0007' })).toBeTruthy();
  });
});
