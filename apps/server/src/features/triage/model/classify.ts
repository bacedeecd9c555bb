import type { Category, Priority } from '@caseflow/contract';
import { hasLowEvidence } from './cues.js';
import { FeatureExtractor } from './features.js';
import { type Head, IDF_SLOT, STRIDE, scaleAndScore, softmaxInPlace } from './linear.js';
import { isOwnDoing, type RuleHit, type RuleKind, readRules } from './rules.js';
import { MODEL_NAME } from './settings.js';
import { createTermMatcher, isCueTriggered, isRuleTriggered, matchedTags, TAG_LIMIT } from './tags.js';
import { asText, isReadable, normaliseText } from './text.js';
import { CATEGORIES, CATEGORY_HEAD, PRIORITIES, PRIORITY_HEAD, type TrainedParts, USED_SLOTS } from './train.js';
import type { TriageInput, TriageModel, TriageResult } from './types.js';
import { weighUnscaled } from './weighting.js';

const REASON_LIMIT = 8;
/** Below this share of familiar words the text is likely another language or noise: trust the model less. */
const FAMILIAR_SHARE = 0.5;
/** Text this unfamiliar (noise, a language the examples lack) gets the neutral answer: product_question, normal. */
const LEAST_TRUST = 0.2;
const RULE_CONFIDENCE = 0.95;
/**
 * Without a rule, `urgent` needs at least this probability from the model, or the next priority stands:
 * urgent is for harm, fraud and legal threats, which the rules look for; the model's own urgent guesses
 * below it were, on the held-out part and on messages written elsewhere, worried wording (a password
 * reset mail that never comes, a thank-you) rather than urgent cases.
 */
const MODEL_URGENT_PROBABILITY = 0.5;
const NO_RULES = { hits: [] as RuleHit[], harmDiscounted: false };
const RULE_LABEL: Record<RuleKind, string> = { safety: 'safety', risk: 'safety risk', fraud: 'fraud', legal: 'legal' };
const PLACEHOLDERS = new Set(['zorder', 'zmoney', 'zyear', 'zemail', 'zurl']);
const CATEGORY_SET: ReadonlySet<unknown> = new Set(CATEGORIES);
const DEFECTIVE = CATEGORIES.indexOf('defective');
const URGENT = PRIORITIES.indexOf('urgent');
const NORMAL = PRIORITIES.indexOf('normal');
const LOW = PRIORITIES.indexOf('low');
const PRODUCT_QUESTION = CATEGORIES.indexOf('product_question');
// Module-local copies of hot constants (an import read is a getter call under tsx's CommonJS transform).
const WORD_STRIDE = STRIDE;
const IDF_SLOT_LOCAL = IDF_SLOT;

