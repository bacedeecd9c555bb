import { Alert, Switch } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../lib/api-client';
import { useMailPreferences, useSetMailPreferences } from './api';

/** A customer's case emails (a reply from support, a resolution); the mails' unsubscribe link turns the same switch off. */
export function CaseEmailsSwitch() {
  const preferences = useMailPreferences();
  const setPreferences = useSetMailPreferences();
  if (preferences.isError) return <Alert color="red">{errorMessage(preferences.error)}</Alert>;
  return (
    <Switch
      label="Email me when support replies to or resolves one of my cases"
      description="Each email also has a link to unsubscribe at once."
      checked={preferences.data?.caseEmails ?? false}
      disabled={preferences.isPending || setPreferences.isPending}
      onChange={(event) =>
        setPreferences.mutate(
          { caseEmails: event.currentTarget.checked },
          { onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }) },
        )
      }
    />
  );
}
