import type { TestServer } from './harness.js';

/** A minimal valid PDF (what file-type recognises by its first bytes). */
export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export type UploadPart = { field?: string; name: string; type: string; bytes: Buffer };

/** A multipart body with one part per file, as a browser's FormData sends it. */
export function multipartBody(files: readonly UploadPart[]) {
  const boundary = '----caseflow-test-boundary';
  const parts = files.map((file) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    ]),
  );
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** POST /api/v1/uploads as `token`, one file. */
export async function uploadFile(server: TestServer, token: string, file: UploadPart) {
  const body = multipartBody([file]);
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/v1/uploads',
    headers: { ...body.headers, authorization: `Bearer ${token}` },
    payload: body.payload,
  });
  return { status: response.statusCode, body: response.json(), headers: response.headers };
}
