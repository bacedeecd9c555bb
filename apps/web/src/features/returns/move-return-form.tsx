import { type CaseReturn, moveReturnBody, type ReturnState } from '@caseflow/contract';
import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../lib/api-client';
import { serverFieldErrors, zodErrors } from '../../lib/forms';
import { AttachmentPicker, useAttachmentPicker } from '../attachments';
import { useMoveReturn } from './api';
import { MOVE_LABELS, MOVE_MEANINGS, STATE_LABELS } from './return-states';

type Values = { reason: string };

/**
 * One move's confirm: what the customer will be told, a reason (required to reject, optional otherwise)
 * and, to send a label, its document. Checked with the API's own schema, then by the server, whose
 * refusals (a 409 when someone moved it first) show here.
 */
export function MoveReturnForm({
  caseId,
  caseReturn,
  to,
  onDone,
  onCancel,
}: {
  caseId: number;
  caseReturn: CaseReturn;
  to: ReturnState;
  onDone: () => void;
  onCancel: () => void;
}) {
  const move = useMoveReturn(caseId);
  const picker = useAttachmentPicker();
  const needsLabel = to === 'label_sent';
  const isRejection = to === 'rejected';

  const toBody = (values: Values) => ({
    to,
    ...(values.reason.trim() ? { reason: values.reason } : {}),
    ...(needsLabel && picker.attachmentIds.length === 1 ? { attachmentId: picker.attachmentIds[0] } : {}),
  });
  const form = useForm<Values>({
    initialValues: { reason: '' },
    validate: (values) => {
      const errors = zodErrors(moveReturnBody)(toBody(values));
      if (needsLabel && picker.attachmentIds.length > 1) errors.attachmentId = 'Attach one label: remove the others.';
      else if (errors.attachmentId) errors.attachmentId = 'Attach the label (a PDF or an image) first.';
      return errors;
    },
  });

  const submit = form.onSubmit((values) => {
    if (picker.isUploading) return;
    move.mutate(moveReturnBody.parse(toBody(values)), {
      onSuccess: () => {
        notifications.show({
          color: 'teal',
          message: `Return ${caseReturn.rma} is ${STATE_LABELS[to].toLowerCase()}; the customer has been emailed.`,
        });
        onDone();
      },
      onError: (error) => form.setErrors(serverFieldErrors(error)),
    });
  });

  const labelError = form.errors.attachmentId;
  // Field errors sit on their field; anything else (the 409's reason) needs the alert.
  const hasFieldError = Object.keys(serverFieldErrors(move.error)).some(
    (path) => path === 'reason' || path === 'attachmentId',
  );
  return (
    <form onSubmit={submit} onPaste={needsLabel ? picker.handlePaste : undefined} noValidate>
      <Stack>
        <Text size="sm">{MOVE_MEANINGS[to]}</Text>
        {move.isError && !hasFieldError && (
          <Alert color="red" role="alert" title="The return was not moved">
            {errorMessage(move.error)}
          </Alert>
        )}
        {needsLabel && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Return label (required): a PDF or an image the customer prints
            </Text>
            <AttachmentPicker picker={picker} />
            {labelError && (
              <Text size="sm" c="red.9" role="alert">
                {labelError}
              </Text>
            )}
          </Stack>
        )}
        <Textarea
          label="Reason"
          description={
            isRejection
              ? 'Required: the customer sees it in the mail and on their case.'
              : 'Optional: the customer sees it in the mail and on their case.'
          }
          required={isRejection}
          autosize
          minRows={2}
          maxLength={1000}
          data-autofocus
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button
            type="submit"
            // red.9 and teal.9 keep white text at 4.5:1 or better.
            color={isRejection ? 'red.9' : 'teal.9'}
            loading={move.isPending}
            disabled={picker.isUploading}
          >
            {MOVE_LABELS[to]}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
