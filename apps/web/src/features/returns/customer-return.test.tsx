import type { Case } from '@caseflow/contract';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { caseWithReturn } from '../../test/return-fixtures';
import { CustomerReturn } from './customer-return';

function renderReturn(item: Case) {
  if (!item.return) throw new Error('the fixture carries no return');
  renderWithProviders(<CustomerReturn item={item} caseReturn={item.return} />);
  return screen.getByRole('region', { name: 'Your return R-1001' });
}

const historyOf = (section: HTMLElement) =>
  within(within(section).getByRole('list', { name: 'History of the return' }))
    .getAllByRole('listitem')
    .map((move) => move.textContent);

describe('CustomerReturn', () => {
  it('says in plain words where the return stands and what happens next', () => {
    const section = renderReturn(caseWithReturn('approved'));
    expect(within(section).getByText('We have approved your return. We will email you a shipping label.')).toBeTruthy();
    expect(within(section).getByRole('listitem', { current: 'step' }).textContent).toBe('2Approved (current step)');
    expect(within(section).queryByRole('link')).toBeNull();
  });

  it('offers the label to download once sent, and lists every move with its date, but no actions', () => {
    const section = renderReturn(caseWithReturn('label_sent'));
    expect(within(section).getByText(/^Your shipping label is ready\./)).toBeTruthy();
    const link = within(section).getByRole('link', { name: 'Download your return label' });
    expect(link.getAttribute('href')).toBe('/api/v1/attachments/label-upload-000000001');
    const moves = historyOf(section);
    expect(moves).toHaveLength(2);
    expect(moves[0]).toMatch(/^Approved, .*2025/);
    expect(moves[1]).toMatch(/^Label sent, .*2025/);
    // Staff names and buttons are staff's.
    expect(moves.join(' ')).not.toContain('Alex Agent');
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.queryByRole('list', { name: 'Eligibility warnings' })).toBeNull();
  });

  it('says what comes after the item arrives, in terms of what the customer asked for', () => {
    const section = renderReturn({ ...caseWithReturn('received'), desiredOutcome: 'replacement' });
    expect(
      within(section).getByText(
        'We have received your item and are checking it. We will email you about your replacement.',
      ),
    ).toBeTruthy();
    const steps = within(within(section).getByRole('list', { name: 'Progress of the return' })).getAllByRole(
      'listitem',
    );
    expect(steps.at(-1)?.textContent).toBe('5Replaced (to come)');
  });

  it('gives the reason of a rejection', () => {
    const section = renderReturn(caseWithReturn('rejected'));
    expect(within(section).getByText('We could not accept this return.')).toBeTruthy();
    expect(within(section).getByText('Why: Bought over a year ago, past our return window.')).toBeTruthy();
    const steps = within(within(section).getByRole('list', { name: 'Progress of the return' })).getAllByRole(
      'listitem',
    );
    expect(steps.map((step) => step.textContent)).toEqual(['✓Requested (done)', '✕Rejected (current step)']);
  });

  it('says the outcome once the return is done', () => {
    const section = renderReturn(caseWithReturn('refunded'));
    expect(within(section).getByText(/^We have refunded you\./)).toBeTruthy();
    expect(historyOf(section)).toHaveLength(4);
  });
});
