import type { Role } from '@caseflow/contract';
import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { homeOf, RequireRole, useMe } from '../lib/auth';
import { Shell } from './app-shell';

/** Route-level code splitting: each page is its own chunk, loaded when first visited. */
function page(load: () => Promise<{ default: ComponentType }>, roles?: Role[]): Pick<RouteObject, 'lazy'> {
  return {
    lazy: async () => {
      const { default: Page } = await load();
      return {
        Component: roles
          ? () => (
              <RequireRole roles={roles}>
                <Page />
              </RequireRole>
            )
          : Page,
      };
    },
  };
}

function Home() {
  const me = useMe();
  if (me.isPending) return null;
  return <Navigate to={me.data ? homeOf(me.data.role) : '/login'} replace />;
}

const customer: Role[] = ['customer'];
const customerOrAgent: Role[] = ['customer', 'agent'];
const staff: Role[] = ['agent', 'admin'];
const admin: Role[] = ['admin'];
const everyone: Role[] = ['customer', 'agent', 'admin'];

export const router = createBrowserRouter([
  {
    element: <Shell />,
    children: [
      { index: true, element: <Home /> },
      { path: 'login', ...page(() => import('../features/auth/login-page')) },
      { path: 'signup', ...page(() => import('../features/auth/signup-page')) },
      { path: 'forgot-password', ...page(() => import('../features/auth/forgot-password-page')) },
      { path: 'reset-password', ...page(() => import('../features/auth/reset-password-page')) },
      // The resolve mail's rating link: the token stands in for signing in.
      { path: 'rate', ...page(() => import('../features/csat/rate-page')) },
      { path: 'cases', ...page(() => import('../features/cases/my-cases-page'), customer) },
      { path: 'cases/new', ...page(() => import('../features/cases/new-case-page'), customer) },
      { path: 'cases/:id', ...page(() => import('../features/cases/case-page'), everyone) },
      { path: 'account', ...page(() => import('../features/account/account-page'), customerOrAgent) },
      { path: 'workspace', ...page(() => import('../features/agent/workspace-page'), staff) },
      { path: 'queue', ...page(() => import('../features/agent/all-cases-page'), staff) },
      { path: 'kb', ...page(() => import('../features/kb/articles-page'), staff) },
      { path: 'kb/new', ...page(() => import('../features/kb/article-editor-page'), staff) },
      { path: 'kb/:slug/edit', ...page(() => import('../features/kb/article-editor-page'), staff) },
      { path: 'admin/dashboard', ...page(() => import('../features/admin/dashboard-page'), admin) },
      { path: 'admin/reports', ...page(() => import('../features/reports/reports-page'), admin) },
      { path: 'admin/sla', ...page(() => import('../features/sla/sla-settings-page'), admin) },
      { path: 'admin/widget', ...page(() => import('../features/widget-settings/widget-settings-page'), admin) },
      { path: 'admin/agents', ...page(() => import('../features/admin/agents-page'), admin) },
      { path: 'admin/teams', ...page(() => import('../features/admin/teams-page'), admin) },
      { path: 'admin/triage', ...page(() => import('../features/admin/triage-page'), admin) },
      { path: 'admin/webhooks', ...page(() => import('../features/admin/webhooks-page'), admin) },
      { path: 'admin/webhooks/:id', ...page(() => import('../features/admin/webhook-deliveries-page'), admin) },
      { path: 'admin/cases', ...page(() => import('../features/admin/cases-page'), admin) },
      { path: 'admin/mail', ...page(() => import('../features/admin/mail-page'), admin) },
      { path: '*', ...page(() => import('./not-found-page')) },
    ],
  },
]);
