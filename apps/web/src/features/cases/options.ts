import {
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

/** What each category means in a customer's words (SPEC §9); staff see the same names. */
export const categoryLabels: Record<Category, string> = {
  return_refund: 'Return or refund',
  damaged_item: 'Arrived damaged',
  wrong_item: 'Wrong or missing item',
  defective: 'Faulty or stopped working',
  delivery: 'Delivery or tracking',
  order_change: 'Change or cancel an order',
  billing: 'Billing and payments',
  account: 'Account and sign-in',
  product_question: 'Product question',
};
export const categoryOptions = categorySchema.options.map((value) => ({ value, label: categoryLabels[value] }));
export const isCategory = (value: string | null | undefined): value is Category =>
  categorySchema.safeParse(value).success;
