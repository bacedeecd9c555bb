import type { Case, MoveReturnBody, Upload } from '@caseflow/contract';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { stubXhr } from '../../test/fake-xhr';
import {
  fieldError,
  jsonResponse,
  problemResponse,
  renderWithProviders,
  sentBodies,
  stubFetch,
} from '../../test/render';
import { caseWithReturn } from '../../test/return-fixtures';
import { useCase } from '../cases/api';
import { ReturnPanel } from './return-panel';

const caseUrl = '/api/v1/cases/7';
const moveUrl = '/api/v1/cases/7/return';

/**
 * GET answers the case as it stands; POST …/return moves it to the body's state (or is refused with
 * `refusal`, after which `afterRefusal`, someone else's move, is what GET answers).
 */
function stubCase(initial: Case, options: { refusal?: { status: number; detail: string }; afterRefusal?: Case } = {}) {
  let current = initial;
  const fetchMock = stubFetch(({ method, url, body }) => {
    if (method === 'GET' && url === caseUrl) return jsonResponse(current);
    if (method !== 'POST' || url !== moveUrl) return undefined;
    if (options.refusal) {
      if (options.afterRefusal) current = options.afterRefusal;
      return problemResponse(options.refusal.status, { detail: options.refusal.detail });
    }
    const { to } = body as MoveReturnBody;
    current = caseWithReturn(to);
    return jsonResponse(current);
  });
  return {
    fetchMock,
    gets: () => fetchMock.mock.calls.filter(([url, init]) => url === caseUrl && (init?.method ?? 'GET') === 'GET'),
  };
}

/** The case page's part that matters here: the case as fetched, and its return panel. */
function CaseWithReturn() {
  const item = useCase(7);
  return item.data?.return ? <ReturnPanel item={item.data} caseReturn={item.data.return} /> : null;
}

async function renderPanel() {
  const user = userEvent.setup();
  const view = renderWithProviders(<CaseWithReturn />);
  const panel = await screen.findByRole('region', { name: 'Return R-1001' });
  return { user, panel, unmount: view.unmount };
}

const moveButtons = (panel: HTMLElement) =>
  within(within(panel).getByRole('group', { name: 'Move return R-1001' }))
    .getAllByRole('button')
    .map((button) => button.textContent);

