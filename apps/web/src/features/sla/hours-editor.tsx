import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { type HoursRow, hoursRow, type SettingsForm } from './settings-form';

// Monday first, as most support calendars are read; `day` stays 0 = Sunday as the API counts.
const week = [1, 2, 3, 4, 5, 6, 0];
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const quarterHours = Array.from({ length: 97 }, (_, index) => {
  const minutes = index * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
});
/** Quarter hours; a saved time off the grid (08:10, say) is kept as a choice so it is not lost. */
function timeChoices(kind: 'start' | 'end', current: string) {
  const choices = kind === 'start' ? quarterHours.slice(0, -1) : quarterHours.slice(1);
  return choices.includes(current) ? choices : [current, ...choices].sort();
}

const presets: { label: string; rows: () => HoursRow[] }[] = [
  { label: 'Mon–Fri 9–17', rows: () => [1, 2, 3, 4, 5].map((day) => hoursRow(day, '09:00', '17:00')) },
  { label: '24/7', rows: () => [0, 1, 2, 3, 4, 5, 6].map((day) => hoursRow(day, '00:00', '24:00')) },
];

function RangeRow({
  form,
  index,
  dayName,
  ordinal,
}: {
  form: SettingsForm;
  index: number;
  dayName: string;
  ordinal: string;
}) {
  const range = form.values.calendar.hours[index] as HoursRow;
  const path = `calendar.hours.${index}`;
  // An overlap names the whole range; it is shown on its start.
  const startError = form.errors[path] ?? form.errors[`${path}.start`] ?? form.errors[`${path}.day`];
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <NativeSelect
        aria-label={`${dayName} from${ordinal}`}
        data={timeChoices('start', range.start)}
        w={100}
        {...form.getInputProps(`${path}.start`)}
        error={startError}
      />
      <Text pt={6} aria-hidden="true">
        –
      </Text>
      <NativeSelect
        aria-label={`${dayName} until${ordinal}`}
        data={timeChoices('end', range.end)}
        w={100}
        {...form.getInputProps(`${path}.end`)}
      />
      <Button
        size="compact-sm"
        mt={6}
        variant="outline"
        color="red.9"
        aria-label={`Remove ${dayName} ${range.start}–${range.end}`}
        onClick={() => form.removeListItem('calendar.hours', index)}
      >
        Remove
      </Button>
    </Group>
  );
}

/** The weekly working hours: any number of ranges a day, none for a day off. */
export function HoursEditor({ form }: { form: SettingsForm }) {
  const rows = form.values.calendar.hours;
  const listError = form.errors['calendar.hours'];
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Text size="sm">Quick set:</Text>
        {presets.map((preset) => (
          <Button
            key={preset.label}
            size="compact-sm"
            variant="light"
            onClick={() => {
              form.setFieldValue('calendar.hours', preset.rows());
              form.setErrors(
                Object.fromEntries(Object.entries(form.errors).filter(([path]) => !path.startsWith('calendar.hours'))),
              );
            }}
          >
            {preset.label}
          </Button>
        ))}
      </Group>
      {listError && (
        <Text size="sm" c="red.8" role="alert">
          {listError}
        </Text>
      )}
      {week.map((day) => {
        const dayName = dayNames[day] as string;
        const indexes = rows.flatMap((range, index) => (range.day === day ? [index] : []));
        return (
          <Group key={day} role="group" aria-label={dayName} align="flex-start" gap="md" wrap="wrap">
            <Text w={100} pt={6} fw={600} size="sm">
              {dayName}
            </Text>
            <Stack gap="xs">
              {indexes.length === 0 && (
                <Text size="sm" c="gray.7" pt={6}>
                  Closed
                </Text>
              )}
              {indexes.map((index, position) => (
                <RangeRow
                  key={rows[index]?.key}
                  form={form}
                  index={index}
                  dayName={dayName}
                  ordinal={indexes.length > 1 ? ` (range ${position + 1})` : ''}
                />
              ))}
            </Stack>
            <Button
              variant="default"
              size="compact-sm"
              mt={4}
              aria-label={`Add hours on ${dayName}`}
              onClick={() => {
                // A second range starts where the day's last one ends (a split shift, an evening).
                const last = indexes.length ? rows[indexes[indexes.length - 1] as number] : undefined;
                const added =
                  last && last.end !== '24:00' ? hoursRow(day, last.end, '24:00') : hoursRow(day, '09:00', '17:00');
                form.insertListItem('calendar.hours', added);
              }}
            >
              Add hours
            </Button>
          </Group>
        );
      })}
    </Stack>
  );
}
