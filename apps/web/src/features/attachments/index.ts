// The attachments feature's door: what other features may use.
export { AttachmentPicker } from './attachment-picker';
export { MessageAttachments } from './message-attachments';
export { type Uploader, uploadFile } from './upload';
export { type AttachmentPickerState, type PickedFile, useAttachmentPicker } from './use-attachment-picker';
