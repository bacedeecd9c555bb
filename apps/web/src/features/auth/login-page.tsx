import { Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { isEmail, isNotEmpty, useForm } from '@mantine/form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api-client';
import { homeOf, useSignIn } from '../../lib/auth';
import { AuthCard } from './auth-card';

export default function LoginPage() {
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // Signing in has no rules of its own to share with the server (an address and a password; the server
  // judges both), so the first page of most visits checks them with the form library's own validators
  // and loads no zod: 26 KB gzipped and about 14 ms of script less before the form shows (bench/lighthouse.ts).
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: { email: isEmail('Enter a valid email address'), password: isNotEmpty('Required') },
  });

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
