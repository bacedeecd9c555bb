import { Alert, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useId } from 'react';
import { errorMessage } from '../../lib/api-client';
import { useMarkdownPreview } from './api';
import { ArticleBody } from './article-body';

const DEBOUNCE_MS = 400;

/** The body as the help center will show it, rendered by the server a moment after typing stops. */
export function MarkdownPreview({ body }: { body: string }) {
  const headingId = useId();
  const [debounced] = useDebouncedValue(body, DEBOUNCE_MS);
  const preview = useMarkdownPreview(debounced);
  const isEmpty = debounced.trim() === '';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} h="100%">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h5" id={headingId}>
            Preview
          </Title>
          {(preview.isFetching || debounced !== body) && <Loader size="xs" aria-label="Updating the preview" />}
        </Group>
        {isEmpty ? (
          <Text size="sm" c="gray.7">
            Write the body in Markdown and see it here as customers will.
          </Text>
        ) : preview.isError ? (
          <Alert color="red" role="alert" title="Could not render the preview">
            {errorMessage(preview.error)}
          </Alert>
        ) : preview.data !== undefined ? (
          <ArticleBody html={preview.data} />
        ) : null}
      </Stack>
    </Paper>
  );
}
