import { Alert, Button, Center, Loader, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { ApiError, errorMessage } from '../../lib/api-client';
import { ratingErrorMessage, useCsatLink, useRateByLink } from './api';
import { RatingForm, RatingThanks } from './rating-form';

const isBadLink = (error: unknown) => error instanceof ApiError && error.status >= 400 && error.status < 500;

function InvalidLink() {
  return (
    <Stack>
      <Alert color="gray" title="This rating link does not work" role="alert">
        It may be cut short or mistyped. You can still rate the case from its page after signing in.
      </Alert>
      <Button component={Link} to="/login" variant="light" w="fit-content">
        Sign in
      </Button>
    </Stack>
  );
}

/**
 * SPEC §13: the resolve mail's single-use link (`/rate?token=…`) rates the case without signing in;
 * the token names the case, so nothing else is asked for.
 */
export default function RatePage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const link = useCsatLink(token);
  const rate = useRateByLink(token);

  let content: ReactNode;
  if (!token || isBadLink(link.error)) content = <InvalidLink />;
  else if (link.isPending) content = <Loader aria-label="Loading" />;
  else if (link.isError) {
    content = (
      <Alert color="red" title="Could not load this" role="alert">
        <Stack gap="xs">
          <Text size="sm">{errorMessage(link.error)}</Text>
          <Button size="xs" variant="light" w="fit-content" onClick={() => void link.refetch()}>
            Try again
          </Button>
        </Stack>
      </Alert>
    );
  } else {
    const { case: rated, csat } = link.data;
    content = (
      <Stack>
        <Text size="sm" c="gray.7">
          Case {rated.number}: {rated.subject}
        </Text>
        {csat ? (
          <RatingThanks csat={csat} />
        ) : !rated.resolved ? (
          <Alert color="gray" role="status">
            The case is open again, so it cannot be rated now. The link works again once it is resolved.
          </Alert>
        ) : (
          <RatingForm
            onSend={(body) => rate.mutate(body)}
            isPending={rate.isPending}
            error={rate.isError ? ratingErrorMessage(rate.error) : null}
          />
        )}
      </Stack>
    );
  }
  return (
    <Center py="xl">
      <Paper withBorder shadow="sm" p="lg" w="100%" maw={560}>
        <PageTitle title="Rate your case">Rate your case</PageTitle>
        {content}
      </Paper>
    </Center>
  );
}
