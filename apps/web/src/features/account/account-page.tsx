import { deleteAccountBody } from '@caseflow/contract';
import { Alert, Button, Modal, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { api, errorMessage } from '../../lib/api-client';
import { useMe } from '../../lib/auth';
import { serverFieldErrors, zodErrors } from '../../lib/forms';
import { AssignmentMailSwitch } from '../agent/assignment-mail-switch';
import { CaseEmailsSwitch } from './case-emails-switch';

/** Shows who you are, which emails you get, and lets a customer erase their account after a clear confirmation. */
export default function AccountPage() {
  const me = useMe().data;
  return (
    <Stack maw={640}>
      <PageTitle title="Account">Account</PageTitle>
      <Paper withBorder p="md">
        <Text>
          {me?.name} · {me?.email}
        </Text>
      </Paper>
      {(me?.role === 'customer' || me?.role === 'agent') && (
        <Paper withBorder p="md" component="section" aria-labelledby="email-settings">
          <Stack>
            <Title order={2} size="h4" id="email-settings">
              Emails
            </Title>
            {me.role === 'customer' ? <CaseEmailsSwitch /> : <AssignmentMailSwitch agentId={me.id} />}
          </Stack>
        </Paper>
      )}
      {me?.role === 'customer' && <DeleteAccount />}
    </Stack>
  );
}

function DeleteAccount() {
  const [opened, { open, close }] = useDisclosure();
  const client = useQueryClient();
  const navigate = useNavigate();
  const form = useForm({ initialValues: { password: '' }, validate: zodErrors(deleteAccountBody) });
  const remove = useMutation({
    mutationFn: (password: string) => api<void>('DELETE', '/auth/me', { password }),
    onSuccess: () => {
      client.clear();
      client.setQueryData(['me'], null);
      navigate('/login', { replace: true });
    },
    onError: (error) => form.setErrors(serverFieldErrors(error)),
  });

  return (
    <>
      <Paper withBorder p="md">
        <Stack>
          <Title order={2} size="h4">
            Delete my account
          </Title>
          <Text size="sm">
            Your name and email are erased and you are signed out everywhere. Your cases stay with the shop, anonymised,
            so returns in progress can still be completed.
          </Text>
          <Button color="red" variant="light" onClick={open} w="fit-content">
            Delete my account…
          </Button>
        </Stack>
      </Paper>
      <Modal opened={opened} onClose={close} title="Delete your account for good?">
        <form onSubmit={form.onSubmit((values) => remove.mutate(values.password))} noValidate>
          <Stack>
            <Alert color="red">This cannot be undone. Enter your password to confirm.</Alert>
            {remove.isError && !Object.keys(serverFieldErrors(remove.error)).length && (
              <Alert color="red" role="alert">
                {errorMessage(remove.error)}
              </Alert>
            )}
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <Button type="submit" color="red" loading={remove.isPending}>
              Delete my account
            </Button>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
