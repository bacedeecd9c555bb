import type { Csat, CsatBody } from '@caseflow/contract';
import { Alert, Blockquote, Button, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';

const COMMENT_MAX = 2_000;
const scale = ['Very poor', 'Poor', 'Okay', 'Good', 'Very good'];

/** 1–5 as a radio group (arrow keys move between them), an optional comment, and Send. */
export function RatingForm({
  onSend,
  isPending,
  error,
}: {
  onSend: (body: CsatBody) => void;
  isPending: boolean;
  /** Why the last try was refused, already in words. */
  error: string | null;
}) {
  const [rating, setRating] = useState('');
  const [comment, setComment] = useState('');
  const [isMissing, setIsMissing] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!rating) {
      setIsMissing(true);
      return;
    }
    const text = comment.trim();
    onSend({ rating: Number(rating), ...(text ? { comment: text } : {}) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Radio.Group
          label="How did we do?"
          description="1 is very poor, 5 is very good"
          value={rating}
          onChange={(value) => {
            setRating(value);
            setIsMissing(false);
          }}
          error={isMissing ? 'Choose a rating from 1 to 5' : undefined}
          required
        >
          <Group mt="xs" gap="md">
            {scale.map((name, index) => (
              <Radio key={name} value={String(index + 1)} label={`${index + 1} — ${name}`} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          label="Comment (optional)"
          autosize
          minRows={2}
          maxLength={COMMENT_MAX}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
        />
        {error && (
          <Alert color="gray" variant="outline" role="alert" title="Your rating was not sent">
            {error}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={isPending}>
            Send
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** What the customer sees once the case is rated, by them now or before. */
export function RatingThanks({ csat }: { csat: Csat }) {
  return (
    <Stack gap="xs" role="status">
      <Text fw={600}>Thanks — you rated this {csat.rating}/5</Text>
      {csat.comment && <Blockquote p="sm">{csat.comment}</Blockquote>}
    </Stack>
  );
}
