import type { KbSearchHit } from '@caseflow/contract';
import { Alert, Anchor, Button, Center, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { errorMessage } from '../../lib/api-client';
import { useArticle } from './api';
import { ArticleBody } from './article-body';
import classes from './suggested-article-modal.module.css';

/**
 * A suggested article, read without leaving the form, ending in the customer's answer: it helped (no
 * case) or they still need help (back to the form, their text as it was).
 */
export function SuggestedArticleModal({
  hit,
  opened,
  onClose,
  onAnswered,
  onStillNeedHelp,
}: {
  hit: KbSearchHit | null;
  opened: boolean;
  onClose: () => void;
  onAnswered: (hit: KbSearchHit) => void;
  onStillNeedHelp: (hit: KbSearchHit) => void;
}) {
  const article = useArticle(opened && hit ? hit.slug : null);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={hit?.title}
      size="lg"
      styles={{ title: { fontSize: 'var(--mantine-font-size-xl)', fontWeight: 700 } }}
    >
      {hit && (
        <Stack>
          {article.isPending ? (
            <Center py="lg">
              <Loader aria-label="Loading the article" />
            </Center>
          ) : article.isError ? (
            <Alert color="red" role="alert">
              {errorMessage(article.error)}
            </Alert>
          ) : (
            <ArticleBody html={article.data.html} />
          )}
          <Text size="sm">
            <Anchor href={`/help/${hit.slug}`} target="_blank" rel="noopener" c="indigo.8">
              Open in the help center (new tab)
            </Anchor>
          </Text>
          {/* Stays in view while a long article scrolls under it. */}
          <Stack gap="xs" className={classes.answer}>
            <Text size="sm" fw={600}>
              Did this answer your question?
            </Text>
            <Group>
              <Button onClick={() => onAnswered(hit)}>This answered my question</Button>
              <Button variant="default" onClick={() => onStillNeedHelp(hit)}>
                I still need help
              </Button>
            </Group>
          </Stack>
        </Stack>
      )}
    </Modal>
  );
}
