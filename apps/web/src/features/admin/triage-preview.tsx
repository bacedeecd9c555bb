import { type TriageRecord, triagePreviewBody } from '@caseflow/contract';
import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ReactNode } from 'react';
import { PriorityBadge } from '../../components/badges';
import { errorMessage } from '../../lib/api-client';
import { zodErrors } from '../../lib/forms';
import { categoryLabels } from '../cases/options';
import { ConfidenceMeter, TriageWhy, useTriagePreview } from '../triage';
import { MUTED } from './feedback';

function Decision({ label, confidence, children }: { label: string; confidence: number; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="xs" c={MUTED} tt="uppercase" fw={700}>
        {label}
      </Text>
      <div>{children}</div>
      <ConfidenceMeter value={confidence} label={`Confidence in the ${label.toLowerCase()}`} />
    </Stack>
  );
}

function PreviewResult({ record }: { record: TriageRecord }) {
  return (
    <Paper withBorder p="md" aria-label="Triage result" component="section">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Decision label="Category" confidence={record.confidence.category}>
            <Text size="sm" fw={600}>
              {categoryLabels[record.category]}
            </Text>
          </Decision>
          <Decision label="Priority" confidence={record.confidence.priority}>
            <PriorityBadge priority={record.priority} />
          </Decision>
          <Decision label="Tags" confidence={record.confidence.tags}>
            {record.tags.length ? (
              <Group gap={4}>
                {record.tags.map((tag) => (
                  <Badge key={tag} variant="light" color="gray.8" tt="none">
                    {tag}
                  </Badge>
                ))}
              </Group>
            ) : (
              <Text size="sm">No tags</Text>
            )}
          </Decision>
        </SimpleGrid>
        <TriageWhy triage={record} />
      </Stack>
    </Paper>
  );
}

/** A message in, triage's answer out: nothing is created, so admins can probe the model freely. */
export function TriagePreview() {
  const preview = useTriagePreview();
  const form = useForm({ initialValues: { subject: '', description: '' }, validate: zodErrors(triagePreviewBody) });
  return (
    <Stack gap="sm">
      <form onSubmit={form.onSubmit((values) => preview.mutate(values))} noValidate>
        <Stack gap="sm">
          <TextInput label="Subject" {...form.getInputProps('subject')} />
          <Textarea label="Description" autosize minRows={3} maxRows={10} {...form.getInputProps('description')} />
          <Group>
            <Button type="submit" variant="light" loading={preview.isPending}>
              Triage this message
            </Button>
          </Group>
        </Stack>
      </form>
      {preview.isError && (
        <Alert color="red" role="alert">
          {errorMessage(preview.error)}
        </Alert>
      )}
      {preview.isSuccess && <PreviewResult record={preview.data} />}
    </Stack>
  );
}
