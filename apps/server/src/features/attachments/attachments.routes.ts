import { attachmentParams, attachmentQuery, uploadSchema } from '@caseflow/contract';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../http/app-error.js';
import { authorize, callerOf, EVERYONE } from '../../http/auth.js';
import { assertCaseVisible } from '../cases/cases.service.js';
import * as attachments from './attachments.service.js';
import { MAX_FILE_BYTES } from './file-kind.js';

// The multipart envelope around one file: boundaries and headers, well under this.
const ENVELOPE_BYTES = 64 * 1024;
const tags = ['attachments'];

/** `attachment` with an ASCII fallback name and the exact one in RFC 5987 form. */
function disposition(kind: 'inline' | 'attachment', name: string) {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * A body the multipart parser cannot read (a missing boundary, an unfinished part, too many parts) is
 * the client's error, a 400 naming the field; anything else (the disk) stays a server error.
 */
function asUploadError(error: unknown): unknown {
  if (error instanceof AppError || !(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  const status = (error as { statusCode?: unknown }).statusCode;
  const isParserError =
    (typeof code === 'string' && code.startsWith('FST_') && typeof status === 'number' && status < 500) ||
    /unexpected end of (form|multipart)|malformed|multipart|boundary|part header/i.test(error.message);
  if (!isParserError) return error;
  if (status === 413)
    return new AppError('payload_too_large', 'a file may be at most 10 MB', [{ path: 'file', message: 'over 10 MB' }]);
  return new AppError('bad_request', 'the multipart body could not be read', [
    { path: 'file', message: 'malformed multipart body' },
  ]);
}

export const attachmentsRoutes: FastifyPluginAsyncZod = async (app) => {
  // Only this plugin parses multipart; a size over the limit stops the stream (and answers 413).
  await app.register(multipart, {
    limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 0, parts: 1, headerPairs: 50 },
    throwFileSizeLimit: false,
  });

  app.post(
    '/uploads',
    {
      // A declared length over the limit is refused before any of the body is read.
      onRequest: async (request) => {
        const length = Number(request.headers['content-length'] ?? 0);
        if (length > MAX_FILE_BYTES + ENVELOPE_BYTES)
          throw new AppError('payload_too_large', 'a file may be at most 10 MB', [
            { path: 'file', message: 'over 10 MB' },
          ]);
      },
      preHandler: authorize(...EVERYONE),
      schema: {
        operationId: 'createUpload',
        tags,
        summary: 'Upload one photo or document (multipart, field `file`) to attach to a case or message',
        consumes: ['multipart/form-data'],
        documentedBody: {
          type: 'object',
          required: ['file'],
          properties: {
            file: { type: 'string', format: 'binary', description: 'A photo (JPEG, PNG, WebP, HEIC) or a PDF.' },
          },
        },
        response: { 201: uploadSchema },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new AppError('unsupported_media_type', 'send the file as multipart/form-data in the field `file`');
      try {
        const part = await request.file();
        if (part?.fieldname !== 'file') {
          part?.file.resume();
          throw new AppError('bad_request', 'send one file in the field `file`', [
            { path: 'file', message: 'required' },
          ]);
        }
        const upload = await attachments.storeUpload(app.ctx, callerOf(request), {
          stream: part.file,
          name: part.filename,
          isTruncated: () => part.file.truncated,
        });
        return reply.code(201).send(upload);
      } catch (error) {
        throw asUploadError(error);
      }
    },
  );

  app.get(
    '/attachments/:id',
    {
      preHandler: authorize(...EVERYONE),
      schema: {
        operationId: 'getAttachment',
        tags,
        summary: 'Download an attachment (`?thumb=1`: the image thumbnail) with the rights of its message',
        params: attachmentParams,
        querystring: attachmentQuery,
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const file = await attachments.openDownload(app.ctx, caller, {
        id: request.params.id,
        thumbnail: request.query.thumb === '1',
        assertCaseVisible: (caseId) => assertCaseVisible(app.ctx, caller, caseId),
      });
      const isImage = file.contentType.startsWith('image/');
      reply
        .header('content-type', file.contentType)
        .header('content-disposition', disposition(isImage ? 'inline' : 'attachment', file.name))
        .header('x-content-type-options', 'nosniff')
        // Nothing in a downloaded file may run or load anything, even opened on our origin.
        .header('content-security-policy', "default-src 'none'; img-src 'self'; sandbox")
        .header('cache-control', 'private, max-age=3600');
      if (file.size !== undefined) reply.header('content-length', file.size);
      return reply.send(file.stream);
    },
  );
};
