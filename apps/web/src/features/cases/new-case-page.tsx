import { Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { NewCaseForm } from './new-case-form';

export default function NewCasePage() {
  const navigate = useNavigate();
  return (
    <Stack maw={760}>
      <PageTitle title="Report a case">Report a case</PageTitle>
      <Text c="dimmed">
        Tell us about the order and what went wrong. A support agent picks it up right away when one is free.
      </Text>
      <Paper withBorder p="md">
        <NewCaseForm
          onCreated={(created) => {
            notifications.show({
              color: 'teal',
              message: created.assignee
                ? `${created.number} is with ${created.assignee.name}.`
                : `${created.number} is in the queue; the next free agent takes it.`,
            });
            navigate(`/cases/${created.id}`);
          }}
        />
      </Paper>
    </Stack>
  );
}
