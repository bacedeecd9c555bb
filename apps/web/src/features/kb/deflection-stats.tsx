import type { KbStats } from '@caseflow/contract';
import { Anchor, Group, List, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { QueryState } from '../../components/query-state';
import { formatPercent } from '../../lib/format';
import { useKbStats } from './api';

// The funnel moves slowly; the rest of the dashboard polls faster.
const STATS_POLL_MS = 30_000;

const countOf = (count: number, singular: string, plural = `${singular}s`) =>
  `${count} ${count === 1 ? singular : plural}`;

function Figures({ stats }: { stats: KbStats }) {
  const topId = useId();
  if (stats.deflectionRate === null)
    return (
      <Text size="sm" c="gray.7">
        No data yet: no customer has answered a suggestion or reported a case after seeing one.
      </Text>
    );
  return (
    <Stack gap="sm">
      <Group gap="sm" align="baseline" wrap="wrap">
        <Text fz={28} fw={700} lh={1.3}>
          {formatPercent(stats.deflectionRate)}
        </Text>
        <Text size="sm">
          {countOf(stats.deflected, 'question')} answered by an article, {countOf(stats.casesAfterSuggestions, 'case')}{' '}
          reported after suggestions
        </Text>
      </Group>
      <Text size="xs" c="gray.7">
        {countOf(stats.sessions, 'form visit')} showed suggestions; articles were opened {countOf(stats.opened, 'time')}{' '}
        and "I still need help" chosen {countOf(stats.wentOn, 'time')}.
      </Text>
      {stats.topDeflecting.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={600} id={topId}>
            Articles that answered the most questions
          </Text>
          <List size="sm" aria-labelledby={topId}>
            {stats.topDeflecting.map((article) => (
              <List.Item key={article.slug}>
                <Anchor href={`/help/${article.slug}`} c="indigo.8" inherit>
                  {article.title}
                </Anchor>{' '}
                — {countOf(article.deflected, 'question')}
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
    </Stack>
  );
}

/** SPEC §10: deflected ÷ (deflected + cases created after suggestions were shown), and what answered. */
export function DeflectionStats() {
  const stats = useKbStats({ refetchInterval: STATS_POLL_MS });
  return <QueryState query={stats}>{(data) => <Figures stats={data} />}</QueryState>;
}
