import type { Upload } from '@caseflow/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { stubXhr } from '../../test/fake-xhr';
import { renderWithProviders } from '../../test/render';
import { AttachmentPicker } from './attachment-picker';
import { useAttachmentPicker } from './use-attachment-picker';

/** The picker in a form, with the ids it would send shown so a test can read them. */
function Harness() {
  const picker = useAttachmentPicker();
  return (
    <form onPaste={picker.handlePaste} aria-label="Message">
      <textarea aria-label="Text" />
      <AttachmentPicker picker={picker} />
      <output aria-label="Attachment ids">{picker.attachmentIds.join(',')}</output>
    </form>
  );
}

const photo = () => new File([new Uint8Array(2048)], 'cracked-jug.png', { type: 'image/png' });
const receipt = () => new File([new Uint8Array(300)], 'receipt.pdf', { type: 'application/pdf' });
const uploaded = (id: string, file: File): Upload => ({ id, name: file.name, size: file.size, contentType: file.type });

function renderPicker() {
  const requests = stubXhr();
  const user = userEvent.setup();
  renderWithProviders(<Harness />);
  return {
    requests,
    user,
    input: screen.getByLabelText<HTMLInputElement>('Add photos or documents'),
    ids: () => screen.getByRole('status', { name: 'Attachment ids' }).textContent,
  };
}

