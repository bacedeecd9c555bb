import { stemmer } from 'stemmer';
import { CONCEPTS } from './concepts.js';

// Words that say nothing about which article answers: function words and the courtesies of a message.
const STOPWORDS = new Set(
  (
    'a an the and or but if so of to in on at by for from with without into onto about as is am are was were be been ' +
    'being it its this that these those there here i me my mine we us our you your he she they them their his her ' +
    'do does did doing have has had having can could would should will shall may might must just also too very really ' +
    'please thanks thank hi hello hey dear regards cheers kind best what which who whom whose when why how ' +
    'any some all each every than then only own same other such up out off over again further once ok okay yes ' +
    'im ive id ill youre its whats thats theres dont'
  ).split(' '),
);

const NON_ASCII = /[^\t\n\r -~]/;
const COMBINING_MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’`´]/g;
const NON_WORD = /[^a-z0-9]+/;
const DIGITS_ONLY = /^\d+$/;
/** A 2,000-character query has hundreds of words; the first ones say what it is about, and bound the work. */
export const MAX_QUERY_TERMS = 48;

/** Lower case, accents and apostrophes gone: the form every comparison of words uses. */
export function normaliseWords(text: string): string[] {
  let lower = text.toLowerCase();
  // Most text is plain ASCII: decomposing it would change nothing and costs a third of indexing.
  if (NON_ASCII.test(lower)) lower = lower.normalize('NFKD').replace(COMBINING_MARKS, '');
  return lower
    .replace(APOSTROPHES, '')
    .split(NON_WORD)
    .filter((word) => word.length > 0);
}

type Phrase = { rest: readonly string[]; concept: string };

/** Phrases indexed by their first word, so finding every concept in a text is one pass over its words. */
const PHRASES_BY_FIRST_WORD = (() => {
  const byFirst = new Map<string, Phrase[]>();
  for (const group of CONCEPTS) {
    const concept = stemmer(group[0] ?? '');
    for (const entry of group) {
      const [first, ...rest] = normaliseWords(entry);
      if (first === undefined) continue;
      const list = byFirst.get(first) ?? [];
      list.push({ rest, concept });
      byFirst.set(first, list);
    }
  }
  return byFirst;
})();

// "send it back", "take the lamp back": a two-word phrase still counts with a word or two between.
const PHRASE_GAP = 2;

function matchesAt(words: readonly string[], index: number, phrase: Phrase): boolean {
  if (phrase.rest.length !== 1) return phrase.rest.every((next, offset) => words[index + 1 + offset] === next);
  for (let gap = 0; gap <= PHRASE_GAP; gap++) if (words[index + 1 + gap] === phrase.rest[0]) return true;
  return false;
}

function conceptsIn(words: readonly string[]): string[] {
  const found = new Set<string>();
  words.forEach((word, index) => {
    for (const phrase of PHRASES_BY_FIRST_WORD.get(word) ?? []) {
      if (matchesAt(words, index, phrase)) found.add(phrase.concept);
    }
  });
  return [...found];
}

const stems = new Map<string, string>();
function stemOf(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = stemmer(word);
    if (stems.size < 100_000) stems.set(word, stem);
  }
  return stem;
}

/**
 * The search terms of a text, for articles and questions alike: the concept words of the phrases it
 * contains, then its own words, stemmed ("parcels" → "parcel"), without stop words or bare numbers.
 * The text's own words come last, in order, so a prefix match can apply to the word being typed.
 */
export function analyse(text: string): string[] {
  const words = normaliseWords(text);
  const terms = conceptsIn(words);
  for (const word of words) {
    if (word.length < 2 || STOPWORDS.has(word) || DIGITS_ONLY.test(word)) continue;
    terms.push(stemOf(word));
  }
  return terms;
}
