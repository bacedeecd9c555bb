import type { Case } from '@caseflow/contract';
import { Blockquote, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { ratingErrorMessage, useCaseCsat, useRateCase } from './api';
import { RatingForm, RatingThanks } from './rating-form';

// Mail sent before the token links point at the case page's `#rate`.
const ANCHOR = 'rate';

/** SPEC §13: the case's customer rates it once it is resolved; `#rate` in the address scrolls here. */
function CustomerRating({ item }: { item: Case }) {
  const isResolved = item.status === 'resolved';
  const csat = useCaseCsat(item.id, { enabled: isResolved || item.resolvedAt !== null });
  const rate = useRateCase(item.id);
  const section = useRef<HTMLElement>(null);
  const { hash } = useLocation();
  // A reopened case shows the rating it got; only a resolved one can be rated.
  const isShown = isResolved || csat.data != null;
  useEffect(() => {
    // The browser looked for the anchor before the case had loaded.
    if (hash === `#${ANCHOR}` && isShown) section.current?.scrollIntoView({ block: 'center' });
  }, [hash, isShown]);

  if (!isShown) return null;
  return (
    <Paper withBorder p="md" component="section" id={ANCHOR} ref={section} aria-labelledby="rate-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="rate-heading">
          Rate this case
        </Title>
        {csat.isPending ? (
          <Loader size="sm" aria-label="Loading your rating" />
        ) : csat.isError ? (
          <Text size="sm" c="red.8">
            The rating form could not be loaded. Reload the page to try again.
          </Text>
        ) : csat.data ? (
          <RatingThanks csat={csat.data} />
        ) : (
          <RatingForm
            onSend={(body) => rate.mutate(body)}
            isPending={rate.isPending}
            error={rate.isError ? ratingErrorMessage(rate.error) : null}
          />
        )}
      </Stack>
    </Paper>
  );
}

/** Staff: the customer's rating, once there is one. */
function StaffRating({ item }: { item: Case }) {
  const wasResolved = item.status === 'resolved' || item.resolvedAt !== null;
  const csat = useCaseCsat(item.id, { enabled: wasResolved });
  if (!wasResolved) return null;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        Rating
      </Title>
      {csat.isPending ? (
        <Loader size="sm" aria-label="Loading the rating" />
      ) : csat.isError ? (
        <Text size="sm" c="red.8">
          Could not load the rating.
        </Text>
      ) : csat.data ? (
        <Paper withBorder p="md">
          <Text fw={600}>
            {item.customer.name} rated this {csat.data.rating}/5
          </Text>
          <Text size="xs" c="gray.7">
            {formatDateTime(csat.data.createdAt)}
          </Text>
          {csat.data.comment && (
            <Blockquote p="sm" mt="xs">
              {csat.data.comment}
            </Blockquote>
          )}
        </Paper>
      ) : (
        <Text size="sm" c="gray.7">
          Not rated yet.
        </Text>
      )}
    </Stack>
  );
}

export function CaseRating({ item, isCustomer }: { item: Case; isCustomer: boolean }) {
  return isCustomer ? <CustomerRating item={item} /> : <StaffRating item={item} />;
}
