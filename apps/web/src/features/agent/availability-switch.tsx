import { Switch } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../lib/api-client';
import { useAgent, useSetAvailability } from './api';

/** Always in the header for agents: available takes cases at once, away hands unanswered ones back. */
export function AvailabilitySwitch({ agentId }: { agentId: number }) {
  const agent = useAgent(agentId);
  const setAvailability = useSetAvailability(agentId);
  const isAvailable = agent.data?.availability === 'available';
  return (
    <Switch
      label={isAvailable ? 'Available' : 'Away'}
      checked={isAvailable}
      disabled={agent.isPending || setAvailability.isPending}
      color="teal"
      onChange={(event) =>
        setAvailability.mutate(event.currentTarget.checked ? 'available' : 'away', {
          onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
        })
      }
    />
  );
}
