import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Attachment, Upload } from '@caseflow/contract';
import type { AppContext, Caller } from '../../context.js';
import { isStaff } from '../../context.js';
import type { Trx } from '../../db/transaction.js';
import { AppError, invalid, notFound } from '../../http/app-error.js';
import * as repository from './attachments.repository.js';
import { allowedTypeOf, HEAD_BYTES, isImage, thumbnailOf } from './file-kind.js';

const DAY_MS = 24 * 3_600_000;
const NAME_CHARS = 200;

const urlOf = (id: string) => `/api/v1/attachments/${id}`;

/** A file name as a label only (it never names a file on disk): no path, no control characters, bounded. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, NAME_CHARS);
  return clean || 'file';
}

/**
 * Stores one uploaded file: streamed to disk (never whole in memory), then its type decided by its first
 * bytes; a type we do not take is removed again (415). `isTruncated` says the size limit cut the stream.
 */
export async function storeUpload(
  ctx: AppContext,
  caller: Caller,
  file: { stream: Readable; name: string; isTruncated: () => boolean },
): Promise<Upload> {
  const stored = await ctx.files.write(file.stream);
  const discard = () => ctx.files.remove(stored.key);
  if (file.isTruncated()) {
    await discard();
    throw new AppError('payload_too_large', 'a file may be at most 10 MB', [{ path: 'file', message: 'over 10 MB' }]);
  }
  const contentType = await allowedTypeOf(await ctx.files.readHead(stored.key, HEAD_BYTES));
  if (!contentType) {
    await discard();
    throw new AppError('unsupported_media_type', 'the file is not a JPEG, PNG, WebP or HEIC image or a PDF', [
      { path: 'file', message: 'JPEG, PNG, WebP, HEIC or PDF, judged by its content' },
    ]);
  }
  const thumbnail = isImage(contentType) ? await ctx.files.withLocalFile(stored.key, thumbnailOf) : undefined;
  const thumbnailKey = thumbnail ? (await ctx.files.writeBuffer(thumbnail)).key : null;
  const id = randomBytes(16).toString('base64url');
  const name = cleanName(file.name);
  await repository.insertAttachment(ctx.database.db, {
    id,
    uploader_id: caller.userId,
    name,
    size: stored.size,
    content_type: contentType,
    storage_key: stored.key,
    thumbnail_key: thumbnailKey,
    created_at: Date.now(),
  });
  return { id, name, size: stored.size, contentType };
}

const uploadNotFound = () =>
  new AppError('not_found', 'upload not found', [
    { path: 'attachmentIds', message: 'not an upload of yours that is free to attach' },
  ]);

/** In the message's transaction: the uploads become the message's attachments (404 if any is not the caller's to attach). */
export async function attachUploads(
  trx: Trx,
  attach: {
    ids: readonly string[];
    uploaderId: number;
    caseId: number;
    messageId: number;
    internal: boolean;
    now: number;
  },
) {
  if ((await repository.claimUploads(trx, attach)) !== attach.ids.length) throw uploadNotFound();
}

/**
 * A return's label (SPEC §12): the staff member's own upload becomes a file of the case, which its
 * customer may download; 422 naming `attachmentId` when it is not theirs to attach.
 */
export async function attachCaseDocument(
  trx: Trx,
  attach: { id: string; uploaderId: number; caseId: number; now: number },
) {
  const claimed = await repository.claimUploads(trx, {
    ids: [attach.id],
    uploaderId: attach.uploaderId,
    caseId: attach.caseId,
    messageId: null,
    internal: false,
    now: attach.now,
  });
  if (claimed !== 1) throw invalid('attachmentId', 'not an upload of yours that is free to attach');
}

/** The attachments of these messages (the caller may already read them), by message id. */
export async function attachmentsByMessage(ctx: AppContext, messageIds: readonly number[]) {
  const byMessage = new Map<number, Attachment[]>();
  for (const row of await repository.listForMessages(ctx.database.db, messageIds)) {
    if (row.message_id === null) continue;
    const list = byMessage.get(row.message_id) ?? [];
    list.push({
      id: row.id,
      name: row.name,
      size: row.size,
      contentType: row.content_type,
      url: urlOf(row.id),
      thumbnailUrl: row.thumbnail_key ? `${urlOf(row.id)}?thumb=1` : null,
    });
    byMessage.set(row.message_id, list);
  }
  return byMessage;
}

/**
 * A download, with the rights of the message it belongs to: an unattached upload is its uploader's only,
 * an internal note's files are staff's only; anyone else gets the 404 of a file that is not there.
 */
export async function openDownload(
  ctx: AppContext,
  caller: Caller,
  request: { id: string; thumbnail: boolean; assertCaseVisible: (caseId: number) => Promise<unknown> },
) {
  const { id, thumbnail } = request;
  const row = await repository.findAttachmentRow(ctx.database.db, id);
  if (!row) throw notFound('attachment');
  if (row.case_id === null) {
    if (row.uploader_id !== caller.userId) throw notFound('attachment');
  } else {
    await request.assertCaseVisible(row.case_id).catch(() => {
      throw notFound('attachment');
    });
    if (row.is_internal === 1 && !isStaff(caller)) throw notFound('attachment');
  }
  if (thumbnail && !row.thumbnail_key) throw notFound('thumbnail');
  const key = thumbnail && row.thumbnail_key ? row.thumbnail_key : row.storage_key;
  return {
    name: thumbnail ? `${row.name}.webp` : row.name,
    contentType: thumbnail ? 'image/webp' : row.content_type,
    size: thumbnail ? undefined : row.size,
    stream: ctx.files.read(key),
  };
}

/** The files of deleted messages or of a deleted account, after their rows went in `trx`'s commit. */
export async function deleteAttachmentsOf(
  ctx: AppContext,
  trx: Trx,
  of: { messageIds?: readonly number[]; uploaderId?: number },
) {
  const removed = await repository.deleteAttachmentRows(trx, of);
  return () => removeFiles(ctx, removed);
}

async function removeFiles(ctx: AppContext, rows: readonly { storage_key: string; thumbnail_key: string | null }[]) {
  for (const row of rows) {
    await ctx.files.remove(row.storage_key);
    if (row.thumbnail_key) await ctx.files.remove(row.thumbnail_key);
  }
}

/** Uploads never attached within a day, and files a crash left half-written: removed. */
export async function sweepUploads(ctx: AppContext, now = Date.now()) {
  const removed = await repository.deleteAttachmentRows(ctx.database.db, { unattachedBefore: now - DAY_MS });
  await removeFiles(ctx, removed);
  return { uploads: removed.length, partial: await ctx.files.sweepPartial(DAY_MS) };
}
