import { z } from 'zod';

export const prioritySchema = z.enum(['urgent', 'high', 'normal', 'low']);
export type Priority = z.infer<typeof prioritySchema>;
/** The queue rank stored for each priority (SPEC §2 rule 1: lower is served first). */
export const PRIORITY_RANK = { urgent: 0, high: 1, normal: 2, low: 3 } as const satisfies Record<Priority, number>;
const PRIORITY_BY_RANK = new Map<number, Priority>(prioritySchema.options.map((name) => [PRIORITY_RANK[name], name]));
/** The priority a stored queue rank stands for; undefined for a rank no priority has. */
export const priorityOfRank = (rank: number): Priority | undefined => PRIORITY_BY_RANK.get(rank);
