import { z } from 'zod';
import {
  idSchema,
  nullableTimestamp,
  optionalTextSchema,
  personRefSchema,
  textSchema,
  timestampSchema,
} from './common.js';

/** SPEC §9's categories: what a case is about. Routing sends each to the team that handles it. */
export const categorySchema = z.enum([
  'return_refund',
  'damaged_item',
  'wrong_item',
  'defective',
  'delivery',
  'order_change',
  'billing',
  'account',
  'product_question',
]);
export type Category = z.infer<typeof categorySchema>;

/** What each category means in a customer's words (SPEC §9): the web app, the help center and staff alike. */
export const CATEGORY_LABELS: Record<Category, string> = {
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

export const teamRefSchema = z.object({ id: z.number().int(), name: z.string() });
export type TeamRef = z.infer<typeof teamRefSchema>;

export const teamSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  isDefault: z.boolean(),
  categories: z.array(categorySchema),
  memberCount: z.number().int(),
  /** The team's current agents by name (removed agents leave their teams). */
  members: z.array(personRefSchema),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Team = z.infer<typeof teamSchema>;
export const teamList = z.object({ items: z.array(teamSchema) });

const uniqueIds = (field: string) =>
  z
    .array(idSchema)
    .max(10_000)
    .refine((ids) => new Set(ids).size === ids.length, `${field} lists an id twice`);
const categoryList = z
  .array(categorySchema)
  .max(categorySchema.options.length)
  .refine((categories) => new Set(categories).size === categories.length, 'lists a category twice');

export const teamNameSchema = textSchema(80);
const descriptionSchema = optionalTextSchema(500);
export const createTeamBody = z.object({
  name: teamNameSchema,
  description: descriptionSchema.default(''),
  categories: categoryList.default([]),
});
export type CreateTeamBody = z.infer<typeof createTeamBody>;

export const updateTeamBody = z
  .object({
    name: teamNameSchema,
    description: descriptionSchema,
    categories: categoryList,
    /** Only `true`: the default moves to this team (there is always exactly one). */
    isDefault: z.literal(true),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'give at least one of name, description, categories, isDefault');
export type UpdateTeamBody = z.infer<typeof updateTeamBody>;

export const teamMembersBody = z.object({ agentIds: uniqueIds('agentIds') });
export type TeamMembersBody = z.infer<typeof teamMembersBody>;

export const transferCaseBody = z.object({ teamId: idSchema, note: textSchema(10_000).optional() });
export type TransferCaseBody = z.infer<typeof transferCaseBody>;
export const bulkTransferBody = z.object({
  caseIds: uniqueIds('caseIds').min(1).max(100),
  teamId: idSchema,
});
export type BulkTransferBody = z.infer<typeof bulkTransferBody>;

/** One team's line on the dashboard. */
export const teamQueueSchema = z.object({
  team: teamRefSchema,
  queued: z.number().int(),
  oldestCreatedAt: nullableTimestamp,
  oldestWaitSeconds: z.number().int().nullable(),
  /** Members who are available, and their spare capacity (capacity minus active cases). */
  availableMembers: z.number().int(),
  freeCapacity: z.number().int(),
  members: z.number().int(),
});
export type TeamQueue = z.infer<typeof teamQueueSchema>;
