import { Anchor, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { subscribeLive } from '../../lib/live-updates';

/**
 * The in-app half of "Notify…" (SPEC §11): the server sends `case.notified` to the chosen team's members
 * only, and each gets a notice linking to the case. The note itself is in their mail and on the case.
 */
export function useCaseNotices() {
  const navigate = useNavigate();
  useEffect(
    () =>
      subscribeLive('case.notified', ({ caseId }) => {
        const path = `/cases/${caseId}`;
        const id = `case-notified-${caseId}`;
        notifications.show({
          id,
          color: 'indigo',
          title: 'Your team is asked to look at a case',
          autoClose: false,
          message: (
            <Text size="sm">
              {/* The notices live outside the router, so the link navigates by hand rather than by <Link>. */}
              <Anchor
                href={path}
                c="indigo.8"
                onClick={(event) => {
                  event.preventDefault();
                  notifications.hide(id);
                  navigate(path);
                }}
              >
                Open the case
              </Anchor>
            </Text>
          ),
        });
      }),
    [navigate],
  );
}