describe('ReturnPanel', () => {
  it('offers only the moves allowed from each state, and none once the return is finished', async () => {
    const cases: [Case, string[]][] = [
      [caseWithReturn('requested'), ['Approve…', 'Reject…']],
      [caseWithReturn('approved'), ['Send label…']],
      [caseWithReturn('label_sent'), ['Mark received…']],
      [caseWithReturn('received'), ['Refund…', 'Replace…', 'Repair…', 'Give store credit…']],
    ];
    for (const [item, expected] of cases) {
      stubCase(item);
      const { panel, unmount } = await renderPanel();
      expect(moveButtons(panel)).toEqual(expected);
      unmount();
    }
    for (const state of ['refunded', 'rejected'] as const) {
      stubCase(caseWithReturn(state));
      const { panel, unmount } = await renderPanel();
      expect(within(panel).queryByRole('group', { name: 'Move return R-1001' })).toBeNull();
      expect(within(panel).getByText('This return is finished; it moves no further.')).toBeTruthy();
      unmount();
    }
  });

  it('shows where the return stands as steps, with the current one marked for screen readers', async () => {
    stubCase(caseWithReturn('approved'));
    const { panel } = await renderPanel();
    const steps = within(within(panel).getByRole('list', { name: 'Progress of the return' })).getAllByRole('listitem');
    expect(steps.map((step) => step.textContent)).toEqual([
      '✓Requested (done)',
      '2Approved (current step)',
      '3Label sent (to come)',
      '4Received (to come)',
      '5Refunded (to come)',
    ]);
    expect(steps[1]?.getAttribute('aria-current')).toBe('step');
    expect(within(panel).getByText('Blender X2 × 1 (damaged)')).toBeTruthy();
    expect(within(panel).getByText('Refund')).toBeTruthy();
    const history = within(within(panel).getByRole('list', { name: 'History of the return' })).getAllByRole('listitem');
    expect(history).toHaveLength(1);
    expect(history[0]?.textContent).toMatch(/^Approved, .+ by Alex Agent$/);
  });

  it('shows the eligibility flags with what they mean', async () => {
    stubCase(caseWithReturn('requested', { flags: ['late', 'final_sale'], deliveredAt: '2024-11-02' }));
    const { panel } = await renderPanel();
    const flags = within(within(panel).getByRole('list', { name: 'Eligibility warnings' })).getAllByRole('listitem');
    expect(flags.map((flag) => flag.textContent)).toEqual([
      `LateRequested more than 30 days after delivery (delivered ${new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date('2024-11-02T00:00:00Z'))}): outside the return window.`,
      'Final saleThe item was sold as final sale; returns of it are not normally accepted.',
    ]);
  });

  it('shows no warnings for a return without flags', async () => {
    stubCase(caseWithReturn('requested'));
    const { panel } = await renderPanel();
    expect(within(panel).queryByRole('list', { name: 'Eligibility warnings' })).toBeNull();
  });

  it('approves after a confirm, posting the move, and shows the refetched return', async () => {
    const { fetchMock, gets } = stubCase(caseWithReturn('requested'));
    const { user, panel } = await renderPanel();

    await user.click(within(panel).getByRole('button', { name: 'Approve…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve: return R-1001' });
    expect(within(dialog).getByText(/approved and that a shipping label follows/)).toBeTruthy();
    const before = gets().length;
    await user.click(within(dialog).getByRole('button', { name: 'Approve' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(sentBodies(fetchMock, 'POST', moveUrl)).toEqual([{ to: 'approved' }]);
    await waitFor(() => expect(gets().length).toBeGreaterThan(before));
    expect(await within(panel).findByRole('button', { name: 'Send label…' })).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: 'Approve…' })).toBeNull();
    // Its button is gone: focus lands on the panel's heading, not on nothing.
    await waitFor(() => expect(document.activeElement).toBe(within(panel).getByRole('heading', { level: 2 })));
  });

  it('sends the optional reason with an outcome', async () => {
    const { fetchMock } = stubCase(caseWithReturn('received'));
    const { user, panel } = await renderPanel();

    await user.click(within(panel).getByRole('button', { name: 'Refund…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Refund: return R-1001' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Refunded 49.90 to your card.');
    await user.click(within(dialog).getByRole('button', { name: 'Refund' }));

    await waitFor(() =>
      expect(sentBodies(fetchMock, 'POST', moveUrl)).toEqual([
        { to: 'refunded', reason: 'Refunded 49.90 to your card.' },
      ]),
    );
    expect(await within(panel).findByText('This return is finished; it moves no further.')).toBeTruthy();
  });

  it('will not reject without a reason the customer sees', async () => {
    const { fetchMock } = stubCase(caseWithReturn('requested'));
    const { user, panel } = await renderPanel();

    await user.click(within(panel).getByRole('button', { name: 'Reject…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject: return R-1001' });
    const reason = within(dialog).getByRole('textbox', { name: 'Reason' });
    expect(reason).toHaveProperty('required', true);
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    expect(fieldError(reason)).toBe('a rejection needs a reason the customer sees');
    expect(sentBodies(fetchMock, 'POST', moveUrl)).toEqual([]);

    await user.type(reason, 'Bought over a year ago.');
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    await waitFor(() =>
      expect(sentBodies(fetchMock, 'POST', moveUrl)).toEqual([{ to: 'rejected', reason: 'Bought over a year ago.' }]),
    );
  });

  it('sends a label only with its document, uploaded through the picker', async () => {
    const requests = stubXhr();
    const { fetchMock } = stubCase(caseWithReturn('approved'));
    const { user, panel } = await renderPanel();

    await user.click(within(panel).getByRole('button', { name: 'Send label…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Send label: return R-1001' });
    await user.click(within(dialog).getByRole('button', { name: 'Send label' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Attach the label (a PDF or an image) first.');
    expect(sentBodies(fetchMock, 'POST', moveUrl)).toEqual([]);

    const file = new File([new Uint8Array(400)], 'label.pdf', { type: 'application/pdf' });
    await user.upload(within(dialog).getByLabelText('Add photos or documents'), file);
    // Still uploading: the move waits for the file.
    expect(within(dialog).getByRole('button', { name: 'Send label' })).toHaveProperty('disabled', true);
    const upload: Upload = {
      id: 'label-upload-000000001',
      name: 'label.pdf',
      size: 400,
      contentType: 'application/pdf',
    };
    await requests[0]?.respond(201, upload);
    await user.click(within(dialog).getByRole('button', { name: 'Send label' }));

    await waitFor(() =>
      expect(sentBodies(fetchMock, 'POST', moveUrl)).toEqual([{ to: 'label_sent', attachmentId: upload.id }]),
    );
    const link = await within(panel).findByRole('link', { name: 'Download the label' });
    expect(link.getAttribute('href')).toBe('/api/v1/attachments/label-upload-000000001');
  });

  it("shows the server's reason for a refused move, and the return as it now stands", async () => {
    const detail = 'a label_sent return can move to received, not approved';
    stubCase(caseWithReturn('requested'), {
      refusal: { status: 409, detail },
      afterRefusal: caseWithReturn('label_sent'),
    });
    const { user, panel } = await renderPanel();

    await user.click(within(panel).getByRole('button', { name: 'Approve…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve: return R-1001' });
    await user.click(within(dialog).getByRole('button', { name: 'Approve' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain(detail);
    // Someone else moved it first: the refetched case shows where it is now.
    expect(await within(panel).findByRole('button', { name: 'Mark received…' })).toBeTruthy();
  });

  it("puts the server's field error on the reason", async () => {
    const fetchMock = stubFetch(({ method, url }) => {
      if (method === 'GET' && url === caseUrl) return jsonResponse(caseWithReturn('requested'));
      if (method === 'POST' && url === moveUrl)
        return problemResponse(422, {
          detail: 'the request is not valid',
          errors: [{ path: 'reason', message: 'must not contain the NUL character' }],
        });
      return undefined;
    });
    const { user, panel } = await renderPanel();

    await user.click(within(panel).getByRole('button', { name: 'Reject…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject: return R-1001' });
    const reason = within(dialog).getByRole('textbox', { name: 'Reason' });
    await user.type(reason, 'Too late');
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));

    await waitFor(() => expect(fieldError(reason)).toBe('must not contain the NUL character'));
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(sentBodies(fetchMock, 'POST', moveUrl)).toHaveLength(1);
  });
});
