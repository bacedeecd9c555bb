import type { Case, UpdateCaseBody } from '@caseflow/contract';
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
import { openCase } from '../../test/team-fixtures';
import { triagedCase } from '../../test/triage-fixtures';
import { useCase } from './api';
import { TriagePanel } from './triage-panel';

const caseUrl = '/api/v1/cases/7';

/** GET answers the case as it stands; PATCH applies the body (or is refused with `refusal`). */
function stubCase(initial: Case, refusal?: { status: number; detail: string }) {
  let current = initial;
  return stubFetch(({ method, url, body }) => {
    if (url !== caseUrl) return undefined;
    if (method === 'GET') return jsonResponse(current);
    if (method !== 'PATCH') return undefined;
    if (refusal) return problemResponse(refusal.status, { detail: refusal.detail });
    current = { ...current, ...(body as UpdateCaseBody) };
    return jsonResponse(current);
  });
}

/** The case page's part that matters here: the case as fetched, and its triage panel. */
function CaseWithTriage() {
  const item = useCase(7);
  return item.data ? <TriagePanel item={item.data} /> : null;
}

async function renderPanel() {
  const user = userEvent.setup();
  renderWithProviders(<CaseWithTriage />);
  await screen.findByRole('button', { name: 'Save triage' });
  return user;
}

const tagPills = () => [...document.querySelectorAll('.mantine-Pill-label')].map((pill) => pill.textContent);

describe('TriagePanel', () => {
  it("shows triage's values with its confidence, and why on request", async () => {
    stubCase(triagedCase);
    const user = await renderPanel();

    expect((screen.getByRole('combobox', { name: 'Category' }) as HTMLInputElement).value).toBe(
      'Faulty or stopped working',
    );
    expect((screen.getByRole('combobox', { name: 'Priority' }) as HTMLInputElement).value).toBe('Urgent');
    expect(tagPills()).toEqual(['safety', 'refund']);
    const confidence = screen.getByRole('progressbar', { name: "Triage's confidence in the category" });
    expect(confidence.getAttribute('aria-valuenow')).toBe('92');
    expect(screen.getByText('97% confident')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save triage' }).hasAttribute('disabled')).toBe(true);

    expect(screen.queryByRole('list', { name: 'Reasons' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Why?' }));
    const reasons = screen.getByRole('list', { name: 'Reasons' });
    expect(
      within(reasons)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['rule: safety ("smoke")', 'word: "refund"']);
    expect(screen.getByText('Model caseflow-triage, version v1-abc123')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Hide why' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('sends only what changed, lower-cased, and says it is recorded as a correction', async () => {
    const fetchMock = stubCase(triagedCase);
    const user = await renderPanel();

    await user.click(screen.getByRole('combobox', { name: 'Category' }));
    await user.click(await screen.findByRole('option', { name: 'Arrived damaged' }));
    expect(screen.getByText('Triage chose Faulty or stopped working')).toBeTruthy();
    await user.type(screen.getByRole('combobox', { name: 'Tags' }), 'Smoke ');
    expect(tagPills()).toEqual(['safety', 'refund', 'smoke']);
    await user.click(screen.getByRole('button', { name: 'Save triage' }));

    expect(
      (await screen.findByText(/The change of category and tags is recorded as a correction of triage/)).textContent,
    ).toContain('the next retrain learns from it');
    expect(sentBodies(fetchMock, 'PATCH', caseUrl)).toEqual([
      { category: 'damaged_item', tags: ['safety', 'refund', 'smoke'] },
    ]);
    // The form starts again from the case as saved: nothing left to save.
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Save triage' }).hasAttribute('disabled')).toBe(true),
    );
    expect((screen.getByRole('combobox', { name: 'Category' }) as HTMLInputElement).value).toBe('Arrived damaged');
  });

  it('refuses a tag that is not one word before sending anything', async () => {
    const fetchMock = stubCase(triagedCase);
    const user = await renderPanel();

    await user.type(screen.getByRole('combobox', { name: 'Tags' }), 'no!good,');
    await user.click(screen.getByRole('button', { name: 'Save triage' }));

    expect(fieldError(screen.getByRole('combobox', { name: 'Tags' }))).toMatch(
      /^“no!good”: a tag is one lower-case word/,
    );
    expect(sentBodies(fetchMock, 'PATCH', caseUrl)).toEqual([]);
  });

  it("shows the server's reason when the save is refused, keeping the edit", async () => {
    stubCase(triagedCase, { status: 409, detail: 'the case was deleted meanwhile' });
    const user = await renderPanel();

    await user.click(screen.getByRole('combobox', { name: 'Priority' }));
    await user.click(await screen.findByRole('option', { name: 'High' }));
    await user.click(screen.getByRole('button', { name: 'Save triage' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not saved');
    expect(alert.textContent).toContain('the case was deleted meanwhile');
    expect((screen.getByRole('combobox', { name: 'Priority' }) as HTMLInputElement).value).toBe('High');
  });

  it('says a case from before triage has no why, and saves without calling it a correction', async () => {
    const fetchMock = stubCase({ ...openCase, tags: ['refund'] });
    const user = await renderPanel();

    expect(screen.getByText(/Triaged before triage existed/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Why?' })).toBeNull();
    expect(screen.queryByRole('progressbar')).toBeNull();
    await user.click(screen.getByRole('combobox', { name: 'Priority' }));
    await user.click(await screen.findByRole('option', { name: 'Urgent' }));
    await user.click(screen.getByRole('button', { name: 'Save triage' }));

    await screen.findByText('Saved the priority.');
    expect(sentBodies(fetchMock, 'PATCH', caseUrl)).toEqual([{ priority: 'urgent' }]);
  });
});
