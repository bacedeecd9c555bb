import { ATTACHMENT_LIMIT } from '@caseflow/contract';
import { Button, CloseButton, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { type DragEvent, useId, useRef, useState } from 'react';
import { formatFileSize } from '../../lib/format';
import classes from './attachments.module.css';
import { FileIcon } from './file-icon';
import { ACCEPTED_TYPES, type AttachmentPickerState, type PickedFile } from './use-attachment-picker';

const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

function PickedFileRow({ item, onRemove }: { item: PickedFile; onRemove: () => void }) {
  const { name, size, type } = item.file;
  // A file that only claims to be an image (the server will say so) shows the icon, not a broken image.
  const [isUndecodable, setUndecodable] = useState(false);
  return (
    <li className={classes.item}>
      {item.previewUrl && !isUndecodable ? (
        <img
          src={item.previewUrl}
          alt={`Preview of ${name}`}
          className={classes.preview}
          onError={() => setUndecodable(true)}
        />
      ) : (
        <span className={classes.icon}>
          <FileIcon isPdf={type === 'application/pdf' || name.toLowerCase().endsWith('.pdf')} />
        </span>
      )}
      <div className={classes.details}>
        <Text size="sm" truncate="end">
          {name}
        </Text>
        {item.state === 'failed' ? (
          <Text size="xs" c="red.9">
            {item.error}
          </Text>
        ) : (
          <Text size="xs" c="dimmed">
            {formatFileSize(size)}
            {item.state === 'uploading' && ' · uploading'}
          </Text>
        )}
        {item.state === 'uploading' && (
          <Progress value={item.progress} size="sm" mt={4} aria-label={`Uploading ${name}`} />
        )}
      </div>
      <CloseButton aria-label={`Remove ${name}`} onClick={onRemove} />
    </li>
  );
}

/**
 * Photos and documents for a message: picked with the button, dropped on the zone or pasted into the
 * form (wire `picker.handlePaste` to the form's onPaste). Each one uploads at once and shows its
 * progress, then its preview, or why it was refused.
 */
export function AttachmentPicker({ picker }: { picker: AttachmentPickerState }) {
  const hintId = useId();
  const reset = useRef<() => void>(null);
  const [isDragging, setDragging] = useState(false);

  const onDrop = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    setDragging(false);
    picker.add(Array.from(event.dataTransfer.files));
  };

  return (
    <Stack gap="xs">
      <section
        aria-label="Add attachments"
        className={classes.dropzone}
        data-dragging={isDragging || undefined}
        onDragOver={(event) => {
          if (!carriesFiles(event)) return;
          // Without this the browser would open the dropped file in place of the app.
          event.preventDefault();
          event.dataTransfer.dropEffect = picker.isFull ? 'none' : 'copy';
          setDragging(true);
        }}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <Group gap="sm">
          <FileButton
            multiple
            accept={ACCEPTED_TYPES}
            resetRef={reset}
            onChange={(files) => {
              picker.add(files);
              // The same file picked again (after removing it) must fire a change again.
              reset.current?.();
            }}
            inputProps={{ 'aria-label': 'Add photos or documents' }}
          >
            {(props) => (
              <Button {...props} variant="default" size="xs" disabled={picker.isFull} aria-describedby={hintId}>
                Add photos or documents
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed" id={hintId}>
            {picker.isFull
              ? `${ATTACHMENT_LIMIT} files is the most one message takes.`
              : `Or drop or paste them here. JPEG, PNG, WebP, HEIC or PDF, up to 10 MB each, ${ATTACHMENT_LIMIT} at most.`}
          </Text>
        </Group>
      </section>
      {picker.notice && (
        <Text size="sm" c="red.9" role="alert">
          {picker.notice}
        </Text>
      )}
      {picker.files.length > 0 && (
        <ul className={classes.list} aria-label="Files to send" aria-live="polite">
          {picker.files.map((item) => (
            <PickedFileRow key={item.key} item={item} onRemove={() => picker.remove(item.key)} />
          ))}
        </ul>
      )}
    </Stack>
  );
}
