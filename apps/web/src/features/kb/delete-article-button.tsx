import type { Article } from '@caseflow/contract';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../lib/api-client';
import { useDeleteArticle } from './api';

// red.9 on white (and white on it) reaches 5.5:1; the theme's red.6 only 3.3:1.
const DANGER = 'red.9';

/** Deleting asks first, says what goes with the article, and cancels by default. */
export function DeleteArticleButton({ article }: { article: Article }) {
  const navigate = useNavigate();
  const remove = useDeleteArticle();
  const [opened, { open, close }] = useDisclosure();
  const cancel = () => {
    remove.reset();
    close();
  };
  return (
    <>
      <Button variant="outline" color={DANGER} onClick={open}>
        Delete article
      </Button>
      <Modal opened={opened} onClose={cancel} title="Delete this article?">
        <Stack>
          <Text size="sm">
            “{article.title}” leaves the help center, search and the suggestions customers see at once. Links to /help/
            {article.slug} stop working. This cannot be undone.
          </Text>
          {remove.isError && (
            <Alert color="red" role="alert">
              {errorMessage(remove.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={cancel} data-autofocus>
              Cancel
            </Button>
            <Button
              color={DANGER}
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(article.slug, {
                  onSuccess: () => {
                    notifications.show({ color: 'teal', message: `“${article.title}” is deleted.` });
                    close();
                    navigate('/kb', { replace: true });
                  },
                })
              }
            >
              Delete article
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
