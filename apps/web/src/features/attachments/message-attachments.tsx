import type { Attachment } from '@caseflow/contract';
import { VisuallyHidden } from '@mantine/core';
import { formatFileSize } from '../../lib/format';
import classes from './attachments.module.css';
import { FileIcon } from './file-icon';

const isImage = (attachment: Attachment) => attachment.contentType.startsWith('image/');

/** A file as a chip: name and size. Images open in a new tab (served inline); documents download. */
function FileChip({ attachment }: { attachment: Attachment }) {
  const opensInTab = isImage(attachment);
  return (
    <a
      className={classes.chip}
      href={attachment.url}
      {...(opensInTab ? { target: '_blank', rel: 'noopener' } : {})}
      title={attachment.name}
    >
      <FileIcon isPdf={attachment.contentType === 'application/pdf'} size={20} />
      <span className={classes.chipName}>{attachment.name}</span>
      <span>{formatFileSize(attachment.size)}</span>
      {opensInTab && <VisuallyHidden>(opens in a new tab)</VisuallyHidden>}
    </a>
  );
}

/**
 * A message's photos and documents, under its text: images as thumbnails opening the full image in a
 * new tab, the rest (and images without a thumbnail, such as HEIC) as chips. The URLs are same-origin
 * and answered with the session cookie, so an <img> and a link need nothing more.
 */
export function MessageAttachments({ attachments }: { attachments: Attachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <ul className={classes.attachments} aria-label="Attachments">
      {attachments.map((attachment) => (
        <li key={attachment.id}>
          {isImage(attachment) && attachment.thumbnailUrl ? (
            <a href={attachment.url} target="_blank" rel="noopener" title={attachment.name}>
              <img src={attachment.thumbnailUrl} alt={attachment.name} loading="lazy" className={classes.thumbnail} />
              <VisuallyHidden>(opens in a new tab)</VisuallyHidden>
            </a>
          ) : (
            <FileChip attachment={attachment} />
          )}
        </li>
      ))}
    </ul>
  );
}
