import { Group, Progress, Text } from '@mantine/core';
import { formatPercent } from '../../lib/format';

/** How sure triage was of one value (0..1), as a short bar and a percentage. */
export function ConfidenceMeter({ value, label }: { value: number; label: string }) {
  const percent = Math.round(value * 100);
  return (
    <Group gap="xs" wrap="nowrap">
      <Progress.Root size="sm" w={80} style={{ flexShrink: 0 }}>
        <Progress.Section
          value={percent}
          color={percent >= 70 ? 'teal.8' : percent >= 40 ? 'yellow.6' : 'red.8'}
          withAria={false}
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${percent}% confident`}
        />
      </Progress.Root>
      <Text size="xs" c="gray.7">
        {formatPercent(value)} confident
      </Text>
    </Group>
  );
}
