import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { errorMessage } from '../../lib/api-client';
import { DANGER, modalCloseProps } from './feedback';

/** A destructive action's last word: says what will happen, shows why it failed, and cancels by default. */
export function ConfirmModal({
  opened,
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
  isPending,
  error,
  returnFocus,
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  isPending: boolean;
  error: unknown;
  /** Where focus goes once the dialog is gone, when the element that opened it may no longer exist. */
  returnFocus?: () => void;
}) {
  return (
    <Modal
      {...modalCloseProps}
      opened={opened}
      onClose={onClose}
      title={title}
      {...(returnFocus ? { returnFocus: false, onExitTransitionEnd: returnFocus } : {})}
    >
      <Stack>
        {children}
        {error ? (
          <Alert color="red" role="alert">
            {errorMessage(error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color={DANGER} onClick={onConfirm} loading={isPending}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** "1 active case", "3 active cases". */
export const countOf = (count: number, singular: string, plural = `${singular}s`) =>
  `${count} ${count === 1 ? singular : plural}`;