describe('AttachmentPicker', () => {
  it('offers a real multiple file input for photos and PDFs behind a keyboard-reachable button', async () => {
    const { input, user } = renderPicker();
    expect(input.type).toBe('file');
    expect(input.multiple).toBe(true);
    expect(input.accept).toBe('image/jpeg,image/png,image/webp,image/heic,application/pdf');

    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add photos or documents' }));
  });

  it('uploads a picked photo at once, shows its progress, then its preview; its id is what the form sends', async () => {
    const { input, requests, user, ids } = renderPicker();
    const file = photo();

    await user.upload(input, file);

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request).toMatchObject({ method: 'POST', url: '/api/v1/uploads' });
    expect(request!.headers.accept).toBe('application/json');
    expect(request!.file?.name).toBe('cracked-jug.png');
    const progress = screen.getByRole('progressbar', { name: 'Uploading cracked-jug.png' });
    expect(progress.getAttribute('aria-valuenow')).toBe('0');

    request!.progress(512, 2048);
    expect(progress.getAttribute('aria-valuenow')).toBe('25');
    expect(ids()).toBe('');

    await request!.respond(201, uploaded('upload-photo-0000001', file));

    expect(screen.queryByRole('progressbar')).toBeNull();
    // Read locally as a data: URL (the app's CSP allows those for images, not blob: URLs).
    const preview = await screen.findByRole<HTMLImageElement>('img', { name: 'Preview of cracked-jug.png' });
    expect(preview.src).toMatch(/^data:image\/png;base64,/);
    const files = screen.getByRole('list', { name: 'Files to send' });
    expect(within(files).getByText('2 KB')).toBeTruthy();
    expect(ids()).toBe('upload-photo-0000001');
  });

  it('shows a PDF as an icon with its name and size', async () => {
    const { input, requests, user } = renderPicker();
    await user.upload(input, receipt());
    await requests[0]!.respond(201, uploaded('upload-receipt-00001', receipt()));

    const files = screen.getByRole('list', { name: 'Files to send' });
    expect(within(files).getByText('receipt.pdf')).toBeTruthy();
    expect(within(files).getByText('300 B')).toBeTruthy();
    expect(within(files).queryByRole('img')).toBeNull();
  });

  it("shows the server's refusal of a file that is not a photo or PDF on that file, and sends no id for it", async () => {
    const { input, requests, user, ids } = renderPicker();
    await user.upload(input, [photo(), receipt()]);

    await requests[0]!.respond(415, {
      type: 'about:blank',
      title: 'Unsupported media type',
      status: 415,
      code: 'unsupported_media_type',
      detail: 'the file is not a JPEG, PNG, WebP or HEIC image or a PDF',
    });
    await requests[1]!.respond(201, uploaded('upload-receipt-00001', receipt()));

    const [refused, accepted] = screen.getAllByRole('listitem');
    expect(within(refused!).getByText('The file is not a JPEG, PNG, WebP or HEIC image or a PDF')).toBeTruthy();
    expect(within(accepted!).queryByText(/not a JPEG/)).toBeNull();
    expect(ids()).toBe('upload-receipt-00001');
  });

  it("shows the server's 413 on the file too big for it", async () => {
    const { input, requests, user } = renderPicker();
    await user.upload(input, photo());
    await requests[0]!.respond(413, { status: 413, code: 'payload_too_large', detail: 'a file may be at most 10 MB' });

    expect(screen.getByText('A file may be at most 10 MB')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove cracked-jug.png' })).toBeTruthy();
  });

  it('refuses a file over 10 MB before sending it', async () => {
    const { input, requests, user } = renderPicker();
    const huge = new File(['x'], 'holiday.jpg', { type: 'image/jpeg' });
    Object.defineProperty(huge, 'size', { value: 12 * 1024 * 1024 });

    await user.upload(input, huge);

    expect(requests).toHaveLength(0);
    expect(screen.getByText('Too big: 12.0 MB; a file may be at most 10 MB.')).toBeTruthy();
  });

  it('takes at most 5 files and says which were left out', async () => {
    const { input, requests, user } = renderPicker();
    const files = Array.from(
      { length: 6 },
      (_, index) => new File(['x'], `photo-${index + 1}.png`, { type: 'image/png' }),
    );

    await user.upload(input, files);

    expect(requests.map((request) => request.file?.name)).toEqual([
      'photo-1.png',
      'photo-2.png',
      'photo-3.png',
      'photo-4.png',
      'photo-5.png',
    ]);
    expect(screen.getByRole('alert').textContent).toBe('You can attach up to 5 files; “photo-6.png” was left out.');
    expect((screen.getByRole('button', { name: 'Add photos or documents' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('removes a file: an upload under way is cancelled and its id is never sent', async () => {
    const { input, requests, user, ids } = renderPicker();
    await user.upload(input, [photo(), receipt()]);
    await requests[1]!.respond(201, uploaded('upload-receipt-00001', receipt()));

    await user.click(screen.getByRole('button', { name: 'Remove cracked-jug.png' }));
    expect(requests[0]!.isAborted).toBe(true);
    expect(screen.queryByText('cracked-jug.png')).toBeNull();
    expect(ids()).toBe('upload-receipt-00001');

    await user.click(screen.getByRole('button', { name: 'Remove receipt.pdf' }));
    expect(screen.queryByRole('list', { name: 'Files to send' })).toBeNull();
    expect(ids()).toBe('');
  });

  it('attaches an image pasted into the form, and leaves pasted text to the field', async () => {
    const { requests, user } = renderPicker();
    const text = screen.getByRole('textbox', { name: 'Text' });

    await user.click(text);
    await user.paste('hello');
    expect(requests).toHaveLength(0);
    expect((text as HTMLTextAreaElement).value).toBe('hello');

    fireEvent.paste(text, { clipboardData: { files: [new File(['x'], 'image.png', { type: 'image/png' })] } });
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]!.file?.name).toBe('image.png');
  });

  it('attaches files dropped on the drop zone', async () => {
    const { requests } = renderPicker();
    const zone = screen.getByRole('region', { name: 'Add attachments' });
    const dataTransfer = { types: ['Files'], files: [receipt()], dropEffect: 'none' };

    fireEvent.dragOver(zone, { dataTransfer });
    expect(zone.hasAttribute('data-dragging')).toBe(true);
    fireEvent.drop(zone, { dataTransfer });

    expect(zone.hasAttribute('data-dragging')).toBe(false);
    expect(requests.map((request) => request.file?.name)).toEqual(['receipt.pdf']);
  });
});
