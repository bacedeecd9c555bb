import type { Case } from '@caseflow/contract';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { stubXhr } from '../../test/fake-xhr';
import {
  fieldError,
  jsonResponse,
  problemResponse,
  renderWithProviders,
  sentBodies,
  stubFetch,
} from '../../test/render';
import { NewCaseForm } from './new-case-form';

const created: Case = {
  id: 7,
  number: 'C-0007',
  subject: 'Blender arrived cracked',
  description: 'The jug has a crack along the side.',
  orderNumber: null,
  product: 'Blender X2',
  reason: null,
  desiredOutcome: null,
  priority: 'normal',
  category: null,
  tags: [],
  triage: null,
  team: { id: 1, name: 'Support' },
  status: 'new',
  customer: { id: 1, name: 'Carla Customer' },
  assignee: null,
  createdAt: '2025-01-01T10:00:00.000Z',
  assignedAt: null,
  firstResponseAt: null,
  resolvedAt: null,
  updatedAt: '2025-01-01T10:00:00.000Z',
  sla: null,
  return: null,
};

/** POST /cases creates `created`; the form's article suggestions (tested in new-case-page.test) find nothing. */
function stubIntake() {
  return stubFetch(({ method, url }) => {
    if (method === 'POST' && url === '/api/v1/cases') return jsonResponse(created, 201);
    if (method === 'GET' && url.startsWith('/api/v1/kb/suggest?')) return jsonResponse({ items: [] });
    return undefined;
  });
}

const postedCases = (fetchMock: ReturnType<typeof stubFetch>) => sentBodies(fetchMock, 'POST', '/api/v1/cases');

function renderForm() {
  const onCreated = vi.fn();
  renderWithProviders(<NewCaseForm onCreated={onCreated} onDeflected={vi.fn()} />);
  return {
    onCreated,
    subject: screen.getByRole('textbox', { name: 'Subject' }),
    description: screen.getByRole('textbox', { name: 'What happened?' }),
    submit: screen.getByRole('button', { name: 'Report case' }),
  };
}

