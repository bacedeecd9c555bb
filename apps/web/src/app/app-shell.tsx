import type { Role } from '@caseflow/contract';
import { AppShell, Burger, Button, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { QueryState } from '../components/query-state';
import { AvailabilitySwitch } from '../features/agent/availability-switch';
import { useCaseNotices } from '../features/cases/case-notices';
import { useMe, useSignOut } from '../lib/auth';
import { useLiveUpdates } from '../lib/live-updates';

const navigation: Record<Role, { to: string; label: string }[]> = {
  customer: [
    { to: '/cases', label: 'My cases' },
    { to: '/cases/new', label: 'Report a case' },
    { to: '/account', label: 'Account' },
  ],
  agent: [
    { to: '/workspace', label: 'Workspace' },
    { to: '/queue', label: 'All cases' },
    { to: '/kb', label: 'Knowledge base' },
    { to: '/account', label: 'Account' },
  ],
  admin: [
    { to: '/admin/dashboard', label: 'Dashboard' },
    { to: '/admin/reports', label: 'Reports' },
    { to: '/workspace', label: 'Workspace' },
    { to: '/admin/cases', label: 'Cases' },
    { to: '/kb', label: 'Knowledge base' },
    { to: '/admin/agents', label: 'Agents' },
    { to: '/admin/teams', label: 'Teams' },
    { to: '/admin/sla', label: 'SLA' },
    { to: '/admin/triage', label: 'Triage' },
    { to: '/admin/webhooks', label: 'Webhooks' },
    { to: '/admin/widget', label: 'Chat widget' },
    { to: '/admin/mail', label: 'Mailbox' },
  ],
};

/** Header with the product name, the role's navigation and (agents) the availability switch. */
export function Shell() {
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const user = me.data;
  const links = user ? navigation[user.role] : [];
  useLiveUpdates(user?.id);
  useCaseNotices();

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Text component={Link} to="/" fw={700} size="lg">
              Caseflow
            </Text>
          </Group>
          <Group wrap="nowrap" gap="sm">
            {user?.role === 'agent' && <AvailabilitySwitch agentId={user.id} />}
            {user && (
              <Button
                variant="subtle"
                size="compact-sm"
                onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/login') })}
              >
                Sign out
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main navigation">
        <Stack gap={4}>
          {user && (
            <Text size="sm" c="dimmed" mb="xs">
              Signed in as {user.name} ({user.role})
            </Text>
          )}
          {links.map((link) => (
            <NavLink
              key={link.to}
              component={Link}
              to={link.to}
              label={link.label}
              active={location.pathname === link.to}
              onClick={close}
            />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <QueryState query={me}>
          {() => (
            <Suspense fallback={null}>
              <Outlet />
            </Suspense>
          )}
        </QueryState>
      </AppShell.Main>
    </AppShell>
  );
}
