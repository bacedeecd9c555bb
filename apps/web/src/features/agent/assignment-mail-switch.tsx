import { Switch } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../lib/api-client';
import { useAgent, useSetNotifyOnAssignment } from './api';

/** An agent's opt-in to an email for each case assigned to them (off unless they turn it on). */
export function AssignmentMailSwitch({ agentId }: { agentId: number }) {
  const agent = useAgent(agentId);
  const setNotify = useSetNotifyOnAssignment(agentId);
  return (
    <Switch
      label="Email me when a case is assigned to me"
      description="Each email links to the case and has an unsubscribe link."
      checked={agent.data?.notifyOnAssignment ?? false}
      disabled={agent.isPending || setNotify.isPending}
      onChange={(event) =>
        setNotify.mutate(event.currentTarget.checked, {
          onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
        })
      }
    />
  );
}