describe('NewCaseForm', () => {
  it('marks both required fields and sends nothing when submitted empty', async () => {
    const fetchMock = stubIntake();
    const user = userEvent.setup();
    const form = renderForm();

    await user.click(form.submit);

    expect(fieldError(form.subject)).toBe('Required');
    expect(fieldError(form.description)).toBe('Required');
    expect(postedCases(fetchMock)).toEqual([]);
  });

  it('treats a subject of only spaces as empty', async () => {
    const fetchMock = stubIntake();
    const user = userEvent.setup();
    const form = renderForm();

    await user.type(form.subject, '   ');
    await user.type(form.description, 'It broke.');
    await user.click(form.submit);

    expect(fieldError(form.subject)).toBe('Required');
    expect(postedCases(fetchMock)).toEqual([]);
  });

  it('stops typing at 200 characters and rejects a longer subject that gets in anyway', async () => {
    const fetchMock = stubIntake();
    const user = userEvent.setup();
    const form = renderForm();

    await user.click(form.subject);
    await user.paste('x'.repeat(201));
    expect((form.subject as HTMLInputElement).value).toHaveLength(200);

    // Autofill and scripts are not held back by maxLength; the schema still is.
    fireEvent.change(form.subject, { target: { value: 'y'.repeat(201) } });
    await user.type(form.description, 'It broke.');
    await user.click(form.submit);

    expect(fieldError(form.subject)).toBe('At most 200 characters');
    expect(postedCases(fetchMock)).toEqual([]);
  });

  it('posts exactly the filled-in fields and hands the created case back', async () => {
    const fetchMock = stubIntake();
    const user = userEvent.setup();
    const form = renderForm();

    await user.type(screen.getByRole('textbox', { name: 'Product' }), 'Blender X2');
    await user.type(form.subject, '  Blender arrived cracked  ');
    await user.type(form.description, 'The jug has a crack along the side.');
    await user.click(form.submit);

    await waitFor(() => expect(form.onCreated).toHaveBeenCalledTimes(1));
    expect(form.onCreated.mock.calls[0]?.[0]).toEqual(created);
    const posts = fetchMock.mock.calls.filter(([url, init]) => url === '/api/v1/cases' && init?.method === 'POST');
    expect(posts).toHaveLength(1);
    const [, init] = posts[0]!;
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json');
    // Trimmed by the shared schema; the empty order number, reason and outcome are left out, not sent as "".
    expect(JSON.parse(String(init?.body))).toEqual({
      subject: 'Blender arrived cracked',
      description: 'The jug has a crack along the side.',
      product: 'Blender X2',
    });
  });

  it('sends a chosen reason and outcome as their contract values', async () => {
    const fetchMock = stubIntake();
    const user = userEvent.setup();
    const form = renderForm();

    await user.click(screen.getByRole('combobox', { name: 'Reason' }));
    await user.click(await screen.findByRole('option', { name: 'Wrong item' }));
    await user.click(screen.getByRole('combobox', { name: 'What would you like?' }));
    await user.click(await screen.findByRole('option', { name: 'Store credit' }));
    await user.type(form.subject, 'Sent the wrong colour');
    await user.type(form.description, 'I ordered red.');
    await user.click(form.submit);

    await waitFor(() => expect(form.onCreated).toHaveBeenCalled());
    expect(postedCases(fetchMock)).toEqual([
      {
        subject: 'Sent the wrong colour',
        description: 'I ordered red.',
        reason: 'wrong_item',
        desiredOutcome: 'store_credit',
      },
    ]);
  });

  it('starts at "Not sure", which sends no category, and sends a chosen category as its contract value', async () => {
    const fetchMock = stubIntake();
    const user = userEvent.setup();
    const form = renderForm();
    const category = screen.getByRole<HTMLInputElement>('combobox', { name: 'What is it about?' });
    expect(category.value).toBe('Not sure');

    await user.type(form.subject, 'Where is my parcel?');
    await user.type(form.description, 'It was due Monday.');
    await user.click(form.submit);
    await waitFor(() => expect(form.onCreated).toHaveBeenCalledTimes(1));
    expect(postedCases(fetchMock)[0]).not.toHaveProperty('category');

    await user.click(category);
    await user.click(await screen.findByRole('option', { name: 'Delivery or tracking' }));
    await user.click(form.submit);
    await waitFor(() => expect(form.onCreated).toHaveBeenCalledTimes(2));
    expect(postedCases(fetchMock)[1]).toEqual({
      category: 'delivery',
      subject: 'Where is my parcel?',
      description: 'It was due Monday.',
    });
  });

  it("sends the uploaded files' ids with the case, once every upload has finished", async () => {
    const fetchMock = stubIntake();
    const uploads = stubXhr();
    const user = userEvent.setup();
    const form = renderForm();
    const photo = new File([new Uint8Array(4096)], 'cracked-jug.png', { type: 'image/png' });
    const receipt = new File([new Uint8Array(100)], 'receipt.pdf', { type: 'application/pdf' });

    await user.type(form.subject, 'Blender arrived cracked');
    await user.type(form.description, 'See the photo.');
    await user.upload(screen.getByLabelText('Add photos or documents'), [photo, receipt]);

    expect((form.submit as HTMLButtonElement).disabled).toBe(true);
    await uploads[0]!.respond(201, {
      id: 'upload-photo-0000001',
      name: photo.name,
      size: 4096,
      contentType: 'image/png',
    });
    expect((form.submit as HTMLButtonElement).disabled).toBe(true);
    await uploads[1]!.respond(201, {
      id: 'upload-receipt-00001',
      name: receipt.name,
      size: 100,
      contentType: 'application/pdf',
    });
    expect((form.submit as HTMLButtonElement).disabled).toBe(false);
    await user.click(form.submit);

    await waitFor(() => expect(form.onCreated).toHaveBeenCalledTimes(1));
    expect(postedCases(fetchMock)).toEqual([
      {
        subject: 'Blender arrived cracked',
        description: 'See the photo.',
        attachmentIds: ['upload-photo-0000001', 'upload-receipt-00001'],
      },
    ]);
    // Sent with the case: the picker starts over.
    expect(screen.queryByRole('list', { name: 'Files to send' })).toBeNull();
  });

  it('leaves out a removed file and one the server refused', async () => {
    const fetchMock = stubIntake();
    const uploads = stubXhr();
    const user = userEvent.setup();
    const form = renderForm();
    const files = ['one.png', 'two.png', 'three.png'].map((name) => new File(['x'], name, { type: 'image/png' }));

    await user.type(form.subject, 'Three photos');
    await user.type(form.description, 'Attached.');
    await user.upload(screen.getByLabelText('Add photos or documents'), files);
    await uploads[0]!.respond(201, { id: 'upload-one-000000001', name: 'one.png', size: 1, contentType: 'image/png' });
    await uploads[1]!.respond(201, { id: 'upload-two-000000001', name: 'two.png', size: 1, contentType: 'image/png' });
    await uploads[2]!.respond(415, { status: 415, detail: 'the file is not a JPEG, PNG, WebP or HEIC image or a PDF' });
    await user.click(screen.getByRole('button', { name: 'Remove one.png' }));
    await user.click(form.submit);

    await waitFor(() => expect(form.onCreated).toHaveBeenCalledTimes(1));
    expect(postedCases(fetchMock)).toEqual([
      { subject: 'Three photos', description: 'Attached.', attachmentIds: ['upload-two-000000001'] },
    ]);
  });

  it("shows the API's field error on the field it names", async () => {
    stubFetch(({ url }) =>
      url.startsWith('/api/v1/kb/')
        ? jsonResponse({ items: [] })
        : problemResponse(422, {
            title: 'Validation failed',
            detail: 'subject: already used',
            code: 'validation_failed',
            errors: [{ path: 'subject', message: 'already used' }],
          }),
    );
    const user = userEvent.setup();
    const form = renderForm();

    await user.type(form.subject, 'Blender arrived cracked');
    await user.type(form.description, 'The jug has a crack along the side.');
    await user.click(form.submit);

    await waitFor(() => expect(fieldError(form.subject)).toBe('already used'));
    expect(fieldError(form.description)).toBeNull();
    expect(screen.getByRole('alert').textContent).toBe('subject: already used');
    expect(form.onCreated).not.toHaveBeenCalled();
  });

  // Regression: a cleared Select sets its value to null, which once made the submit handler throw.
  it('still submits after a chosen reason is cleared again', async () => {
    const fetchMock = stubIntake();
    // Collect errors thrown in event handlers so they fail this test rather than the whole run.
    const thrown: unknown[] = [];
    const onError = (event: ErrorEvent) => {
      thrown.push(event.error);
      event.preventDefault();
    };
    window.addEventListener('error', onError);
    try {
      const user = userEvent.setup();
      const form = renderForm();
      const reason = screen.getByRole('combobox', { name: 'Reason' });

      await user.click(reason);
      await user.click(await screen.findByRole('option', { name: 'Damaged' }));
      const clear = reason.closest('.mantine-Select-root')?.querySelector('button');
      await user.click(clear!);
      expect((reason as HTMLInputElement).value).toBe('');
      await user.type(form.subject, 'Cracked jug');
      await user.type(form.description, 'Crack.');
      await user.click(form.submit);

      expect(thrown).toEqual([]);
      await waitFor(() => expect(postedCases(fetchMock)).toHaveLength(1), { timeout: 1000 });
    } finally {
      window.removeEventListener('error', onError);
    }
  });
});
