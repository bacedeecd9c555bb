import type { SlaSettings } from '@caseflow/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
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
import SlaSettingsPage from './sla-settings-page';

const officeHours = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }));
/** What GET /sla answers before an admin saved anything. */
const defaults = { calendar: { timeZone: 'UTC', hours: officeHours, holidays: [] }, policies: [], updatedAt: null };

function stubSla(onPut: (body: SlaSettings) => Response) {
  return stubFetch(({ method, url, body }) => {
    if (url !== '/api/v1/sla') return undefined;
    if (method === 'GET') return jsonResponse(defaults);
    if (method === 'PUT') return onPut(body as SlaSettings);
    return undefined;
  });
}

const input = (name: string) => screen.getByRole('textbox', { name });

describe('SlaSettingsPage', () => {
  it('saves the calendar and the targets of the priorities switched on, in minutes', async () => {
    const fetchMock = stubSla((body) => jsonResponse({ ...body, updatedAt: '2025-01-06T10:00:00.000Z' }));
    const user = userEvent.setup();
    renderWithProviders(<SlaSettingsPage />);
    await screen.findByText(/Not saved yet/);

    await user.clear(screen.getByRole('combobox', { name: 'Time zone' }));
    await user.type(screen.getByRole('combobox', { name: 'Time zone' }), 'Berlin');
    await user.click(await screen.findByRole('option', { name: 'Europe/Berlin' }));
    // Saturday mornings too, and Friday off.
    await user.click(screen.getByRole('button', { name: 'Add hours on Saturday' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Saturday until' }), '12:00');
    await user.click(screen.getByRole('button', { name: 'Remove Friday 09:00–17:00' }));
    fireEvent.change(screen.getByLabelText('Holiday'), { target: { value: '2025-12-25' } });
    await user.click(screen.getByRole('button', { name: 'Add holiday' }));
    expect(within(screen.getByRole('list', { name: 'Holidays' })).getByRole('listitem').textContent).toMatch(
      /December 25, 2025|25 December 2025/,
    );

    await user.click(screen.getByRole('checkbox', { name: 'Urgent' }));
    await user.clear(input('Urgent first response, hours'));
    await user.type(input('Urgent first response, hours'), '2');
    await user.type(input('Urgent first response, minutes'), '30');
    expect(input('High first response, hours')).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(sentBodies(fetchMock, 'PUT', '/api/v1/sla')).toEqual([
        {
          calendar: {
            timeZone: 'Europe/Berlin',
            hours: [...officeHours.slice(0, 4), { day: 6, start: '09:00', end: '12:00' }],
            holidays: ['2025-12-25'],
          },
          policies: [{ priority: 'urgent', firstResponseMinutes: 150, resolutionMinutes: 240 }],
        },
      ]),
    );
    expect(await screen.findByText(/^Last saved/)).toBeTruthy();
  });

  it('offers the usual weeks as presets', async () => {
    const fetchMock = stubSla((body) => jsonResponse({ ...body, updatedAt: '2025-01-06T10:00:00.000Z' }));
    const user = userEvent.setup();
    renderWithProviders(<SlaSettingsPage />);
    await screen.findByText(/Not saved yet/);

    await user.click(screen.getByRole('button', { name: '24/7' }));
    expect(within(screen.getByRole('group', { name: 'Sunday' })).queryByText('Closed')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sentBodies(fetchMock, 'PUT', '/api/v1/sla')).toHaveLength(1));
    const [sent] = sentBodies(fetchMock, 'PUT', '/api/v1/sla') as SlaSettings[];
    expect(sent?.calendar.hours).toEqual([0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' })));

    await user.click(screen.getByRole('button', { name: 'Mon–Fri 9–17' }));
    expect(within(screen.getByRole('group', { name: 'Sunday' })).getByText('Closed')).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Monday from' })).toHaveProperty('value', '09:00');
  });

  it("shows each of a 422's errors on the field its path names", async () => {
    stubSla(() =>
      problemResponse(422, {
        detail: 'The settings are not valid.',
        errors: [
          { path: 'calendar.hours.2.end', message: 'must end by midnight' },
          { path: 'policies.0.firstResponseMinutes', message: 'must be at least 1 minute' },
          { path: 'calendar', message: 'is being edited by someone else' },
        ],
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<SlaSettingsPage />);
    await screen.findByText(/Not saved yet/);
    await user.click(screen.getByRole('checkbox', { name: 'High' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    // Index 2 of the hours sent is Wednesday's range; policy 0 is the only one sent, High's.
    await waitFor(() =>
      expect(fieldError(screen.getByRole('combobox', { name: 'Wednesday until' }))).toBe('must end by midnight'),
    );
    expect(fieldError(input('High first response, hours'))).toBe('must be at least 1 minute');
    expect(fieldError(screen.getByRole('combobox', { name: 'Tuesday until' }))).toBeNull();
    // A path that is no field of the form is listed in the alert rather than lost.
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The settings are not valid.');
    expect(alert.textContent).toContain('calendar: is being edited by someone else');
    expect(alert.textContent).not.toContain('must end by midnight');
    expect(alert.textContent).not.toContain('at least 1 minute');
  });

  it('checks the body with the contract before sending it', async () => {
    const fetchMock = stubSla((body) => jsonResponse({ ...body, updatedAt: '2025-01-06T10:00:00.000Z' }));
    const user = userEvent.setup();
    renderWithProviders(<SlaSettingsPage />);
    await screen.findByText(/Not saved yet/);
    await user.click(screen.getByRole('checkbox', { name: 'Low' }));
    await user.clear(input('Low resolution, hours'));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(fieldError(input('Low resolution, hours'))).toBe('must be at least 1 minute');
    expect(sentBodies(fetchMock, 'PUT', '/api/v1/sla')).toEqual([]);
  });

  it('says so when the settings cannot be loaded', async () => {
    stubFetch(() => problemResponse(500, { detail: 'Something went wrong on our side.' }));
    renderWithProviders(<SlaSettingsPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('Something went wrong on our side.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
