import type { CaseSla } from '@caseflow/contract';
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { openCase } from '../../test/team-fixtures';
import { SlaBadge } from './sla-badge';
import type { SlaSubject } from './sla-status';

const NOW = Date.parse('2025-01-06T10:00:00.000Z');
const at = (minutesFromNow: number) => new Date(NOW + minutesFromNow * 60_000).toISOString();
const sla = (state: CaseSla['state'], firstResponseIn: number, resolutionIn: number): CaseSla => ({
  state,
  firstResponseDueAt: at(firstResponseIn),
  resolutionDueAt: at(resolutionIn),
});
const unanswered = { ...openCase, firstResponseAt: null };
const answered = { ...openCase, firstResponseAt: at(-30) };

/** The badge's words: its state, then the due time that matters. */
function badgeText(item: SlaSubject, options: { withName?: boolean } = {}) {
  const { container, unmount } = renderWithProviders(<SlaBadge item={item} {...options} />);
  const text = [...container.querySelectorAll('[data-sla-state] > *')].map((part) => part.textContent).join(' · ');
  unmount();
  return text;
}

describe('SlaBadge', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('counts down to the first reply until there is one, then to the resolution', () => {
    expect(badgeText({ ...unanswered, sla: sla('ok', 25, 600) })).toBe('On track · first reply due in 25 min');
    expect(badgeText({ ...answered, sla: sla('ok', -60, 150) })).toBe('On track · resolution due in 2 h 30 min');
    expect(badgeText({ ...unanswered, sla: sla('at_risk', 12, 600) })).toBe('At risk · first reply due in 12 min');
    expect(badgeText({ ...answered, sla: sla('at_risk', -60, 45) })).toBe('At risk · resolution due in 45 min');
  });

  it('says which target a breach missed and, while the clock runs, by how much', () => {
    expect(badgeText({ ...unanswered, sla: sla('breached', -90, 600) })).toBe(
      'Breached · first reply overdue by 1 h 30 min',
    );
    expect(badgeText({ ...answered, sla: sla('breached', -600, -120) })).toBe('Breached · resolution overdue by 2 h');
    // Replied late (the due time passed before the reply at -30 min); the resolution is still to come.
    expect(badgeText({ ...answered, sla: sla('breached', -45, 300) })).toBe(
      'Breached · first reply was late; resolution due in 5 h',
    );
    // Pending stops the clock: no amount that keeps growing while the customer is asked.
    expect(badgeText({ ...unanswered, status: 'pending', sla: sla('breached', -90, 600) })).toBe(
      'Breached · first reply target missed',
    );
    expect(badgeText({ ...answered, status: 'resolved', resolvedAt: at(-5), sla: sla('breached', -20, -10) })).toBe(
      'Breached · resolved late',
    );
    expect(badgeText({ ...answered, status: 'resolved', resolvedAt: at(-5), sla: sla('breached', -60, -10) })).toBe(
      'Breached · first reply and resolution were late',
    );
  });

  it('shows a paused clock and met targets in words, not only in colour', () => {
    expect(badgeText({ ...answered, status: 'pending', sla: sla('paused', -60, 120) })).toBe(
      'Paused · waiting on the customer',
    );
    expect(badgeText({ ...answered, status: 'resolved', resolvedAt: at(-5), sla: sla('met', -60, 120) })).toBe(
      'Met · every target met',
    );
  });

  it('names the SLA where no column heading does, and shows nothing without a policy', () => {
    expect(badgeText({ ...unanswered, sla: sla('at_risk', 12, 600) }, { withName: true })).toBe(
      'SLA at risk · first reply due in 12 min',
    );
    renderWithProviders(<SlaBadge item={{ ...openCase, sla: null }} />);
    expect(screen.queryByText(/due|overdue|SLA/)).toBeNull();
  });
});
