import type { TriageStats } from '@caseflow/contract';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { jsonResponse, problemResponse, renderWithProviders, sentBodies, stubFetch } from '../../test/render';
import { smokeTriage, triageStats, untriagedStats } from '../../test/triage-fixtures';
import TriagePage from './triage-page';

/** GET /triage/stats answers the current stats; a retrain moves them to version v2; POST /triage previews. */
function stubTriage(initial: TriageStats = triageStats, options: { isRetrainFailing?: boolean } = {}) {
  let stats = initial;
  return stubFetch(({ method, url }) => {
    if (method === 'GET' && url === '/api/v1/triage/stats') return jsonResponse(stats);
    if (method === 'POST' && url === '/api/v1/triage/retrain') {
      if (options.isRetrainFailing) return problemResponse(503, { detail: 'the model is busy retraining' });
      stats = { ...stats, version: 'v2-def456', trainedOn: 544 };
      return jsonResponse({
        model: stats.model,
        version: 'v2-def456',
        trainedOn: 544,
        corrections: 4,
        durationMs: 1234,
      });
    }
    if (method === 'POST' && url === '/api/v1/triage') return jsonResponse(smokeTriage);
    return undefined;
  });
}

const cellsOf = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent);

const cardOf = (label: string) => screen.getByText(label).parentElement!;

describe('TriagePage', () => {
  it('shows the model, overall accuracy and a table and chart per category', async () => {
    stubTriage();
    renderWithProviders(<TriagePage />);

    await screen.findByText('v1-abc123');
    expect(screen.getByText('540 examples')).toBeTruthy();
    const model = screen.getByRole('region', { name: 'Model' });
    expect(within(model).getByText('Corrections').nextSibling?.textContent).toBe('4');
    expect(within(cardOf('Category accuracy')).getByText('75%')).toBeTruthy();
    expect(within(cardOf('Priority accuracy')).getByText('83%')).toBeTruthy();
    expect(screen.getByText('3 of 12 triaged cases corrected by staff')).toBeTruthy();

    const table = screen.getByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(cellsOf)).toEqual([
      ['Delivery or tracking', '8', '1', '88%'],
      ['Faulty or stopped working', '4', '2', '50%'],
    ]);
    const bars = screen.getByTestId('accuracy-chart').querySelectorAll('g');
    expect([...bars].map((bar) => bar.textContent)).toEqual([
      'Delivery or tracking88%',
      'Faulty or stopped working50%',
    ]);
  });

  it('says nothing is triaged yet instead of showing empty accuracy', async () => {
    stubTriage(untriagedStats);
    renderWithProviders(<TriagePage />);

    expect(await screen.findByText(/^Nothing triaged yet/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByRole('button', { name: 'Retrain now' })).toBeTruthy();
  });

  it('retrains on request, reports the new version, examples and duration, and refreshes the stats', async () => {
    const fetchMock = stubTriage();
    const user = userEvent.setup();
    renderWithProviders(<TriagePage />);
    await screen.findByText('v1-abc123');

    await user.click(screen.getByRole('button', { name: 'Retrain now' }));

    expect((await screen.findByText(/^Retrained:/)).textContent).toBe(
      'Retrained: version v2-def456, on 544 examples (4 corrections), in 1.2 s.',
    );
    expect(fetchMock.mock.calls.filter(([input]) => String(input) === '/api/v1/triage/retrain')).toHaveLength(1);
    await screen.findByText('544 examples');
    expect(within(screen.getByRole('region', { name: 'Model' })).getByText('v2-def456')).toBeTruthy();
  });

  it("shows the server's reason when retraining fails", async () => {
    stubTriage(triageStats, { isRetrainFailing: true });
    const user = userEvent.setup();
    renderWithProviders(<TriagePage />);
    await screen.findByText('v1-abc123');

    await user.click(screen.getByRole('button', { name: 'Retrain now' }));

    expect((await screen.findByRole('alert')).textContent).toContain('the model is busy retraining');
  });

  it('previews triage for a message: category, priority, tags, confidence and why', async () => {
    const fetchMock = stubTriage();
    const user = userEvent.setup();
    renderWithProviders(<TriagePage />);
    const tryIt = await screen.findByRole('region', { name: 'Try it' });

    await user.type(within(tryIt).getByRole('textbox', { name: 'Subject' }), 'Kettle smoking');
    await user.type(within(tryIt).getByRole('textbox', { name: 'Description' }), 'It smokes. Refund please.');
    await user.click(within(tryIt).getByRole('button', { name: 'Triage this message' }));

    const result = await within(tryIt).findByRole('region', { name: 'Triage result' });
    await waitFor(() =>
      expect(sentBodies(fetchMock, 'POST', '/api/v1/triage')).toEqual([
        { subject: 'Kettle smoking', description: 'It smokes. Refund please.' },
      ]),
    );
    expect(within(result).getByText('Faulty or stopped working')).toBeTruthy();
    expect(within(result).getByText('Urgent')).toBeTruthy();
    expect(within(result).getByText('safety')).toBeTruthy();
    expect(
      within(result).getByRole('progressbar', { name: 'Confidence in the tags' }).getAttribute('aria-valuenow'),
    ).toBe('64');
    await user.click(within(result).getByRole('button', { name: 'Why?' }));
    expect(within(result).getByText('rule: safety ("smoke")')).toBeTruthy();
  });
});
