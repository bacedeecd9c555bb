import type { ArticleStatus, ArticleSummary } from '@caseflow/contract';
import { articleStatusSchema } from '@caseflow/contract';
import { Anchor, Badge, Button, Group, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { formatDateTime, labelOf } from '../../lib/format';
import { categoryLabels, categoryOptions, isCategory } from '../cases/options';
import { type ArticleFilters, useArticles } from './api';

const ANY = 'any';
const statusChoices = [
  { value: ANY, label: 'Any status' },
  ...articleStatusSchema.options.map((value) => ({ value, label: labelOf(value) })),
];
const categoryChoices = [{ value: ANY, label: 'Any category' }, ...categoryOptions];

const isStatus = (value: string | null): value is ArticleStatus => articleStatusSchema.safeParse(value).success;

/** Filters live in the URL, so a filtered list survives a reload and can be shared. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const category = params.get('category');
  const filters: ArticleFilters = {
    status: isStatus(status) ? status : undefined,
    category: isCategory(category) ? category : undefined,
  };
  const setFilter = (key: keyof ArticleFilters, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (!value || value === ANY) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  return { filters, setFilter, isFiltered: filters.status !== undefined || filters.category !== undefined };
}

const ArticleStatusBadge = ({ status }: { status: ArticleStatus }) => (
  <Badge color={status === 'published' ? 'teal.9' : 'gray.8'} variant={status === 'published' ? 'filled' : 'outline'}>
    {labelOf(status)}
  </Badge>
);

function ArticleTable({ articles }: { articles: ArticleSummary[] }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Article</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Category</Table.Th>
            <Table.Th>Updated</Table.Th>
            <Table.Th>Help center</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {articles.map((article) => (
            <Table.Tr key={article.id}>
              <Table.Td maw={360}>
                <Anchor component={Link} to={`/kb/${article.slug}/edit`} fw={600} size="sm" c="indigo.8">
                  {article.title}
                </Anchor>
                <Text size="xs" c="gray.7" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                  {article.slug}
                </Text>
              </Table.Td>
              <Table.Td>
                <ArticleStatusBadge status={article.status} />
              </Table.Td>
              <Table.Td>{categoryLabels[article.category]}</Table.Td>
              <Table.Td>{formatDateTime(article.updatedAt)}</Table.Td>
              <Table.Td>
                {article.status === 'published' ? (
                  <Anchor
                    href={`/help/${article.slug}`}
                    target="_blank"
                    rel="noopener"
                    size="sm"
                    c="indigo.8"
                    aria-label={`View ${article.title} in the help center`}
                  >
                    View
                  </Anchor>
                ) : (
                  <Text size="sm" c="gray.7">
                    Not public
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Staff write the knowledge base here: drafts and published articles, by status and category. */
export default function ArticlesPage() {
  const { filters, setFilter, isFiltered } = useFilters();
  const articles = useArticles(filters);
  return (
    <Stack>
      <PageTitle
        title="Knowledge base"
        actions={
          <Group gap="sm">
            <Button component="a" href="/help" target="_blank" rel="noopener" variant="default">
              Open the help center
            </Button>
            <Button component={Link} to="/kb/new">
              New article
            </Button>
          </Group>
        }
      >
        Knowledge base
      </PageTitle>
      <Text size="sm" c="gray.7" maw={720}>
        Published articles are public in the help center, suggested to customers while they report a case, and found by
        agents from a case. Drafts are only seen here.
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2 }} maw={520} spacing="sm">
        <Select
          label="Status"
          data={statusChoices}
          value={filters.status ?? ANY}
          allowDeselect={false}
          onChange={(value) => setFilter('status', value)}
        />
        <Select
          label="Category"
          data={categoryChoices}
          value={filters.category ?? ANY}
          allowDeselect={false}
          onChange={(value) => setFilter('category', value)}
        />
      </SimpleGrid>
      <QueryState
        query={articles}
        isEmpty={(items) => items.length === 0}
        empty={
          isFiltered
            ? 'No article matches these filters.'
            : 'No articles yet. Write the first one: customers see it in the help center once it is published.'
        }
      >
        {(items) => <ArticleTable articles={items} />}
      </QueryState>
    </Stack>
  );
}
