import type { RetrainResult, TriagePreviewBody, TriageRecord, TriageStats } from '@caseflow/contract';
import type { AppContext } from '../../context.js';
import { toIso } from '../../http/time.js';
import * as repository from './triage.repository.js';

const accuracy = (triaged: number, corrected: number) => (triaged === 0 ? null : (triaged - corrected) / triaged);

/** `POST /triage`: what triage would decide, creating nothing. */
export async function previewTriage(ctx: AppContext, body: TriagePreviewBody): Promise<TriageRecord> {
  await ctx.triage.ready();
  return ctx.triage.classify(body);
}

export async function retrainTriage(ctx: AppContext): Promise<RetrainResult> {
  const { corrections, durationMs } = await ctx.triage.retrain();
  const { model, version, trainedOn } = ctx.triage.info;
  return { model, version, trainedOn, corrections, durationMs };
}

/** Accuracy against staff corrections: a triaged value staff changed counts as a miss. */
export async function triageStats(ctx: AppContext): Promise<TriageStats> {
  await ctx.triage.ready();
  const [perCategory, priority] = await Promise.all([
    repository.countCategoryCorrections(ctx.database.db),
    repository.countPriorityCorrections(ctx.database.db),
  ]);
  const triaged = perCategory.reduce((sum, row) => sum + row.triaged, 0);
  const corrected = perCategory.reduce((sum, row) => sum + row.corrected, 0);
  const { model, version, trainedOn, trainedAt } = ctx.triage.info;
  return {
    model,
    version,
    trainedOn,
    trainedAt: toIso(trainedAt),
    corrections: priority.corrections,
    category: {
      triaged,
      corrected,
      accuracy: accuracy(triaged, corrected),
      perCategory: perCategory
        .map((row) => ({ ...row, accuracy: accuracy(row.triaged, row.corrected) }))
        .sort((a, b) => b.triaged - a.triaged),
    },
    priority: {
      triaged: priority.triaged,
      corrected: priority.corrected,
      accuracy: accuracy(priority.triaged, priority.corrected),
    },
  };
}
