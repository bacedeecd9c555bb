import { signupBody } from '@caseflow/contract';
import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../lib/api-client';
import { useSignIn } from '../../lib/auth';
import { serverFieldErrors, zodErrors } from '../../lib/forms';
import { AuthCard } from './auth-card';

export default function SignupPage() {
  const signIn = useSignIn();
  const navigate = useNavigate();
  const form = useForm({ initialValues: { name: '', email: '', password: '' }, validate: zodErrors(signupBody) });

  const submit = form.onSubmit((values) =>
    signIn.mutate(
      { mode: 'signup', ...values },
      {
        onSuccess: () => navigate('/cases/new', { replace: true }),
        onError: (error) => form.setErrors(serverFieldErrors(error)),
      },
    ),
  );

  return (
    <AuthCard title="Create your account" error={signIn.isError ? errorMessage(signIn.error) : null}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Your name" autoComplete="name" required {...form.getInputProps('name')} />
          <TextInput label="Email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
          <PasswordInput
            label="Password"
            description="At least 10 characters"
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={signIn.isPending}>
            Create account
          </Button>
          <Text size="sm">
            Already have an account?{' '}
            <Anchor component={Link} to="/login">
              Sign in
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
