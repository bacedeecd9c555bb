import type { Agent, Case, CaseStatus, Priority } from '@caseflow/contract';
import { Button, Group, Menu, Modal, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { errorMessage } from '../../lib/api-client';
import { labelOf } from '../../lib/format';
import { type CaseFilters, useAssignCase, useCaseList, useDeleteCase, useResolveCase } from '../cases/api';
import { CaseTable } from '../cases/case-table';
import { categoryOptions, isCategory, priorityOptions, statusOptions } from '../cases/options';
import { TeamSelect, teamIdOf } from '../teams';
import { AgentSelect } from './agent-select';
import classes from './cases-page.module.css';
import { ConfirmModal } from './confirm-modal';
import { DANGER, modalCloseProps, notifyError, notifySuccess } from './feedback';

const ANY = 'any';

/** Filters live in the URL, so a filtered list can be bookmarked, shared and survives a reload. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const assignee = params.get('assignee');
  const category = params.get('category');
  const filters: CaseFilters = {
    status: statusOptions.some((option) => option.value === params.get('status'))
      ? (params.get('status') as CaseStatus)
      : undefined,
    priority: priorityOptions.some((option) => option.value === params.get('priority'))
      ? (params.get('priority') as Priority)
      : undefined,
    assignee: assignee === 'none' ? 'none' : assignee && /^\d+$/.test(assignee) ? Number(assignee) : undefined,
    team: teamIdOf(params.get('team')),
    category: isCategory(category) ? category : undefined,
  };
  const setFilter = (key: keyof typeof filters, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (!value || value === ANY) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  const clear = () => setParams(new URLSearchParams(), { replace: true });
  return { filters, setFilter, clear, isFiltered: params.size > 0 };
}

const assigneeChoices = [
  { value: ANY, label: 'Anyone' },
  { value: 'none', label: 'Unassigned' },
];

const agentLabel = (agent: Agent) =>
  `${agent.name} — ${labelOf(agent.state)}, ${agent.activeCases}/${agent.capacity} cases`;

function ReassignForm({ item, onDone }: { item: Case; onDone: () => void }) {
  const assign = useAssignCase();
  const [agentId, setAgentId] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!agentId) return;
    assign.mutate(
      { id: item.id, agentId: Number(agentId) },
      {
        onSuccess: (updated) => {
          notifySuccess(`${item.number} is now with ${(updated as Case).assignee?.name}.`);
          onDone();
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          {item.number} {item.subject} — {item.assignee ? `now with ${item.assignee.name}` : 'waiting in the queue'}.
        </Text>
        <AgentSelect
          label="Assign to"
          placeholder="Type a name or email"
          optionLabel={agentLabel}
          excludeId={item.assignee?.id}
          value={agentId}
          onChange={(value) => {
            setAgentId(value);
            assign.reset();
          }}
          required
          data-autofocus
          comboboxProps={{ withinPortal: true }}
          error={assign.error ? errorMessage(assign.error) : undefined}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" disabled={!agentId} loading={assign.isPending}>
            Reassign
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RowActions({
  item,
  onReassign,
  onResolve,
  onDelete,
}: {
  item: Case;
  onReassign: () => void;
  onResolve: () => void;
  onDelete: () => void;
}) {
  const isResolved = item.status === 'resolved';
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          size="compact-sm"
          variant="default"
          aria-label={`Actions for ${item.number}`}
          data-case-actions={item.id}
        >
          Actions ▾
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {!isResolved && <Menu.Item onClick={onReassign}>Reassign…</Menu.Item>}
        {!isResolved && <Menu.Item onClick={onResolve}>Resolve</Menu.Item>}
        <Menu.Item color={DANGER} onClick={onDelete}>
          Delete…
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

type Dialog = { kind: 'reassign' | 'delete'; item: Case; opened: boolean };

/**
 * The dialogs open from a menu item that is gone by the time they close, so focus goes back to the
 * row's Actions button (the first row's when the case was deleted) instead of the document body.
 */
function focusRow(caseId: number | undefined) {
  const target =
    document.querySelector<HTMLElement>(`[data-case-actions="${caseId}"]`) ??
    document.querySelector<HTMLElement>('[data-case-actions]');
  target?.focus();
}

/** Every case, filtered; admins reassign, resolve or delete any of them. */
export default function AdminCasesPage() {
  const { filters, setFilter, clear, isFiltered } = useFilters();
  const cases = useCaseList(filters);
  const resolve = useResolveCase();
  const remove = useDeleteCase();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => {
    remove.reset();
    setDialog((current) => current && { ...current, opened: false });
  };
  // On a phone the customer column gives way so the assignee and the actions stay within reach.
  const isPhone = useMediaQuery('(max-width: 48em)');

  const resolveCase = (item: Case) =>
    resolve.mutate(item.id, {
      onSuccess: () => notifySuccess(`${item.number} resolved.`),
      onError: notifyError,
    });

  return (
    <Stack>
      <PageTitle title="Cases">Cases</PageTitle>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 5 }} maw={1200} spacing="sm">
        <Select
          label="Status"
          data={[{ value: ANY, label: 'Any status' }, ...statusOptions]}
          value={filters.status ?? ANY}
          allowDeselect={false}
          onChange={(value) => setFilter('status', value)}
        />
        <Select
          label="Priority"
          data={[{ value: ANY, label: 'Any priority' }, ...priorityOptions]}
          value={filters.priority ?? ANY}
          allowDeselect={false}
          onChange={(value) => setFilter('priority', value)}
        />
        <AgentSelect
          label="Assignee"
          fixedOptions={assigneeChoices}
          value={filters.assignee === undefined ? ANY : String(filters.assignee)}
          allowDeselect={false}
          onChange={(value) => setFilter('assignee', value)}
        />
        <TeamSelect
          label="Team"
          fixedOptions={[{ value: ANY, label: 'Any team' }]}
          value={filters.team === undefined ? ANY : String(filters.team)}
          allowDeselect={false}
          onChange={(value) => setFilter('team', value)}
        />
        <Select
          label="Category"
          data={[{ value: ANY, label: 'Any category' }, ...categoryOptions]}
          value={filters.category ?? ANY}
          allowDeselect={false}
          onChange={(value) => setFilter('category', value)}
        />
      </SimpleGrid>
      <QueryState
        query={cases}
        isEmpty={(items) => items.length === 0}
        empty={
          <Stack align="center" gap="xs" component="span">
            <span>{isFiltered ? 'No case matches these filters.' : 'No cases yet.'}</span>
            {isFiltered && (
              <Button size="xs" variant="light" onClick={clear}>
                Clear filters
              </Button>
            )}
          </Stack>
        }
      >
        {(items) => (
          <div className={classes.table}>
            <CaseTable
              cases={items}
              showSla
              showTags
              showCustomer={!isPhone}
              showAssignee
              showTeam
              hasMore={cases.hasNextPage}
              onLoadMore={() => void cases.fetchNextPage()}
              isLoadingMore={cases.isFetchingNextPage}
              actions={(item) => (
                <RowActions
                  item={item}
                  onReassign={() => setDialog({ kind: 'reassign', item, opened: true })}
                  onResolve={() => resolveCase(item)}
                  onDelete={() => setDialog({ kind: 'delete', item, opened: true })}
                />
              )}
            />
          </div>
        )}
      </QueryState>
      <Modal
        {...modalCloseProps}
        opened={dialog?.kind === 'reassign' && dialog.opened}
        onClose={close}
        title={dialog ? `Reassign ${dialog.item.number}` : 'Reassign'}
        returnFocus={false}
        onExitTransitionEnd={() => focusRow(dialog?.item.id)}
      >
        {dialog && <ReassignForm key={dialog.item.id} item={dialog.item} onDone={close} />}
      </Modal>
      <ConfirmModal
        opened={dialog?.kind === 'delete' && dialog.opened}
        title={dialog ? `Delete ${dialog.item.number}?` : 'Delete case?'}
        confirmLabel="Delete case"
        returnFocus={() => focusRow(dialog?.item.id)}
        isPending={remove.isPending}
        error={remove.error}
        onClose={close}
        onConfirm={() => {
          const item = dialog?.item;
          if (!item) return;
          remove.mutate(item.id, {
            onSuccess: () => {
              notifySuccess(`${item.number} deleted.`);
              close();
            },
          });
        }}
      >
        <Text size="sm">
          {dialog?.item.subject ? `“${dialog.item.subject}” ` : ''}disappears from every list and cannot be restored.
          {dialog?.item.assignee && dialog.item.status !== 'resolved'
            ? ` ${dialog.item.assignee.name} gets the capacity back for the next queued case.`
            : ''}
        </Text>
      </ConfirmModal>
    </Stack>
  );
}
