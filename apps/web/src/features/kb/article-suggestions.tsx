import type { KbSearchHit } from '@caseflow/contract';
import { Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useId, useState } from 'react';
import { useArticleSearch } from './api';
import classes from './article-suggestions.module.css';
import type { DeflectionSession } from './deflection';
import { SuggestedArticleModal } from './suggested-article-modal';

const SUGGESTIONS = 3;
const DEBOUNCE_MS = 300;

function statusOf(text: string, items: KbSearchHit[], isSearching: boolean): string {
  if (text.trim() === '') return 'Describe the problem and we suggest help articles that may answer it.';
  if (items.length > 0)
    return `${items.length === 1 ? '1 help article' : `${items.length} help articles`} may answer this. Open one to read it here.`;
  if (isSearching) return 'Looking for help articles…';
  return 'No help article matches yet. Keep describing the problem, or report the case.';
}

/**
 * Up to three published articles for what the customer has written so far, in a region of fixed
 * height (the form below never jumps); each opens in a dialog that ends in the customer's answer.
 */
export function ArticleSuggestions({
  text,
  session,
  onDeflected,
}: {
  text: string;
  session: DeflectionSession;
  onDeflected: (hit: KbSearchHit) => void;
}) {
  const headingId = useId();
  const [query] = useDebouncedValue(text, DEBOUNCE_MS);
  const suggestions = useArticleSearch('suggest', query, SUGGESTIONS);
  // A failed suggestion is no news for the customer: the form works as it did without them.
  const items = query.trim() === '' || suggestions.isError ? [] : (suggestions.data ?? []);
  // The dialog's article outlives its closing (the modal animates out).
  const [dialog, setDialog] = useState<{ hit: KbSearchHit; opened: boolean } | null>(null);
  const close = () => setDialog((current) => current && { ...current, opened: false });

  const slugs = items.map((item) => item.slug).join(' ');
  useEffect(() => {
    if (slugs) session.recordShown(slugs.split(' '));
  }, [slugs, session]);

  return (
    <Paper withBorder p="sm" bg="gray.0" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h5" id={headingId}>
        Suggested help articles
      </Title>
      <Text size="sm" c="gray.7" role="status" aria-live="polite" mb="xs">
        {statusOf(query, items, suggestions.isFetching)}
      </Text>
      <Stack component="ul" gap={4} className={classes.list}>
        {items.map((hit) => (
          <li key={hit.slug}>
            <UnstyledButton
              type="button"
              className={classes.item}
              onClick={() => {
                session.recordOpened(hit.slug);
                setDialog({ hit, opened: true });
              }}
            >
              <Text size="sm" fw={600} c="indigo.8" lineClamp={1}>
                {hit.title}
              </Text>
              <Text size="xs" c="gray.7" lineClamp={2}>
                {hit.snippet}
              </Text>
            </UnstyledButton>
          </li>
        ))}
      </Stack>
      <SuggestedArticleModal
        hit={dialog?.hit ?? null}
        opened={dialog?.opened === true}
        onClose={close}
        onAnswered={(hit) => {
          session.recordDeflected(hit.slug);
          close();
          onDeflected(hit);
        }}
        onStillNeedHelp={(hit) => {
          session.recordWentOn(hit.slug);
          close();
        }}
      />
    </Paper>
  );
}
