import type { KbSearchHit } from '@caseflow/contract';
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { NewCaseForm } from './new-case-form';

/** The end of a visit an article answered: no case, and the way back (or on, after all). */
function Deflected({ article, onReportAnyway }: { article: KbSearchHit; onReportAnyway: () => void }) {
  const region = useRef<HTMLDivElement>(null);
  // The dialog that led here is gone; focus starts at the news rather than at the top of the page.
  useEffect(() => region.current?.focus(), []);
  return (
    <Stack maw={760} ref={region} tabIndex={-1} style={{ outline: 'none' }}>
      <PageTitle title="Glad that helped">Glad that helped</PageTitle>
      <Text>
        “{article.title}” answered your question, so no case was reported. Thanks for letting us know: it helps us
        improve the help center.
      </Text>
      <Group>
        <Button component={Link} to="/cases">
          Back to My cases
        </Button>
        <Button variant="default" onClick={onReportAnyway}>
          Report a case after all
        </Button>
      </Group>
    </Stack>
  );
}

export default function NewCasePage() {
  const navigate = useNavigate();
  const [deflected, setDeflected] = useState<KbSearchHit | null>(null);
  if (deflected) return <Deflected article={deflected} onReportAnyway={() => setDeflected(null)} />;
  return (
    <Stack maw={760}>
      <PageTitle title="Report a case">Report a case</PageTitle>
      <Text c="dimmed">
        Tell us about the order and what went wrong. A support agent picks it up right away when one is free.
      </Text>
      <Paper withBorder p="md">
        <NewCaseForm
          onDeflected={setDeflected}
          onCreated={(created) => {
            notifications.show({
              color: 'teal',
              message: created.assignee
                ? `${created.number} is with ${created.assignee.name}.`
                : `${created.number} is in the queue; the next free agent takes it.`,
            });
            navigate(`/cases/${created.id}`);
          }}
        />
      </Paper>
    </Stack>
  );
}
