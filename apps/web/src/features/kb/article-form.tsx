import {
  ARTICLE_LIMITS,
  type Article,
  type ArticleStatus,
  type Category,
  createArticleBody,
  TAG_LIMIT,
} from '@caseflow/contract';
import {
  Alert,
  Button,
  Grid,
  Group,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../lib/api-client';
import { serverFieldErrors, zodErrors } from '../../lib/forms';
import { categoryOptions } from '../cases/options';
import { useCreateArticle, useUpdateArticle } from './api';
import { DeleteArticleButton } from './delete-article-button';
import { MarkdownPreview } from './markdown-preview';
import { slugFromTitle } from './slug';

type Values = {
  title: string;
  slug: string;
  category: Category | null;
  tags: string[];
  description: string;
  status: ArticleStatus;
  body: string;
};
const FIELDS = ['title', 'slug', 'category', 'tags', 'description', 'status', 'body'];

const valuesOf = (article: Article | null): Values => ({
  title: article?.title ?? '',
  slug: article?.slug ?? '',
  category: article?.category ?? null,
  tags: article?.tags ?? [],
  description: article?.description ?? '',
  status: article?.status ?? 'draft',
  body: article?.body ?? '',
});

/**
 * Typed tags become lower-case words, once each; a pasted or blurred "a, b" becomes two. What is still
 * no tag is the validator's to name.
 */
const normalizeTags = (tags: string[]) => [
  ...new Set(tags.flatMap((tag) => tag.toLowerCase().split(/[\s,]+/)).filter((tag) => tag !== '')),
];

/** `tags.2` has no input of its own: its message goes on the tags field. */
function onFields(errors: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) result[path.split('.')[0] ?? path] ??= message;
  return result;
}

function validate(values: Values): Record<string, string> {
  const errors = onFields(zodErrors(createArticleBody)(values));
  if (values.category === null) errors.category = 'Choose a category';
  return errors;
}

/** Writes a new article (`article` null) or edits one; a taken slug (409) and 422s land on their fields. */
export function ArticleForm({ article }: { article: Article | null }) {
  const navigate = useNavigate();
  const create = useCreateArticle();
  const update = useUpdateArticle();
  const mutation = article ? update : create;
  // A new article's slug follows its title until someone types a slug of their own.
  const [isSlugOwn, setSlugOwn] = useState(article !== null);
  const form = useForm<Values>({ initialValues: valuesOf(article), validate });

  const onError = (error: unknown) => form.setErrors(onFields(serverFieldErrors(error)));
  const onSaved = (saved: Article) => {
    notifications.show({
      color: 'teal',
      message:
        saved.status === 'published'
          ? `“${saved.title}” is saved and published.`
          : `“${saved.title}” is saved as a draft.`,
    });
    if (saved.slug !== article?.slug) navigate(`/kb/${saved.slug}/edit`, { replace: true });
    else form.resetDirty();
  };
  const submit = form.onSubmit((values) => {
    const body = createArticleBody.parse(values);
    if (article) update.mutate({ slug: article.slug, body }, { onSuccess: onSaved, onError });
    else create.mutate(body, { onSuccess: onSaved, onError });
  });

  const titleProps = form.getInputProps('title');
  const slugProps = form.getInputProps('slug');
  const tagsProps = form.getInputProps('tags');
  const fieldErrors = Object.keys(serverFieldErrors(mutation.error));
  const isErrorOnField = fieldErrors.some((path) => FIELDS.includes(path.split('.')[0] ?? path));

  return (
    <form onSubmit={submit} noValidate aria-label={article ? 'Edit article' : 'New article'}>
      <Stack>
        {mutation.isError && !isErrorOnField && (
          <Alert color="red" role="alert">
            {errorMessage(mutation.error)}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Title"
            required
            maxLength={ARTICLE_LIMITS.title}
            {...titleProps}
            onChange={(event) => {
              titleProps.onChange(event);
              if (!isSlugOwn) form.setFieldValue('slug', slugFromTitle(event.currentTarget.value));
            }}
          />
          <TextInput
            label="Slug"
            description={`The article's address: /help/${form.values.slug || '…'}`}
            descriptionProps={{ c: 'gray.7' }}
            required
            maxLength={80}
            autoComplete="off"
            spellCheck={false}
            {...slugProps}
            onChange={(event) => {
              slugProps.onChange(event);
              // Emptied, it follows the title again.
              setSlugOwn(event.currentTarget.value !== '');
            }}
          />
          <Select
            label="Category"
            placeholder="Choose a category"
            required
            data={categoryOptions}
            allowDeselect={false}
            {...form.getInputProps('category')}
          />
          <Radio.Group label="Status" {...form.getInputProps('status')}>
            <Group mt={8} gap="lg">
              <Radio value="draft" label="Draft (staff only)" />
              <Radio value="published" label="Published (in the help center)" />
            </Group>
          </Radio.Group>
          <TagsInput
            label="Tags"
            description={`Lower-case words, at most ${TAG_LIMIT}; a space or comma ends a tag.`}
            descriptionProps={{ c: 'gray.7' }}
            placeholder={form.values.tags.length < TAG_LIMIT ? 'Add a tag' : undefined}
            splitChars={[',', ' ']}
            maxTags={TAG_LIMIT}
            {...tagsProps}
            onChange={(tags) => tagsProps.onChange(normalizeTags(tags))}
          />
          <Textarea
            label="Description"
            description="One sentence for search results; left empty, the body's start is used."
            descriptionProps={{ c: 'gray.7' }}
            autosize
            minRows={2}
            maxLength={ARTICLE_LIMITS.description}
            {...form.getInputProps('description')}
          />
        </SimpleGrid>
        <Grid>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Textarea
              label="Body (Markdown)"
              description="Headings (##), lists (-), **bold**, [links](https://…). HTML is shown as text."
              descriptionProps={{ c: 'gray.7' }}
              required
              autosize
              minRows={14}
              maxRows={40}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              {...form.getInputProps('body')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <MarkdownPreview body={form.values.body} />
          </Grid.Col>
        </Grid>
        <Group justify="space-between">
          <Group gap="sm">
            <Button type="submit" loading={mutation.isPending}>
              {article ? 'Save' : 'Create article'}
            </Button>
            <Button component={Link} to="/kb" variant="default">
              Back to articles
            </Button>
          </Group>
          {article && <DeleteArticleButton article={article} />}
        </Group>
      </Stack>
    </form>
  );
}
