import { Alert, Center, Paper, Stack, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';

/** The narrow centered card that every sign-in page uses. */
export function AuthCard({ title, error, children }: { title: string; error?: string | null; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Caseflow`;
  }, [title]);
  return (
    <Center py="xl">
      <Paper withBorder shadow="sm" p="lg" w="100%" maw={420}>
        <Stack>
          <Title order={1} size="h2">
            {title}
          </Title>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}
