import type { CaseReturn, Category, DesiredOutcome, Priority, ReturnReason, TriageRecord } from '@caseflow/contract';
import type { CaseRow } from '../cases.repository.js';

/**
 * A new case as every door hands it to intake (the API, later the widget and mail): the domain's
 * input, not an HTTP body.
 */
export interface NewCaseInput {
  customerId: number;
  subject: string;
  description: string;
  orderNumber: string | null;
  product: string | null;
  reason: ReturnReason | null;
  desiredOutcome: DesiredOutcome | null;
  /** The order's delivery date (YYYY-MM-DD), for a return's eligibility (SPEC §12). */
  deliveredAt: string | null;
  /** The item was sold as final sale, as the customer or the shop's form says. */
  finalSale: boolean;
  /** Chosen by the customer; null means "not sure" (triage, when it exists, decides). */
  category: Category | null;
  source: 'api' | 'widget' | 'mail';
  /** The customer's own uploads for the case's first message (SPEC §12); empty for most cases. */
  attachmentIds: readonly string[];
  idempotency: { key: string; requestHash: string } | undefined;
}

/** A new case on its way through the creation pipeline: each stage fills in what it decides. */
export interface CaseDraft extends NewCaseInput {
  /** Set by triage (customers never set it). */
  priority: Priority;
  tags: string[];
  /** The customer chose the category (triage keeps it, and so does the provider). */
  categoryChosen: boolean;
  /** What triage decided and why; null only if triage never ran on it. */
  triage: TriageRecord | null;
  /** Set by routing. */
  teamId: number;
  routeReason: string;
  /** Set by the assignment planner: the agent who takes it at once, or null (it queues). */
  assigneeId: number | null;
  /** Set once the case is written. */
  row: CaseRow | undefined;
  /** Set by the returns stage for a case with a desired outcome (SPEC §12). */
  caseReturn: CaseReturn | null;
}

export const toDraft = (input: NewCaseInput): CaseDraft => ({
  ...input,
  priority: 'normal',
  tags: [],
  categoryChosen: input.category !== null,
  triage: null,
  teamId: 0,
  routeReason: '',
  assigneeId: null,
  row: undefined,
  caseReturn: null,
});
