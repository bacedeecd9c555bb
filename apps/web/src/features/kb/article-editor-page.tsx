import { Stack, Text } from '@mantine/core';
import { useParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useArticle } from './api';
import { ArticleForm } from './article-form';

/** `/kb/new` writes an article; `/kb/:slug/edit` edits one (drafts included: staff only). */
export default function ArticleEditorPage() {
  const slug = useParams().slug ?? null;
  const article = useArticle(slug);
  if (slug === null) {
    return (
      <Stack>
        <PageTitle title="New article">New article</PageTitle>
        <ArticleForm article={null} />
      </Stack>
    );
  }
  return (
    <QueryState query={article}>
      {(data) => (
        <Stack>
          <PageTitle title={`Edit ${data.title}`}>Edit article</PageTitle>
          <Text size="sm" c="gray.7">
            {data.author ? `Written by ${data.author.name}. ` : ''}
            {data.status === 'published'
              ? 'Published: customers see every saved change at once.'
              : 'A draft: only staff see it.'}
          </Text>
          <ArticleForm key={data.slug} article={data} />
        </Stack>
      )}
    </QueryState>
  );
}
