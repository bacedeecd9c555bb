import type { Mail } from '@caseflow/contract';
import { Alert, Anchor, Badge, Button, Center, Grid, Group, NavLink, Paper, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { formatDateTime, timeAgo } from '../../lib/format';
import { useMailbox } from './api';
import { LINK, MUTED } from './feedback';

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;
// Sentence punctuation right after a link belongs to the sentence, not the link.
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

/** Plain text with its http(s) links made clickable; nothing else is interpreted, so mail cannot inject markup. */
function LinkifiedText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let position = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    parts.push(text.slice(position, match.index));
    parts.push(
      <Anchor
        key={match.index}
        href={url}
        c={LINK}
        target="_blank"
        rel="noopener noreferrer"
        style={{ wordBreak: 'break-all' }}
      >
        {url}
      </Anchor>,
    );
    position = match.index + url.length;
  }
  parts.push(text.slice(position));
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {parts}
    </Text>
  );
}

function MailView({ mail, focusOnShow }: { mail: Mail; focusOnShow: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Moving focus to the opened message also scrolls it into view on a phone, where it sits under the list.
  useEffect(() => {
    if (focusOnShow && mail.id) heading.current?.focus();
  }, [focusOnShow, mail.id]);
  return (
    <Paper withBorder p="md" component="article" aria-labelledby="mail-subject">
      <Stack gap="sm">
        <Title order={2} size="h4" id="mail-subject" ref={heading} tabIndex={-1}>
          {mail.subject}
        </Title>
        <Group gap="xs">
          <Text size="sm">To {mail.to}</Text>
          <Text size="sm" c={MUTED}>
            · {formatDateTime(mail.createdAt)}
          </Text>
          {mail.sentAt && (
            <Badge size="sm" variant="light" color="teal">
              Sent by SMTP
            </Badge>
          )}
        </Group>
        <LinkifiedText text={mail.text} />
      </Stack>
    </Paper>
  );
}

/** The outbox: with no SMTP server, this is how password resets and invitations reach anyone. */
export default function MailPage() {
  const mailbox = useMailbox();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [hasChosen, setHasChosen] = useState(false);

  return (
    <Stack>
      <PageTitle title="Mailbox">Mailbox</PageTitle>
      <Alert color="blue" variant="light" title="Why mail is here">
        No SMTP server is configured (<code>SMTP_URL</code> is not set), so Caseflow keeps every email it would send
        here instead. Password resets and agent invitations still work: open the message and follow its link. Case
        emails to customers and agents are kept here too (their text; the HTML alternative carries the same content).
      </Alert>
      <QueryState
        query={mailbox}
        isEmpty={(items) => items.length === 0}
        empty="No mail yet. Password-reset links, agent invitations and case emails show up here."
      >
        {(items) => {
          const selected = items.find((mail) => mail.id === selectedId) ?? items[0];
          return (
            <Grid>
              <Grid.Col span={{ base: 12, md: 5 }}>
                <Stack gap={4} component="nav" aria-label="Messages">
                  {items.map((mail) => (
                    <NavLink
                      key={mail.id}
                      component="button"
                      active={mail.id === selected?.id}
                      aria-current={mail.id === selected?.id ? 'true' : undefined}
                      onClick={() => {
                        setSelectedId(mail.id);
                        setHasChosen(true);
                      }}
                      label={
                        <Text size="sm" fw={600} lineClamp={1} component="span">
                          {mail.subject}
                        </Text>
                      }
                      description={
                        <Text size="xs" c={MUTED} component="span" style={{ overflowWrap: 'anywhere' }}>
                          To {mail.to} · {timeAgo(mail.createdAt)}
                        </Text>
                      }
                    />
                  ))}
                  {mailbox.hasNextPage && (
                    <Center mt="xs">
                      <Button
                        variant="light"
                        onClick={() => void mailbox.fetchNextPage()}
                        loading={mailbox.isFetchingNextPage}
                      >
                        Load more
                      </Button>
                    </Center>
                  )}
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 7 }}>
                {selected && <MailView mail={selected} focusOnShow={hasChosen} />}
              </Grid.Col>
            </Grid>
          );
        }}
      </QueryState>
    </Stack>
  );
}
