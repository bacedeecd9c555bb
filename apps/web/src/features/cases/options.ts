import {
  CATEGORY_LABELS,
  type Category,
  caseStatusSchema,
  categorySchema,
  desiredOutcomeSchema,
  prioritySchema,
  returnReasonSchema,
} from '@caseflow/contract';
import { labelOf } from '../../lib/format';

const toOptions = (values: readonly string[]) => values.map((value) => ({ value, label: labelOf(value) }));

/** Select options straight from the contract's enums, so the web app cannot offer a value the API rejects. */
export const reasonOptions = toOptions(returnReasonSchema.options);
export const outcomeOptions = toOptions(desiredOutcomeSchema.options);
export const priorityOptions = toOptions(prioritySchema.options);
export const statusOptions = toOptions(caseStatusSchema.options);

export const categoryLabels = CATEGORY_LABELS;
export const categoryOptions = categorySchema.options.map((value) => ({ value, label: categoryLabels[value] }));
export const isCategory = (value: string | null | undefined): value is Category =>
  categorySchema.safeParse(value).success;
