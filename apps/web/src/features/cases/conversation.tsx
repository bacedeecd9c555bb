import { createMessageBody, type Message, type User } from '@caseflow/contract';
import { ActionIcon, Alert, Badge, Button, Checkbox, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type ReactNode, useRef } from 'react';
import { QueryState } from '../../components/query-state';
import { errorMessage } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { zodErrors } from '../../lib/forms';
import { AttachmentPicker, MessageAttachments, useAttachmentPicker } from '../attachments';
import { useDeleteMessage, useMessages, usePostMessage } from './api';
import { TypingIndicator, useTypingNotifier } from './typing';

function MessageItem({
  message,
  me,
  isFirst,
  caseId,
}: {
  message: Message;
  me: User;
  isFirst: boolean;
  caseId: number;
}) {
  const remove = useDeleteMessage(caseId);
  const isMine = message.author.id === me.id;
  return (
    <Paper
      withBorder
      p="sm"
      bg={message.internal ? 'yellow.0' : isMine ? 'indigo.0' : undefined}
      aria-label={message.internal ? 'Internal note' : `Message from ${message.author.name}`}
    >
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Group gap="xs">
          <Text fw={600} size="sm">
            {message.author.name}
          </Text>
          {message.author.role !== 'customer' && (
            <Badge size="xs" variant="outline">
              Support
            </Badge>
          )}
          {message.internal && (
            <Badge size="xs" color="yellow">
              Internal note
            </Badge>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Text size="xs" c="dimmed">
            {formatDateTime(message.createdAt)}
          </Text>
          {isMine && !isFirst && (
            <ActionIcon
              variant="subtle"
              color="red"
              size="sm"
              aria-label="Delete message"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(message.id, {
                  onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
                })
              }
            >
              ×
            </ActionIcon>
          )}
        </Group>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {message.body}
      </Text>
      <MessageAttachments attachments={message.attachments} />
    </Paper>
  );
}

/** Puts text into the reply at its cursor (or over its selection), the cursor then after it. */
export type InsertIntoReply = (text: string) => void;

/** `text` between `before` and `after`, with a space on a side where it would touch a word. */
function spliced(before: string, text: string, after: string) {
  const lead = before === '' || /\s$/.test(before) ? '' : ' ';
  const trail = after === '' || /^\s/.test(after) ? '' : ' ';
  return { value: `${before}${lead}${text}${trail}${after}`, caret: before.length + lead.length + text.length };
}

function ReplyForm({
  caseId,
  isStaff,
  tools,
}: {
  caseId: number;
  isStaff: boolean;
  tools?: ((insert: InsertIntoReply) => ReactNode) | undefined;
}) {
  const post = usePostMessage(caseId);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const notifyTyping = useTypingNotifier(caseId);
  const attachments = useAttachmentPicker();
  const form = useForm({
    initialValues: { body: '', internal: false },
    validate: zodErrors(createMessageBody),
    // Edits of the text only; clearing it (after sending) is not typing.
    onValuesChange: (values, previous) => {
      if (values.body !== previous.body && values.body.trim() !== '') notifyTyping(values.internal);
    },
  });
  const insert: InsertIntoReply = (text) => {
    const body = form.getValues().body;
    const input = textarea.current;
    const start = input?.selectionStart ?? body.length;
    const end = input?.selectionEnd ?? body.length;
    const next = spliced(body.slice(0, start), text, body.slice(end));
    form.setFieldValue('body', next.value);
    // After React has put the new value in, so the cursor lands after the insertion.
    requestAnimationFrame(() => {
      input?.focus();
      input?.setSelectionRange(next.caret, next.caret);
    });
  };
  const send = (values: typeof form.values) => {
    if (attachments.isUploading) return;
    const { attachmentIds } = attachments;
    const body = attachmentIds.length > 0 ? { ...values, attachmentIds } : values;
    post.mutate(body, {
      onSuccess: () => {
        form.reset();
        attachments.clear();
      },
    });
  };
  return (
    <>
      <form onSubmit={form.onSubmit(send)} onPaste={attachments.handlePaste} noValidate aria-label="Reply">
        <Stack gap="xs">
          {post.isError && (
            <Alert color="red" role="alert">
              {errorMessage(post.error)}
            </Alert>
          )}
          <Textarea
            ref={textarea}
            label={form.values.internal ? 'Internal note' : 'Reply'}
            autosize
            minRows={3}
            {...form.getInputProps('body')}
          />
          <AttachmentPicker picker={attachments} />
          <Group justify="space-between">
            {isStaff ? (
              <Checkbox
                label="Internal note (the customer never sees it)"
                {...form.getInputProps('internal', { type: 'checkbox' })}
              />
            ) : (
              <span />
            )}
            <Button type="submit" loading={post.isPending} disabled={attachments.isUploading}>
              {form.values.internal ? 'Add note' : 'Send'}
            </Button>
          </Group>
        </Stack>
      </form>
      {/* Outside the form: Enter in a tool's search box must not send the reply. */}
      {tools?.(insert)}
    </>
  );
}

/**
 * The case's thread, newest last, with the reply box under it; `replyTools` (e.g. the knowledge base's
 * search) sit under the reply box and may put text into it.
 */
export function Conversation({
  caseId,
  me,
  replyTools,
}: {
  caseId: number;
  me: User;
  replyTools?: (insert: InsertIntoReply) => ReactNode;
}) {
  const messages = useMessages(caseId);
  return (
    <Stack>
      <QueryState query={messages} isEmpty={(items) => items.length === 0} empty="No messages yet.">
        {(items) => (
          <Stack gap="xs" aria-live="polite">
            {items.map((message, index) => (
              <MessageItem key={message.id} message={message} me={me} isFirst={index === 0} caseId={caseId} />
            ))}
          </Stack>
        )}
      </QueryState>
      <TypingIndicator caseId={caseId} />
      <ReplyForm caseId={caseId} isStaff={me.role !== 'customer'} tools={replyTools} />
    </Stack>
  );
}