/** The classify() of one trained model; keeps its scratch buffers, so one instance serves one thread. */
export function buildModel(parts: TrainedParts): TriageModel {
  const { settings, model, tagPrecision } = parts;
  const { weights } = model;
  const termMatcher = createTermMatcher();
  const isTriggered = (rule: number) => isRuleTriggered(termMatcher, rule);
  const extractor = new FeatureExtractor(settings.features, model, termMatcher, (pattern) =>
    isCueTriggered(termMatcher, pattern),
  );
  const { charWeight } = settings.features;
  const scores = new Float64Array(STRIDE);
  const prunedTags = new Set(
    [...tagPrecision].filter(([, { fired, correct }]) => fired >= 5 && correct / fired < 0.25).map(([tag]) => tag),
  );
  const tagConfidence = new Map(
    [...tagPrecision].map(([tag, { fired, correct }]) => [tag, (correct + 1) / (fired + 2)] as const),
  );
  const topSlots = new Int32Array(3);
  const topAmounts = new Float64Array(3);

  /** The words (and word pairs) that pushed `best` above the runner-up the most. */
  function topWords(head: Head, best: number, text: string, limit: number): string[] {
    const first = head.offset + best;
    const second = head.offset + runnerUp(head, best);
    let found = 0;
    for (let w = 0; w < extractor.wordSlotCount; w++) {
      const slot = extractor.wordSlots[w]!;
      const value = extractor.values[slot]!;
      if (value === 0) continue;
      const base = extractor.indices[slot]! * WORD_STRIDE;
      const amount = value * (weights[base + first]! - weights[base + second]!);
      if (amount <= 0 || (found === limit && amount <= topAmounts[limit - 1]!)) continue;
      let at = found < limit ? found++ : limit - 1;
      while (at > 0 && topAmounts[at - 1]! < amount) {
        topAmounts[at] = topAmounts[at - 1]!;
        topSlots[at] = topSlots[at - 1]!;
        at--;
      }
      topAmounts[at] = amount;
      topSlots[at] = slot;
    }
    const words: string[] = [];
    for (let i = 0; i < found; i++) {
      const slot = topSlots[i]!;
      const word = text.slice(extractor.starts[slot]!, extractor.ends[slot]!).replace(/\s+/g, ' ').trim();
      if (word && !PLACEHOLDERS.has(word) && !words.includes(word)) words.push(word);
    }
    return words;
  }

  /** Both heads' raw scores for a normalised text into `scores`: the features' and the char n-grams' (charSums). */
  function score(text: string): void {
    extractor.extract(text);
    const { indices, counts, groups, values, size, charSums } = extractor;
    const scales = weighUnscaled(indices, counts, groups, size, weights, settings.features, values);
    scaleAndScore(model, USED_SLOTS, indices, values, groups, scales, size, scores);
    const norm = charSums[IDF_SLOT_LOCAL]!;
    if (norm <= 0) return;
    const scale = charWeight / Math.sqrt(norm);
    for (let k = 0; k < USED_SLOTS; k++) scores[k]! += scale * charSums[k]!;
  }

  function runnerUp(head: Head, best: number): number {
    let second = best === 0 ? 1 : 0;
    for (let k = 0; k < head.classes; k++) {
      if (k !== best && scores[head.offset + k]! > scores[head.offset + second]!) second = k;
    }
    return second;
  }

  function tagsFor(hits: readonly RuleHit[]): { tags: string[]; confidence: number } {
    const tags: string[] = [];
    for (const hit of hits) for (const tag of hit.tags) if (!tags.includes(tag)) tags.push(tag);
    for (const tag of matchedTags(termMatcher)) {
      if (tags.length >= TAG_LIMIT) break;
      if (!prunedTags.has(tag) && !tags.includes(tag)) tags.push(tag);
    }
    if (tags.length > TAG_LIMIT) tags.length = TAG_LIMIT;
    if (tags.length === 0) return { tags, confidence: 0 };
    let sum = 0;
    // A tag the examples never used is a fair guess, not a certainty.
    for (const tag of tags) sum += tagConfidence.get(tag) ?? 0.5;
    return { tags, confidence: sum / tags.length };
  }

  function classify(input: TriageInput): TriageResult {
    const subject = asText(input?.subject);
    const description = asText(input?.description);
    const chosen = input?.category;
    const text = normaliseText(subject, description);
    score(text);
    const { cuesFound } = extractor;
    const familiar = extractor.words === 0 ? 0 : extractor.knownWords / extractor.words;
    const readable = isReadable(subject, description);
    const trust = readable ? Math.min(1, familiar / FAMILIAR_SHARE) : 0;
    const isGuessable = trust >= LEAST_TRUST;
    const categoryBest = softmaxInPlace(scores, CATEGORY_HEAD);
    let priorityBest = softmaxInPlace(scores, PRIORITY_HEAD);
    const { hits, harmDiscounted } = settings.rules ? readRules(text, isTriggered) : NO_RULES;
    // The model's own urgent needs the probability, and no sign that the alarming words are not the
    // customer's harm now (asked before buying, heard of, long past) or that the alert was their own doing.
    if (
      priorityBest === URGENT &&
      hits.length === 0 &&
      (scores[PRIORITY_HEAD.offset + URGENT]! < MODEL_URGENT_PROBABILITY || harmDiscounted || isOwnDoing(text))
    ) {
      priorityBest = runnerUp(PRIORITY_HEAD, URGENT);
    }
    let evidence = -1;
    const lowEvidence = (): boolean => {
      if (evidence < 0) evidence = hasLowEvidence(text, cuesFound) ? 1 : 0;
      return evidence === 1;
    };
    const reasons: string[] = [];
    for (const hit of hits) reasons.push(`rule: ${RULE_LABEL[hit.kind]} ("${hit.words}")`);

    let category: Category;
    let categoryConfidence: number;
    if (CATEGORY_SET.has(chosen)) {
      category = chosen as Category;
      categoryConfidence = 1;
      reasons.push('category chosen by the customer');
    } else if (hits.some((hit) => hit.kind === 'safety')) {
      category = 'defective';
      categoryConfidence = Math.max(RULE_CONFIDENCE * Math.max(trust, 0.5), scores[CATEGORY_HEAD.offset + DEFECTIVE]!);
    } else if (isGuessable) {
      let best = categoryBest;
      if (best === PRODUCT_QUESTION && !lowEvidence()) {
        // product_question is for questions and feedback; a statement of a problem goes to the next category.
        best = runnerUp(CATEGORY_HEAD, best);
        reasons.push('no question or feedback: not product_question');
      }
      category = CATEGORIES[best]!;
      categoryConfidence = scores[CATEGORY_HEAD.offset + best]! * trust;
      for (const word of topWords(CATEGORY_HEAD, best, text, 3)) reasons.push(`word: "${word}"`);
    } else {
      category = 'product_question';
      categoryConfidence = scores[CATEGORY_HEAD.offset + categoryBest]! * trust;
    }

    let priority: Priority;
    let priorityConfidence: number;
    if (hits.length > 0) {
      priority = 'urgent';
      priorityConfidence = Math.max(RULE_CONFIDENCE * Math.max(trust, 0.5), scores[PRIORITY_HEAD.offset + URGENT]!);
    } else if (isGuessable && priorityBest === LOW && !lowEvidence()) {
      // `low` is for questions and feedback; a problem stated without either is the ordinary case.
      priority = 'normal';
      priorityConfidence = scores[PRIORITY_HEAD.offset + NORMAL]! * trust;
      reasons.push('no question or feedback: normal');
    } else if (isGuessable) {
      priority = PRIORITIES[priorityBest]!;
      priorityConfidence = scores[PRIORITY_HEAD.offset + priorityBest]! * trust;
      if (reasons.length < REASON_LIMIT) {
        for (const word of topWords(PRIORITY_HEAD, priorityBest, text, 2)) {
          if (!reasons.includes(`word: "${word}"`)) reasons.push(`word: "${word}" (${priority})`);
        }
      }
    } else {
      priority = 'normal';
      priorityConfidence = scores[PRIORITY_HEAD.offset + NORMAL]! * trust;
    }

    const tagged = tagsFor(hits);
    return {
      category,
      priority,
      tags: tagged.tags,
      confidence: {
        category: round(categoryConfidence),
        priority: round(priorityConfidence),
        tags: round(readable ? tagged.confidence : 0),
      },
      reasons: reasons.length > REASON_LIMIT ? reasons.slice(0, REASON_LIMIT) : reasons,
      model: MODEL_NAME,
      version: parts.version,
    };
  }

  /** How likely each category is for a text by the model alone (no rules, no customer's choice). */
  function categoryProbabilities(text: string): Record<Category, number> {
    score(normaliseText('', text));
    softmaxInPlace(scores, CATEGORY_HEAD);
    const probabilities = {} as Record<Category, number>;
    CATEGORIES.forEach((category, index) => {
      probabilities[category] = scores[CATEGORY_HEAD.offset + index]!;
    });
    return probabilities;
  }

  return { classify, categoryProbabilities, version: parts.version, trainedOn: parts.trainedOn };
}

function round(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
}
