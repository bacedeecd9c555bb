import { Alert, Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { PriorityBadge, StatusBadge } from '../../components/badges';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { ApiError } from '../../lib/api-client';
import { useMe } from '../../lib/auth';
import { CaseRating } from '../csat';
import { ArticleSearch } from '../kb';
import { CustomerReturn, ReturnPanel } from '../returns';
import { SlaBadge } from '../sla';
import { ActivityTimeline } from './activity-timeline';
import { useCase } from './api';
import { CaseActions } from './case-actions';
import { CaseDetails } from './case-details';
import { Conversation } from './conversation';
import { TriagePanel } from './triage-panel';

export default function CasePage() {
  const id = Number(useParams().id);
  const me = useMe().data;
  const item = useCase(id);

  if (!me) return null;
  if (item.error instanceof ApiError && item.error.status === 404) {
    return (
      <Stack>
        <PageTitle title="Case not found">Case not found</PageTitle>
        <Alert color="gray">This case does not exist or is not yours to see.</Alert>
        <Button component={Link} to="/" w="fit-content">
          Back
        </Button>
      </Stack>
    );
  }
  return (
    <QueryState query={item}>
      {(data) => (
        <Stack>
          <PageTitle title={`${data.number} ${data.subject}`} actions={<CaseActions item={data} me={me} />}>
            <Group gap="sm" component="span">
              <span>{data.number}</span>
              <span>{data.subject}</span>
            </Group>
          </PageTitle>
          <Group gap="xs">
            <StatusBadge status={data.status} />
            <PriorityBadge priority={data.priority} />
            {me.role !== 'customer' && <SlaBadge item={data} withName size="md" />}
          </Group>
          {me.role === 'customer' && <CaseRating item={data} isCustomer />}
          {me.role === 'customer' && data.return && <CustomerReturn item={data} caseReturn={data.return} />}
          <Grid>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Stack>
                <Title order={2} size="h4">
                  Conversation
                </Title>
                <Conversation
                  caseId={data.id}
                  me={me}
                  replyTools={me.role === 'customer' ? undefined : (insert) => <ArticleSearch onInsertLink={insert} />}
                />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Stack>
                {me.role !== 'customer' && data.return && <ReturnPanel item={data} caseReturn={data.return} />}
                <Title order={2} size="h4">
                  Details
                </Title>
                <CaseDetails item={data} isStaff={me.role !== 'customer'} />
                {me.role !== 'customer' && <CaseRating item={data} isCustomer={false} />}
                {me.role !== 'customer' && (
                  <>
                    <Title order={2} size="h4">
                      Triage
                    </Title>
                    <TriagePanel item={data} />
                  </>
                )}
                <Title order={2} size="h4">
                  History
                </Title>
                <ActivityTimeline caseId={data.id} />
                {data.status === 'new' && (
                  <Text size="sm" c="dimmed">
                    {me.role === 'customer'
                      ? 'All agents are busy right now; the first one to become free takes this case.'
                      : `No member of ${data.team.name} is free right now; the first one to become free takes this case.`}
                  </Text>
                )}
              </Stack>
            </Grid.Col>
          </Grid>
        </Stack>
      )}
    </QueryState>
  );
}
