import type { KbSearchHit } from '@caseflow/contract';
import { Anchor, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useId, useState } from 'react';
import { errorMessage } from '../../lib/api-client';
import { useArticleSearch } from './api';

const RESULTS = 5;
const DEBOUNCE_MS = 300;

/** `[Title](https://shop.example/help/slug)`; brackets in the title are escaped so the link stays one link. */
export function articleLink(hit: Pick<KbSearchHit, 'title' | 'slug'>, origin = window.location.origin): string {
  const title = hit.title.replace(/[[\]\\]/g, (character) => `\\${character}`);
  return `[${title}](${origin}/help/${hit.slug})`;
}

/** Staff search published articles from a case and put a link to one in their reply. */
export function ArticleSearch({ onInsertLink }: { onInsertLink: (link: string) => void }) {
  const headingId = useId();
  const [text, setText] = useState('');
  const [query] = useDebouncedValue(text, DEBOUNCE_MS);
  const search = useArticleSearch('search', query, RESULTS);
  const items = query.trim() === '' ? [] : (search.data ?? []);

  const status =
    query.trim() === ''
      ? ''
      : search.isError
        ? errorMessage(search.error)
        : search.isPending
          ? 'Searching…'
          : items.length === 0
            ? 'No published article matches.'
            : `${items.length === 1 ? '1 article' : `${items.length} articles`} found.`;

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={3} size="h5" id={headingId}>
          Knowledge base
        </Title>
        <TextInput
          type="search"
          label="Search articles"
          placeholder="e.g. refund timing"
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        <Text size="sm" c={search.isError ? 'red.9' : 'gray.7'} role="status" aria-live="polite">
          {status}
        </Text>
        {items.length > 0 && (
          <Stack component="ul" gap="xs" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {items.map((hit) => (
              <li key={hit.slug}>
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Anchor href={`/help/${hit.slug}`} target="_blank" rel="noopener" size="sm" fw={600} c="indigo.8">
                      {hit.title}
                    </Anchor>
                    <Text size="xs" c="gray.7" lineClamp={2}>
                      {hit.snippet}
                    </Text>
                  </Stack>
                  <Button
                    size="compact-sm"
                    variant="default"
                    style={{ flexShrink: 0 }}
                    aria-label={`Insert link to ${hit.title}`}
                    onClick={() => onInsertLink(articleLink(hit))}
                  >
                    Insert link
                  </Button>
                </Group>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
