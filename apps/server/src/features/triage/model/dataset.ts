import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { categorySchema, prioritySchema } from '@caseflow/contract';
import type { LabelledMessage } from './types.js';

const PARTS = ['part-a.jsonl', 'part-b.jsonl', 'part-c.jsonl', 'part-d.jsonl', 'part-e.jsonl'] as const;
// From the sources (features/triage/model/) and from the server bundle (apps/server/dist/).
const CANDIDATE_FOLDERS = ['../../../../data/triage/', '../data/triage/'] as const;

/** The folder of the shipped labelled set, found relative to this module wherever the process started. */
export function shippedDataFolder(): string {
  for (const candidate of CANDIDATE_FOLDERS) {
    const folder = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${folder}${PARTS[0]}`)) return folder;
  }
  throw new Error('triage: the labelled set (apps/server/data/triage/*.jsonl) is missing');
}

/** The fixed held-out fifth: every message whose numeric id part is divisible by 5 (a0005, a0010, ...). */
export function isHeldOut(id: string): boolean {
  const digits = /(\d+)$/.exec(id);
  return digits !== null && Number(digits[1]) % 5 === 0;
}

/** Parses one jsonl file; a malformed line is a bug in the shipped data, so it throws naming the line. */
export function parseLabelledLines(text: string, source: string): LabelledMessage[] {
  const messages: LabelledMessage[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const row = JSON.parse(line) as Record<string, unknown>;
    const category = categorySchema.safeParse(row.category);
    const priority = prioritySchema.safeParse(row.priority);
    const { id, subject, description, tags } = row;
    if (
      typeof id !== 'string' ||
      typeof subject !== 'string' ||
      typeof description !== 'string' ||
      !category.success ||
      !priority.success ||
      !Array.isArray(tags) ||
      !tags.every((tag) => typeof tag === 'string')
    ) {
      throw new Error(`triage: ${source} line ${index + 1} is not a labelled message`);
    }
    messages.push({ id, subject, description, category: category.data, priority: priority.data, tags });
  });
  return messages;
}

export function loadShippedSet(): { training: LabelledMessage[]; heldOut: LabelledMessage[] } {
  const folder = shippedDataFolder();
  const all = PARTS.flatMap((part) => parseLabelledLines(readFileSync(`${folder}${part}`, 'utf8'), part));
  return {
    training: all.filter((message) => !isHeldOut(message.id)),
    heldOut: all.filter((message) => isHeldOut(message.id)),
  };
}
