import { act } from '@testing-library/react';
import { vi } from 'vitest';

/** One request the page sent through XMLHttpRequest; the test moves it on (progress, answer). */
export class FakeRequest {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  responseText = '';
  isAborted = false;
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  send(body: unknown) {
    this.body = body;
    sent.push(this);
  }
  abort() {
    this.isAborted = true;
    this.onabort?.();
  }

  /** The file sent in the multipart field `file`. */
  get file(): File | null {
    const value = this.body instanceof FormData ? this.body.get('file') : null;
    return value instanceof File ? value : null;
  }

  progress(loaded: number, total: number) {
    act(() => this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent));
  }

  async respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    await act(async () => this.onload?.());
  }
}

let sent: FakeRequest[] = [];

/** Replaces XMLHttpRequest (the upload's HTTP boundary); returns the requests sent, in order. */
export function stubXhr(): FakeRequest[] {
  sent = [];
  vi.stubGlobal('XMLHttpRequest', FakeRequest);
  return sent;
}
