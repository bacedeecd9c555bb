import { type Case, REOPEN_WINDOW_MS, type User } from '@caseflow/contract';
import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../lib/api-client';
import { useReopenCase, useResolveCase, useUpdateCase } from './api';
import { NotifyAction } from './notify-form';
import { TransferAction } from './transfer-form';

const fail = (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error) });

/**
 * What the caller may do with the case: staff set pending/open, transfer, notify and resolve; owners reopen.
 * Priority, category and tags are changed in the triage panel.
 */
export function CaseActions({ item, me }: { item: Case; me: User }) {
  const update = useUpdateCase(item.id);
  const resolve = useResolveCase();
  const reopen = useReopenCase(item.id);
  const navigate = useNavigate();
  const isActive = item.status === 'open' || item.status === 'pending';

  if (me.role === 'customer') {
    const canReopen =
      item.status === 'resolved' &&
      item.resolvedAt !== null &&
      Date.now() - Date.parse(item.resolvedAt) < REOPEN_WINDOW_MS;
    return canReopen ? (
      <Button variant="light" loading={reopen.isPending} onClick={() => reopen.mutate(undefined, { onError: fail })}>
        Reopen case
      </Button>
    ) : null;
  }
  return (
    <Group wrap="wrap">
      {isActive && (
        <Button
          variant="default"
          loading={update.isPending}
          onClick={() => update.mutate({ status: item.status === 'open' ? 'pending' : 'open' }, { onError: fail })}
        >
          {item.status === 'open' ? 'Set pending' : 'Set open'}
        </Button>
      )}
      {item.status !== 'resolved' && <TransferAction item={item} />}
      <NotifyAction item={item} isAdmin={me.role === 'admin'} />
      {item.status !== 'resolved' && (
        <Button
          // teal.9: white text on the theme's teal.6 is under 4.5:1.
          color="teal.9"
          loading={resolve.isPending}
          onClick={() =>
            resolve.mutate(item.id, {
              onSuccess: () => {
                notifications.show({ color: 'teal', message: `${item.number} resolved.` });
                if (item.assignee?.id === me.id) navigate('/workspace');
              },
              onError: fail,
            })
          }
        >
          Resolve
        </Button>
      )}
    </Group>
  );
}
