import type { Dashboard } from '@caseflow/contract';
import type { AppContext } from '../../context.js';
import { toIso, toIsoOrNull } from '../../http/time.js';
import { listAgents } from '../agents/agents.service.js';
import { dashboardCounts } from '../cases/cases.service.js';

export async function getDashboard(ctx: AppContext): Promise<Dashboard> {
  const now = Date.now();
  const [{ counts, oldestQueuedAt }, agents] = await Promise.all([dashboardCounts(ctx), listAgents(ctx)]);
  return {
    queue: {
      size: counts.new ?? 0,
      oldestCreatedAt: toIsoOrNull(oldestQueuedAt),
      oldestWaitSeconds: oldestQueuedAt === null ? null : Math.max(0, Math.round((now - oldestQueuedAt) / 1000)),
    },
    cases: { new: counts.new ?? 0, open: counts.open ?? 0, pending: counts.pending ?? 0 },
    agents: agents.items,
    generatedAt: toIso(now),
  };
}
