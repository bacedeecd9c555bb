import type { RetrainResult, TriageStats } from '@caseflow/contract';
import { Alert, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { errorMessage } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { useRetrainTriage } from '../triage';
import { MUTED } from './feedback';

function Fact({ label, value }: { label: string; value: string | number }) {
  return (
    <div>
      <Text size="xs" c={MUTED} tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function retrainedMessage(result: RetrainResult) {
  const seconds = (result.durationMs / 1000).toFixed(1);
  return `Retrained: version ${result.version}, on ${plural(result.trainedOn, 'example')} (${plural(result.corrections, 'correction')}), in ${seconds} s.`;
}

/** Which model triages, what it learnt from, and the button that rebuilds it with staff's corrections. */
export function TriageModel({ stats }: { stats: TriageStats }) {
  const retrain = useRetrainTriage();
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
        <Fact label="Model" value={stats.model} />
        <Fact label="Version" value={stats.version} />
        <Fact label="Trained on" value={plural(stats.trainedOn, 'example')} />
        <Fact label="Trained" value={formatDateTime(stats.trainedAt)} />
        <Fact label="Corrections" value={stats.corrections} />
      </SimpleGrid>
      <Text size="sm" c={MUTED} maw={720}>
        Each case whose category, priority or tags staff changed is a correction. Retraining rebuilds the model from the
        shipped examples plus every correction; new cases use it at once, with no restart.
      </Text>
      <Group gap="sm">
        <Button loading={retrain.isPending} onClick={() => retrain.mutate()}>
          Retrain now
        </Button>
        <Text size="sm" role="status">
          {retrain.isPending ? 'Retraining…' : ''}
        </Text>
      </Group>
      {retrain.isError && (
        <Alert color="red" role="alert" title="Retraining failed">
          {errorMessage(retrain.error)}
        </Alert>
      )}
      {retrain.isSuccess && (
        <Alert color="teal" role="status">
          {retrainedMessage(retrain.data)}
        </Alert>
      )}
    </Stack>
  );
}
