import { Button, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SettingsForm } from './settings-form';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeZone: 'UTC' });
// A holiday is a calendar date, not an instant: read and shown in UTC so no offset moves it a day.
function dayName(date: string) {
  const day = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(day.getTime()) ? date : dateFormat.format(day);
}

/** Days with no working hours at all (in the calendar's time zone), kept in date order. */
export function HolidaysEditor({ form }: { form: SettingsForm }) {
  const [date, setDate] = useState('');
  const holidays = form.values.calendar.holidays;
  const isKnown = holidays.includes(date);
  const add = () => {
    if (!date || isKnown) return;
    form.setFieldValue('calendar.holidays', [...holidays, date].sort());
    setDate('');
  };
  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="xs">
        <TextInput
          type="date"
          label="Holiday"
          value={date}
          onChange={(event) => setDate(event.currentTarget.value)}
          onKeyDown={(event) => {
            // Enter adds the date instead of saving the whole form.
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
          error={isKnown ? 'Already in the list' : form.errors['calendar.holidays']}
        />
        <Button variant="default" onClick={add} disabled={!date || isKnown}>
          Add holiday
        </Button>
      </Group>
      {holidays.length === 0 ? (
        <Text size="sm" c="gray.7">
          No holidays.
        </Text>
      ) : (
        <List listStyleType="none" spacing={4} aria-label="Holidays">
          {holidays.map((holiday, index) => {
            const error = form.errors[`calendar.holidays.${index}`];
            return (
              <List.Item key={holiday}>
                <Group gap="xs">
                  <Text size="sm" component="time" dateTime={holiday}>
                    {dayName(holiday)}
                  </Text>
                  <Button
                    size="compact-sm"
                    variant="outline"
                    color="red.9"
                    aria-label={`Remove holiday ${holiday}`}
                    onClick={() => form.removeListItem('calendar.holidays', index)}
                  >
                    Remove
                  </Button>
                  {error && (
                    <Text size="sm" c="red.8">
                      {error}
                    </Text>
                  )}
                </Group>
              </List.Item>
            );
          })}
        </List>
      )}
    </Stack>
  );
}
