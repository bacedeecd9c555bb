import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { listAgents } from '../features/agents/agents.service.js';
import { checkInvariants } from '../features/assignment/invariant-checker.js';
import { DEMO_CUSTOMERS } from './demo-accounts.js';
import { seedDemo } from './demo-shop.js';

describe('seedDemo', () => {
  let dataDir: string;
  let ctx: AppContext;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'caseflow-seed-'));
    // No ADMIN_EMAIL: the seeder must bring its own admin.
    ctx = await createContext(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { log: { error: () => {} } });
  });

  afterAll(async () => {
    await ctx.database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves cases in every status through the real services, and a second run adds nothing', async () => {
    const first = await seedDemo(ctx);
    expect(first.alreadySeeded).toBe(false);
    const counts = first.statusCounts;
    expect(counts.new).toBeGreaterThan(0);
    expect(counts.open).toBeGreaterThan(0);
    expect(counts.pending).toBeGreaterThan(0);
    expect(counts.resolved).toBeGreaterThan(0);
    expect(counts.new + counts.open + counts.pending + counts.resolved).toBe(80);

    const { items: agents } = await listAgents(ctx);
    expect(agents).toHaveLength(6);
    expect(agents.filter((agent) => agent.state === 'away')).toHaveLength(2);
    // Agents left available are full: otherwise the `new` cases would have been assigned.
    for (const agent of agents.filter((item) => item.availability === 'available')) {
      expect(agent.activeCases).toBe(agent.capacity);
    }
    const customers = await ctx.database.db.selectFrom('users').select('id').where('role', '=', 'customer').execute();
    expect(customers).toHaveLength(DEMO_CUSTOMERS.length);
    expect((await checkInvariants(ctx.database.db)).violations).toEqual([]);

    const second = await seedDemo(ctx);
    expect(second.alreadySeeded).toBe(true);
    expect(second.statusCounts).toEqual(first.statusCounts);
    expect((await listAgents(ctx)).items).toHaveLength(6);
  });
});
