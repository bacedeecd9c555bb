import { loginBody } from '@caseflow/contract';
import { Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api-client';
import { homeOf, useSignIn } from '../../lib/auth';
import { zodErrors } from '../../lib/forms';
import { AuthCard } from './auth-card';

export default function LoginPage() {
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const form = useForm({ initialValues: { email: '', password: '' }, validate: zodErrors(loginBody) });

  const submit = form.onSubmit((values) =>
    signIn.mutate(
      { mode: 'login', ...values },
      { onSuccess: ({ user }) => navigate(params.get('next') ?? homeOf(user.role), { replace: true }) },
    ),
  );

  return (
    <AuthCard title="Sign in" error={signIn.isError ? errorMessage(signIn.error) : null}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={signIn.isPending}>
            Sign in
          </Button>
          <Group justify="space-between">
            <Anchor component={Link} to="/signup" size="sm">
              Create an account
            </Anchor>
            <Anchor component={Link} to="/forgot-password" size="sm">
              Forgot your password?
            </Anchor>
          </Group>
        </Stack>
      </form>
    </AuthCard>
  );
}
