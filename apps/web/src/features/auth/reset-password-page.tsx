import { passwordSchema } from '@caseflow/contract';
import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { api, errorMessage } from '../../lib/api-client';
import { zodErrors } from '../../lib/forms';
import { AuthCard } from './auth-card';

const newPasswordForm = z
  .object({ password: passwordSchema, confirm: z.string() })
  .refine((values) => values.password === values.confirm, { path: ['confirm'], message: 'the passwords differ' });

export default function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirm = useMutation({
    mutationFn: (password: string) => api<void>('POST', '/auth/password-reset/confirm', { token, password }),
  });
  const form = useForm({ initialValues: { password: '', confirm: '' }, validate: zodErrors(newPasswordForm) });

  return (
    <AuthCard title="Choose a new password" error={confirm.isError ? errorMessage(confirm.error) : null}>
      {confirm.isSuccess ? (
        <Alert color="teal" role="status">
          Your password is set.{' '}
          <Anchor component={Link} to="/login">
            Sign in
          </Anchor>{' '}
          with it now.
        </Alert>
      ) : !token ? (
        <Alert color="red">This page needs the link from the email. Ask for a new one.</Alert>
      ) : (
        <form onSubmit={form.onSubmit((values) => confirm.mutate(values.password))} noValidate>
          <Stack>
            <PasswordInput
              label="New password"
              autoComplete="new-password"
              required
              {...form.getInputProps('password')}
            />
            <PasswordInput label="Repeat it" autoComplete="new-password" required {...form.getInputProps('confirm')} />
            <Button type="submit" loading={confirm.isPending}>
              Set password
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
