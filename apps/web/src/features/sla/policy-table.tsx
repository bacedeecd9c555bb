import type { Priority } from '@caseflow/contract';
import { Checkbox, Group, NumberInput, Table, Text } from '@mantine/core';
import { labelOf } from '../../lib/format';
import { priorities, type SettingsForm, type Target } from './settings-form';

const targetNames = { firstResponse: 'first response', resolution: 'resolution' } as const;

function DurationFields({
  form,
  priority,
  target,
}: {
  form: SettingsForm;
  priority: Priority;
  target: keyof typeof targetNames;
}) {
  const path = `targets.${priority}.${target}`;
  const isEnabled = form.values.targets[priority].enabled;
  const error = form.errors[path];
  const name = `${labelOf(priority)} ${targetNames[target]}`;
  return (
    <Group gap={4} align="flex-start" wrap="nowrap">
      <NumberInput
        aria-label={`${name}, hours`}
        rightSection={<Text size="xs">h</Text>}
        min={0}
        max={8760}
        allowDecimal={false}
        allowNegative={false}
        w={96}
        disabled={!isEnabled}
        {...form.getInputProps(`${path}.hours`)}
        // One message for the pair, on the first of them.
        error={error}
      />
      <NumberInput
        aria-label={`${name}, minutes`}
        rightSection={<Text size="xs">min</Text>}
        min={0}
        max={59}
        allowDecimal={false}
        allowNegative={false}
        w={84}
        disabled={!isEnabled}
        {...form.getInputProps(`${path}.minutes`)}
        error={Boolean(error)}
      />
    </Group>
  );
}

/** One row per priority: a priority without targets has no SLA (its cases show none). */
export function PolicyTable({ form }: { form: SettingsForm }) {
  const tableError = form.errors.policies;
  return (
    <>
      {tableError && (
        <Text size="sm" c="red.8" role="alert">
          {tableError}
        </Text>
      )}
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Priority</Table.Th>
              <Table.Th>First response</Table.Th>
              <Table.Th>Resolution</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {priorities.map((priority) => {
              const target: Target = form.values.targets[priority];
              return (
                <Table.Tr key={priority}>
                  <Table.Td>
                    <Checkbox
                      label={labelOf(priority)}
                      description={target.enabled ? 'Has an SLA' : 'No SLA'}
                      {...form.getInputProps(`targets.${priority}.enabled`, { type: 'checkbox' })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <DurationFields form={form} priority={priority} target="firstResponse" />
                  </Table.Td>
                  <Table.Td>
                    <DurationFields form={form} priority={priority} target="resolution" />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
