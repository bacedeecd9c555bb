// Triage's CPU cost per case at intake (SPEC §9: at most +10 %), measured inside one process so the load
// generator and the machine's other work stay out of it: two servers' contexts (SQLite, one with TRIAGE
// off), the same cases through the real creation pipeline (createCase: batching, triage, routing,
// assignment, the write), in alternating rounds, CPU time summed per side. Leaving HTTP out makes
// triage's share larger than over the wire, so the ratio is an upper bound for the real intake.
// Usage: npx tsx bench/triage-cost.ts [--rounds 20] [--cases 400] [--json]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createContext } from '../apps/server/src/bootstrap.js';
import { loadConfig } from '../apps/server/src/config.js';
import type { AppContext, Caller } from '../apps/server/src/context.js';
import { createAccount } from '../apps/server/src/features/accounts/accounts.service.js';
import { createCase } from '../apps/server/src/features/cases/cases.service.js';
import { loadShippedSet } from '../apps/server/src/features/triage/model/index.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '20' },
    cases: { type: 'string', default: '400' },
    json: { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const casesPerRound = Number(values.cases);
// Real customer messages (the shipped labelled set), so triage reads texts of real length.
const { training, heldOut } = loadShippedSet();
const messages = [...training, ...heldOut];

const silent = { error: () => {} };
async function side(triage: 'offline' | 'off') {
  const dataDir = mkdtempSync(join(tmpdir(), `caseflow-triage-cost-${triage}-`));
  const config = loadConfig({ DATA_DIR: dataDir, TRIAGE: triage, LOG_LEVEL: 'error' });
  const ctx = await createContext(config, { log: silent });
  const account = await createAccount(ctx.database.db, {
    email: `cost-${triage}@bench.test`,
    name: 'Cost',
    role: 'customer',
    passwordHash: null,
  });
  const caller: Caller = { userId: account.id, role: 'customer', sessionId: 0 };
  await ctx.triage.ready();
  return { name: triage, ctx, caller, dataDir, cpuUs: 0, cases: 0 };
}

async function runRound(s: { ctx: AppContext; caller: Caller; cpuUs: number; cases: number }, offset: number) {
  const started = process.cpuUsage();
  await Promise.all(
    Array.from({ length: casesPerRound }, (_, i) => {
      const message = messages[(offset + i) % messages.length];
      return createCase(s.ctx, s.caller, {
        subject: message?.subject || 'Help',
        description: message?.description || 'Please help.',
      });
    }),
  );
  const used = process.cpuUsage(started);
  s.cpuUs += used.user + used.system;
  s.cases += casesPerRound;
}

const off = await side('off');
const on = await side('offline');
try {
  // One warm-up round each (JIT, prepared statements), not counted.
  for (const s of [off, on]) {
    await runRound(s, 0);
    s.cpuUs = 0;
    s.cases = 0;
  }
  const pairs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const before = { off: off.cpuUs, on: on.cpuUs };
    // Alternate which side goes first, so neither always runs on a warmer or quieter turn.
    for (const s of round % 2 === 0 ? [off, on] : [on, off]) await runRound(s, round * casesPerRound);
    pairs.push((on.cpuUs - before.on) / (off.cpuUs - before.off));
  }
  pairs.sort((a, b) => a - b);
  const figures = {
    rounds,
    casesPerRound,
    offUsPerCase: Math.round(off.cpuUs / off.cases),
    onUsPerCase: Math.round(on.cpuUs / on.cases),
    ratio: Math.round((on.cpuUs / on.cases / (off.cpuUs / off.cases)) * 1000) / 1000,
    medianPairRatio: Math.round((pairs[Math.floor(pairs.length / 2)] ?? 0) * 1000) / 1000,
  };
  if (values.json) console.log(JSON.stringify(figures));
  else console.table(figures);
} finally {
  for (const s of [off, on]) {
    await s.ctx.database.close();
    rmSync(s.dataDir, { recursive: true, force: true });
  }
}
