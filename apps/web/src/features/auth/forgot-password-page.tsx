import { passwordResetBody } from '@caseflow/contract';
import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, errorMessage } from '../../lib/api-client';
import { zodErrors } from '../../lib/forms';
import { AuthCard } from './auth-card';

export default function ForgotPasswordPage() {
  const request = useMutation({ mutationFn: (email: string) => api<void>('POST', '/auth/password-reset', { email }) });
  const form = useForm({ initialValues: { email: '' }, validate: zodErrors(passwordResetBody) });

  return (
    <AuthCard title="Reset your password" error={request.isError ? errorMessage(request.error) : null}>
      {request.isSuccess ? (
        <Alert color="teal" role="status">
          If an account exists for that address, we have sent it a link to choose a new password. The link works for one
          hour.
        </Alert>
      ) : (
        <form onSubmit={form.onSubmit((values) => request.mutate(values.email))} noValidate>
          <Stack>
            <TextInput label="Email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
            <Button type="submit" loading={request.isPending}>
              Send me a reset link
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/login" size="sm">
        Back to sign in
      </Anchor>
    </AuthCard>
  );
}
