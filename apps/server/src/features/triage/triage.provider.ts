import { categorySchema, prioritySchema, TAG_LIMIT, type TriageRecord, tagSchema } from '@caseflow/contract';
import { z } from 'zod';
import type { Config } from '../../config.js';

type Provider = NonNullable<Config['triage']['provider']>;

const SYSTEM_PROMPT = `You triage customer-support messages for an online shop. Answer with one JSON object only:
{"category": one of ${categorySchema.options.join(', ')},
 "priority": one of urgent, high, normal, low,
 "tags": up to ${TAG_LIMIT} lower-case single words,
 "reason": one short sentence}.
Categories: return_refund = wants to send an item back or get money back for an item not yet returned; damaged_item = arrived broken, crushed, scratched, leaking; wrong_item = wrong product, size, colour or quantity, or an item missing; defective = stopped working, faulty, unsafe after use; delivery = late, lost, tracking, courier, delivered but not received; order_change = change or cancel an order before it ships; billing = charges, double charges, refunds owed after a return or cancellation, invoices, payment methods, promo codes; account = sign-in, password, profile, email, data deletion, suspicious sign-ins; product_question = questions, usage, sizing, compatibility, feedback. A safety problem is defective and urgent even when the customer also asks for a refund.
Priorities: urgent = a risk to safety or health, fraud or a compromised account, legal threats; high = money wrongly taken or owed, long overdue deliveries, anything time-critical; normal = the ordinary problem; low = questions, feedback, no problem to fix.`;

const answerSchema = z.object({
  category: categorySchema,
  priority: prioritySchema,
  tags: z.array(z.string()).default([]),
  reason: z.string().max(500).optional(),
});

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

/** A model's reply may wrap its JSON in a code fence or a sentence: the first {...} is the answer. */
function jsonIn(content: string): unknown {
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    return JSON.parse(content.slice(start, end + 1));
  } catch {
    return undefined;
  }
}

/**
 * Asks an OpenAI-compatible chat-completions endpoint (SPEC §9's optional provider) for a triage
 * record. Undefined on any error, bad output or past the timeout: the offline result then stands.
 */
export async function askProvider(
  provider: Provider,
  message: { subject: string; description: string },
): Promise<{ record: TriageRecord } | { failure: string }> {
  let reply: Response;
  try {
    reply = await fetch(`${provider.url}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(provider.apiKey ? { authorization: `Bearer ${provider.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: provider.model,
        temperature: 0,
        response_format: { type: 'json_object' },
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          {
            role: 'user',
            content: `Subject: ${message.subject.slice(0, 500)}\n\n${message.description.slice(0, 8_000)}`,
          },
        ],
      }),
      signal: AbortSignal.timeout(provider.timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    return { failure: error instanceof Error ? `${error.name}: ${error.message}` : 'request failed' };
  }
  if (!reply.ok) return { failure: `answered ${reply.status}` };
  const completion = completionSchema.safeParse(await reply.json().catch(() => undefined));
  if (!completion.success) return { failure: 'not a chat completion' };
  const answer = answerSchema.safeParse(jsonIn(completion.data.choices[0]?.message.content ?? ''));
  if (!answer.success) return { failure: 'the answer is not a triage record' };
  const tags = [
    ...new Set(answer.data.tags.flatMap((tag) => (tagSchema.safeParse(tag).success ? [tag.trim().toLowerCase()] : []))),
  ].slice(0, TAG_LIMIT);
  return {
    record: {
      category: answer.data.category,
      priority: answer.data.priority,
      tags,
      confidence: { category: 1, priority: 1, tags: 1 },
      reasons: [`provider: ${answer.data.reason ?? 'no reason given'}`],
      model: provider.model,
      version: 'provider',
    },
  };
}
