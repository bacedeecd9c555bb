import type { Problem, Upload } from '@caseflow/contract';
import { API_BASE, ApiError } from '../../lib/api-client';

/** Sends one file to POST /uploads, reporting progress (0..1); rejects with ApiError, or an AbortError. */
export type Uploader = (
  file: File,
  options: { onProgress: (share: number) => void; signal: AbortSignal },
) => Promise<Upload>;

function parsed(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    // A proxy's HTML error page: the status alone has to say what went wrong.
    return undefined;
  }
}

/**
 * XMLHttpRequest rather than fetch, because only it reports upload progress. Same origin like `api()`:
 * the browser sends the session cookie and the Origin header the server checks on cookie requests.
 */
export const uploadFile: Uploader = (file, { onProgress, signal }) =>
  new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${API_BASE}/uploads`);
    request.setRequestHeader('accept', 'application/json');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const payload = parsed(request.responseText);
      if (request.status >= 200 && request.status < 300) resolve(payload as Upload);
      else reject(new ApiError(request.status, payload as Problem | undefined));
    };
    request.onerror = () => reject(new ApiError(0, undefined));
    request.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    signal.addEventListener('abort', () => request.abort(), { once: true });
    const body = new FormData();
    body.append('file', file, file.name);
    // The browser writes the multipart content type with its boundary.
    request.send(body);
  });
