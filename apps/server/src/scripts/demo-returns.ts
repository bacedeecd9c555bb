import { Readable } from 'node:stream';
import { type Case, OUTCOME_STATE_OF, RETURN_MOVES, type ReturnState } from '@caseflow/contract';
import type { AppContext, Caller } from '../context.js';
import { storeUpload } from '../features/attachments/attachments.service.js';
import { getCase } from '../features/cases/cases.service.js';
import { moveReturn } from '../features/returns/returns.service.js';
import type { SeededRandom } from './seeded-random.js';

/** Where the active cases' returns are left, in turn: every stage of the workflow has some. */
const ACTIVE_STAGES: readonly ReturnState[] = ['requested', 'approved', 'label_sent', 'received'];
/** A resolved case's return was rejected this often (a flagged one always); the rest reached the outcome asked for. */
const REJECTED_SHARE = 0.15;

const REASONS: Partial<Record<ReturnState, string>> = {
  approved: 'Thanks for the photos: the damage is clear, so this one is on us.',
  rejected: 'The item was bought as final sale, so we cannot take it back; we are sorry.',
  received: 'The parcel arrived this morning; we are checking the item now.',
};

/**
 * A one-page PDF saying which return it labels: the demo's shipping label, stored through the same
 * upload path as any staff member's file (its type judged by its bytes).
 */
function labelPdf(rma: string): Buffer {
  const text = `BT /F1 28 Tf 72 720 Td (Caseflow demo shop: return ${rma}) Tj 0 -48 Td (Ship to: Returns desk, 1 Demo Street) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, index) => {
    const offset = pdf.length;
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** The moves from `requested` to `target` (the workflow's one path there). */
function pathTo(target: ReturnState): ReturnState[] {
  const path: ReturnState[] = [];
  let state: ReturnState = 'requested';
  while (state !== target) {
    const next: ReturnState | undefined = RETURN_MOVES[state].find((to) => to === target) ?? RETURN_MOVES[state][0];
    if (!next) throw new Error(`no move leads from requested to ${target}`);
    path.push(next);
    state = next;
  }
  return path;
}

function targetOf(item: Case, random: SeededRandom, activeIndex: number): ReturnState {
  // A case still in the queue has had no one to look at its return.
  if (item.status === 'new') return 'requested';
  if (item.status !== 'resolved') return ACTIVE_STAGES[activeIndex % ACTIVE_STAGES.length] ?? 'requested';
  const flagged = (item.return?.flags.length ?? 0) > 0;
  if (flagged || random.chance(REJECTED_SHARE) || !item.desiredOutcome) return 'rejected';
  return OUTCOME_STATE_OF[item.desiredOutcome];
}

/**
 * SPEC §12 in the demo shop: its cases' returns in every state, moved through the real returns service
 * by the case's agent (logged, mailed and sent as `return.updated` like any move). Resolved cases ended
 * in their outcome or a rejection; active ones stand at each stage on the way, some with their label;
 * queued ones wait, `requested`. Answers how many returns it moved.
 */
export async function workDemoReturns(
  ctx: AppContext,
  random: SeededRandom,
  caseIds: readonly number[],
  admin: Caller,
) {
  let activeIndex = 0;
  let moved = 0;
  for (const caseId of caseIds) {
    const item = await getCase(ctx, admin, caseId);
    if (!item.return) continue;
    const target = targetOf(item, random, item.status === 'resolved' ? 0 : activeIndex++);
    if (target === 'requested') continue;
    const staff: Caller = item.assignee ? { userId: item.assignee.id, role: 'agent', sessionId: 0 } : admin;
    for (const to of pathTo(target)) {
      const attachmentId =
        to === 'label_sent'
          ? (
              await storeUpload(ctx, staff, {
                stream: Readable.from([labelPdf(item.return.rma)]),
                name: `return-label-${item.return.rma}.pdf`,
                isTruncated: () => false,
              })
            ).id
          : undefined;
      const reason = to === 'rejected' ? REASONS.rejected : random.chance(0.5) ? REASONS[to] : undefined;
      await moveReturn(ctx, staff, caseId, {
        to,
        ...(reason ? { reason } : {}),
        ...(attachmentId ? { attachmentId } : {}),
      });
    }
    moved++;
  }
  return moved;
}
