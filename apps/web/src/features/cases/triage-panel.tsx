import {
  type Case,
  type Category,
  type Priority,
  TAG_LIMIT,
  type TriageRecord,
  tagSchema,
  type UpdateCaseBody,
} from '@caseflow/contract';
import { Alert, Button, Group, Paper, Select, Stack, TagsInput, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { errorMessage } from '../../lib/api-client';
import { labelOf } from '../../lib/format';
import { ConfidenceMeter, TriageWhy } from '../triage';
import { useUpdateCase } from './api';
import { categoryLabels, categoryOptions, priorityOptions } from './options';

type Values = { category: Category | null; priority: Priority; tags: string[] };
type Field = keyof Values;

const valuesOf = (item: Case): Values => ({ category: item.category, priority: item.priority, tags: item.tags });
const sameTags = (a: string[], b: string[]) => a.join(' ') === b.join(' ');

/** Only what changed goes out: the API logs each change of a triaged value as a correction. */
function changesOf(item: Case, values: Values): UpdateCaseBody {
  return {
    ...(values.category && values.category !== item.category ? { category: values.category } : {}),
    ...(values.priority !== item.priority ? { priority: values.priority } : {}),
    ...(sameTags(values.tags, item.tags) ? {} : { tags: values.tags }),
  };
}

/** Typed tags become lower-case words, once each; anything else left over is the validator's to name. */
const normalizeTags = (tags: string[]) => [
  ...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag !== '')),
];

function tagsError(tags: string[]): string | null {
  if (tags.length > TAG_LIMIT) return `At most ${TAG_LIMIT} tags`;
  for (const tag of tags) {
    const result = tagSchema.safeParse(tag);
    if (!result.success) return `“${tag}”: ${result.error.issues[0]?.message ?? 'not a tag'}`;
  }
  return null;
}

const fieldNames = new Intl.ListFormat('en', { type: 'conjunction' });

/** How sure triage was, and what it chose when staff have since chosen otherwise. */
function TriageHint({ confidence, field, chose }: { confidence: number; field: string; chose: string | null }) {
  return (
    <Group gap="xs" wrap="wrap">
      <ConfidenceMeter value={confidence} label={`Triage's confidence in the ${field}`} />
      <Text size="xs" c="gray.7">
        {chose === null ? 'As triaged' : `Triage chose ${chose}`}
      </Text>
    </Group>
  );
}

function TriageForm({
  item,
  isSaving,
  onSave,
}: {
  item: Case;
  isSaving: boolean;
  onSave: (body: UpdateCaseBody) => void;
}) {
  const form = useForm<Values>({ initialValues: valuesOf(item), validate: { tags: tagsError } });
  const triage: TriageRecord | null = item.triage;
  const body = changesOf(item, form.values);
  const hasChanges = Object.keys(body).length > 0;
  const tagsProps = form.getInputProps('tags');
  return (
    <form onSubmit={form.onSubmit((values) => onSave(changesOf(item, values)))} noValidate>
      <Stack gap="sm">
        <Stack gap={4}>
          <Select
            label="Category"
            placeholder="Not set"
            data={categoryOptions}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('category')}
          />
          {triage && (
            <TriageHint
              field="category"
              confidence={triage.confidence.category}
              chose={triage.category === form.values.category ? null : categoryLabels[triage.category]}
            />
          )}
        </Stack>
        <Stack gap={4}>
          <Select
            label="Priority"
            data={priorityOptions}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('priority')}
          />
          {triage && (
            <TriageHint
              field="priority"
              confidence={triage.confidence.priority}
              chose={triage.priority === form.values.priority ? null : labelOf(triage.priority)}
            />
          )}
        </Stack>
        <Stack gap={4}>
          <TagsInput
            label="Tags"
            description={`Lower-case words, at most ${TAG_LIMIT}; a space or comma ends a tag.`}
            placeholder={form.values.tags.length < TAG_LIMIT ? 'Add a tag' : undefined}
            splitChars={[',', ' ']}
            maxTags={TAG_LIMIT}
            onMaxTags={() => form.setFieldError('tags', `At most ${TAG_LIMIT} tags`)}
            {...tagsProps}
            onChange={(tags) => tagsProps.onChange(normalizeTags(tags))}
          />
          {triage && (
            <TriageHint
              field="tags"
              confidence={triage.confidence.tags}
              chose={
                sameTags(triage.tags, form.values.tags) ? null : triage.tags.length ? triage.tags.join(', ') : 'no tags'
              }
            />
          )}
        </Stack>
        <Group gap="sm">
          <Button type="submit" loading={isSaving} disabled={!hasChanges}>
            Save triage
          </Button>
          {hasChanges && !isSaving && (
            <Button variant="default" onClick={() => form.reset()}>
              Undo changes
            </Button>
          )}
          <Text size="sm" role="status">
            {isSaving ? 'Saving…' : ''}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}

type Saved = { fields: Field[]; isCorrection: boolean };

function savedMessage({ fields, isCorrection }: Saved) {
  const names = fieldNames.format(fields);
  return isCorrection
    ? `Saved. The change of ${names} is recorded as a correction of triage; the next retrain learns from it.`
    : `Saved the ${names}.`;
}

/**
 * Staff only: category, priority and tags as triage decided them, how sure it was and why, and the one
 * place to change them. The form restarts from the case whenever the saved values change.
 */
export function TriagePanel({ item }: { item: Case }) {
  const update = useUpdateCase(item.id);
  const [saved, setSaved] = useState<Saved | null>(null);
  const save = (body: UpdateCaseBody) => {
    setSaved(null);
    update.mutate(body, {
      onSuccess: () => setSaved({ fields: Object.keys(body) as Field[], isCorrection: item.triage !== null }),
    });
  };
  const formKey = `${item.category}|${item.priority}|${item.tags.join(' ')}`;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        {item.triage === null && (
          <Text size="sm" c="gray.7">
            Triaged before triage existed: there is no confidence or reason to show, and changes here are not counted as
            corrections.
          </Text>
        )}
        <TriageForm key={formKey} item={item} isSaving={update.isPending} onSave={save} />
        {update.isError && (
          <Alert color="red" role="alert" title="Not saved">
            {errorMessage(update.error)}
          </Alert>
        )}
        {saved && !update.isPending && (
          <Alert color="teal" role="status">
            {savedMessage(saved)}
          </Alert>
        )}
        {item.triage && <TriageWhy triage={item.triage} />}
      </Stack>
    </Paper>
  );
}
