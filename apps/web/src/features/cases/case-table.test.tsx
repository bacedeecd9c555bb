import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { caseWithReturn } from '../../test/return-fixtures';
import { openCase } from '../../test/team-fixtures';
import { CaseTable } from './case-table';

describe('CaseTable', () => {
  it('numbers the queue in the order it is listed, the first marked as next', () => {
    const queued = [
      { ...openCase, id: 11, number: 'C-1011', status: 'new' as const, priority: 'urgent' as const },
      { ...openCase, id: 12, number: 'C-1012', status: 'new' as const },
      { ...openCase, id: 13, number: 'C-1013', status: 'new' as const, priority: 'low' as const },
    ];
    renderWithProviders(<CaseTable cases={queued} showPosition />);
    const rows = screen.getAllByRole('row').slice(1);
    const first = within(rows[0] as HTMLElement).getByLabelText('Place 1 in the queue: next to be assigned');
    expect(first.textContent).toBe('Next');
    expect(within(rows[1] as HTMLElement).getByLabelText('Place 2 in the queue').textContent).toBe('2');
    expect(within(rows[2] as HTMLElement).getByText('C-1013')).toBeTruthy();
    expect(within(rows[2] as HTMLElement).getByLabelText('Place 3 in the queue').textContent).toBe('3');
  });

  it('shows no position column elsewhere', () => {
    renderWithProviders(<CaseTable cases={[openCase]} />);
    expect(screen.queryByLabelText(/in the queue/)).toBeNull();
  });

  it('shows staff where each case stands against its SLA, and a case without a policy as none', () => {
    const due = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    const atRisk = {
      ...openCase,
      sla: { state: 'at_risk' as const, firstResponseDueAt: due(20), resolutionDueAt: due(600) },
    };
    const uncovered = { ...openCase, id: 8, number: 'C-0008', sla: null };
    renderWithProviders(<CaseTable cases={[atRisk, uncovered]} showSla />);
    expect(screen.getByRole('columnheader', { name: 'SLA' })).toBeTruthy();
    const [first, second] = screen.getAllByRole('row').slice(1) as [HTMLElement, HTMLElement];
    expect(within(first).getByText('At risk')).toBeTruthy();
    expect(within(first).getByText('first reply due in 20 min')).toBeTruthy();
    expect(within(second).getByText('None')).toBeTruthy();
  });

  it('shows customers no SLA column', () => {
    const atRisk = {
      ...openCase,
      sla: { state: 'at_risk' as const, firstResponseDueAt: openCase.createdAt, resolutionDueAt: openCase.createdAt },
    };
    renderWithProviders(<CaseTable cases={[atRisk]} />);
    expect(screen.queryByRole('columnheader', { name: 'SLA' })).toBeNull();
    expect(screen.queryByText('At risk')).toBeNull();
  });

  it("says where each case's return stands, under its subject", () => {
    const labelled = { ...caseWithReturn('label_sent'), id: 8, number: 'C-0008' };
    renderWithProviders(<CaseTable cases={[labelled, openCase]} />);
    const [withReturn, without] = screen.getAllByRole('row').slice(1) as [HTMLElement, HTMLElement];
    expect(within(withReturn).getByText('Return R-1001: label sent')).toBeTruthy();
    expect(within(without).queryByText(/^Return /)).toBeNull();
  });
});
