import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { useTriageStats } from '../triage';
import { MUTED } from './feedback';
import { TriageAccuracy } from './triage-accuracy';
import { TriageModel } from './triage-model';
import { TriagePreview } from './triage-preview';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** How well triage does against staff's corrections, retraining it, and trying it on a message. */
export default function TriagePage() {
  const stats = useTriageStats();
  return (
    <Stack>
      <PageTitle title="Triage">Triage</PageTitle>
      <Text size="sm" c={MUTED} maw={720}>
        Every new case gets a category, a priority and tags before it is queued. When staff change one, triage counts a
        miss; accuracy is the share of triaged cases staff left as they were.
      </Text>
      <QueryState query={stats}>
        {(data) => (
          <Stack gap="lg">
            <Section title="Model">
              <TriageModel stats={data} />
            </Section>
            <Section title="Accuracy">
              <TriageAccuracy stats={data} />
            </Section>
          </Stack>
        )}
      </QueryState>
      <Section title="Try it">
        <TriagePreview />
      </Section>
    </Stack>
  );
}
