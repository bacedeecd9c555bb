/** What other features may use of attachments (SPEC §12). */
export {
  attachCaseDocument,
  attachmentsByMessage,
  attachUploads,
  deleteAttachmentsOf,
  sweepUploads,
} from './attachments.service.js';
export { type FileStorage, localDiskStorage } from './storage.js';
export { createUploadSweeper } from './upload-sweeper.js';
