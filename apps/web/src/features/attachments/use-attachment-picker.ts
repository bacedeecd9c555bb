import { ATTACHMENT_LIMIT, type Upload } from '@caseflow/contract';
import { type ClipboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../lib/api-client';
import { formatFileSize } from '../../lib/format';
import { type Uploader, uploadFile } from './upload';

/** SPEC §12; the server checks it again (and decides the type by the bytes). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** What the picker offers; the server judges by the bytes, whatever a file claims. */
export const ACCEPTED_TYPES = 'image/jpeg,image/png,image/webp,image/heic,application/pdf';
// Types a browser can show (most cannot show HEIC).
const PREVIEWABLE = new Set(['image/jpeg', 'image/png', 'image/webp']);

/**
 * The file read as a data: URL, for its preview. Not an object URL: the app's Content-Security-Policy
 * allows `img-src 'self' data:`, and a blob: URL would be refused.
 */
function readPreview(file: File, signal: AbortSignal): Promise<string | null> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : null);
    reader.onerror = () => resolve(null);
    reader.onabort = () => resolve(null);
    signal.addEventListener('abort', () => reader.abort(), { once: true });
    reader.readAsDataURL(file);
  });
}

export type PickedFile = {
  key: string;
  file: File;
  /** The image itself as a data: URL, once read; null for documents and images a browser cannot show. */
  previewUrl: string | null;
  /** Of the upload, 0..100. */
  progress: number;
} & ({ state: 'uploading' } | { state: 'uploaded'; upload: Upload } | { state: 'failed'; error: string });

let lastKey = 0;

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The problem's own words (too big, not a photo or PDF), or plain ones when the server gave none. */
function uploadError(error: unknown): string {
  if (error instanceof ApiError && !error.problem?.detail) {
    if (error.status === 413) return 'Too big: a file may be at most 10 MB.';
    if (error.status === 415) return 'Not a photo or PDF: attach a JPEG, PNG, WebP or HEIC image or a PDF.';
  }
  return capitalized(errorMessage(error));
}

/**
 * The files picked for one message: each uploads at once (POST /uploads), and the uploaded ones' ids
 * are what the message sends as `attachmentIds`. `uploader` is replaceable for tests.
 */
export function useAttachmentPicker({ uploader = uploadFile }: { uploader?: Uploader } = {}) {
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const controllers = useRef(new Map<string, AbortController>());
  // What the unmount cleanup and `add` read: the latest files, not the ones of the render they closed over.
  const current = useRef(files);
  current.current = files;

  const update = useCallback((key: string, change: (file: PickedFile) => PickedFile) => {
    setFiles((previous) => previous.map((item) => (item.key === key ? change(item) : item)));
  }, []);

  const start = useCallback(
    (item: PickedFile) => {
      const controller = new AbortController();
      controllers.current.set(item.key, controller);
      if (PREVIEWABLE.has(item.file.type))
        void readPreview(item.file, controller.signal).then((previewUrl) => {
          if (previewUrl && !controller.signal.aborted) update(item.key, (file) => ({ ...file, previewUrl }));
        });
      uploader(item.file, {
        signal: controller.signal,
        onProgress: (share) =>
          update(item.key, (file) =>
            file.state === 'uploading' ? { ...file, progress: Math.round(share * 100) } : file,
          ),
      })
        .then(
          (upload) => update(item.key, (file) => ({ ...file, state: 'uploaded', upload, progress: 100 })),
          (error: unknown) => {
            if (controller.signal.aborted) return;
            update(item.key, (file) => ({ ...file, state: 'failed', error: uploadError(error) }));
          },
        )
        .finally(() => controllers.current.delete(item.key));
    },
    [uploader, update],
  );

  const add = useCallback(
    (picked: File[]) => {
      if (picked.length === 0) return;
      const taken = current.current.filter((item) => item.state !== 'failed').length;
      const room = Math.max(0, ATTACHMENT_LIMIT - taken);
      const accepted = picked.slice(0, room);
      const leftOut = picked.length - accepted.length;
      setNotice(
        leftOut === 0
          ? null
          : `You can attach up to ${ATTACHMENT_LIMIT} files; ${leftOut === 1 ? `“${picked.at(-1)?.name}” was` : `${leftOut} files were`} left out.`,
      );
      const items = accepted.map((file): PickedFile => {
        const key = `file-${++lastKey}`;
        if (file.size > MAX_FILE_BYTES)
          return {
            key,
            file,
            previewUrl: null,
            progress: 0,
            state: 'failed',
            error: `Too big: ${formatFileSize(file.size)}; a file may be at most 10 MB.`,
          };
        return { key, file, previewUrl: null, progress: 0, state: 'uploading' };
      });
      // Read by a second `add` before the next render (a drop and a paste in one go).
      current.current = [...current.current, ...items];
      setFiles((previous) => [...previous, ...items]);
      for (const item of items) if (item.state === 'uploading') start(item);
    },
    [start],
  );

  // Stops the file's upload and the reading of its preview, if still under way.
  const release = useCallback((item: PickedFile) => controllers.current.get(item.key)?.abort(), []);

  const remove = useCallback(
    (key: string) => {
      const item = current.current.find((file) => file.key === key);
      if (item) release(item);
      setFiles((previous) => previous.filter((file) => file.key !== key));
      setNotice(null);
    },
    [release],
  );

  /** After the message is sent: its files are attached now, the picker starts empty. */
  const clear = useCallback(() => {
    for (const item of current.current) release(item);
    setFiles([]);
    setNotice(null);
  }, [release]);

  useEffect(() => () => current.current.forEach(release), [release]);

  /** For the form's onPaste: pasted files (a screenshot) are attached; pasted text is left to the field. */
  const handlePaste = useCallback(
    (event: ClipboardEvent) => {
      const pasted = Array.from(event.clipboardData.files);
      if (pasted.length === 0) return;
      event.preventDefault();
      add(pasted);
    },
    [add],
  );

  return useMemo(
    () => ({
      files,
      notice,
      add,
      remove,
      clear,
      handlePaste,
      isUploading: files.some((item) => item.state === 'uploading'),
      isFull: files.filter((item) => item.state !== 'failed').length >= ATTACHMENT_LIMIT,
      attachmentIds: files.flatMap((item) => (item.state === 'uploaded' ? [item.upload.id] : [])),
    }),
    [files, notice, add, remove, clear, handlePaste],
  );
}

export type AttachmentPickerState = ReturnType<typeof useAttachmentPicker>;
