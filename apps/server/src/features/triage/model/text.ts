import { addGlosses } from './glossary.js';

/** Triage reads at most this much of a message: enough for any real complaint, bounded for a 100 KB paste. */
export const ANALYSED_CHARS = 4000;

const NON_ASCII = /[^ -~\s]/;
const COMBINING_MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’`´]/g;
const HAS_DIGIT = /\d/;
const SPACES = / {2,}/g;
// What a year or a reference number needs (after amounts are replaced): a '#' or four digits in a row.
const HAS_YEAR_OR_REFERENCE = /#|\d{4}/;
const URL = /\b(?:https?:\/\/|www\.)\S+/g;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
// Amounts with a currency on either side; the figure itself says nothing about the problem.
const MONEY =
  /(?:[$£€₹¥]|\b(?:usd|aud|cad|nzd|eur|gbp|inr|chf|sek|dkk|nok|pln|rs\.?|us\$|a\$|c\$)\s?)\d[\d.,]*|\b\d[\d.,]*\s?(?:[$£€₹]|(?:eur|euros?|dollars?|pounds?|quid|bucks|usd|aud|cad|gbp|inr|rupees?|chf)\b)/g;
// Order, tracking and reference numbers: any token with a run of four or more digits (years apart).
const YEAR = /\b(?:19|20)\d\d\b(?!-)/g;
const REFERENCE = /#\s?[a-z0-9-]*\d[a-z0-9-]*|\b(?:[a-z0-9]+-)*[a-z0-9]*\d{4,}[a-z0-9]*(?:-[a-z0-9]+)*\b/g;

/** Accepts anything (triage must never throw on what a client sent), returns a string. */
export function asText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * The text every triage stage reads: subject and description, truncated, lower-case, accents stripped
 * (NFKD), apostrophes dropped ("didn't" → "didnt"), and order numbers, amounts, e-mail addresses and
 * links replaced by placeholder words (zorder, zmoney, zemail, zurl) so no model learns a number.
 */
export function normaliseText(subject: string, description: string): string {
  const head = subject.length >= ANALYSED_CHARS ? subject.slice(0, ANALYSED_CHARS) : subject;
  const room = ANALYSED_CHARS - head.length - 1;
  let text = room > 0 ? `${head}\n${description.length > room ? description.slice(0, room) : description}` : head;
  text = text.toLowerCase();
  if (NON_ASCII.test(text)) {
    text = text.normalize('NFKD').replace(COMBINING_MARKS, '').replace(/ß/g, 'ss').replace(/[æœ]/g, 'ae');
  }
  text = text.replace(APOSTROPHES, '');
  // Each replacement only where it can match: most messages have no link, address or number.
  const before = text;
  if (text.includes('http') || text.includes('www.')) text = text.replace(URL, ' zurl ');
  if (text.includes('@')) text = text.replace(EMAIL, ' zemail ');
  if (HAS_DIGIT.test(text)) {
    text = text.replace(MONEY, ' zmoney ');
    if (HAS_YEAR_OR_REFERENCE.test(text)) text = text.replace(YEAR, ' zyear ').replace(REFERENCE, ' zorder ');
  }
  // One space around a placeholder, as the rules' patterns expect ("balance was zmoney").
  if (text !== before) text = text.replace(SPACES, ' ');
  return addGlosses(text);
}

/**
 * Whether the text reads as language: at least three letters, and letters at least half of the visible
 * characters (binary dumps, codes and symbol soup are not). Counted on the raw text, before order
 * numbers become placeholder words.
 */
export function isReadable(subject: string, description: string): boolean {
  let ascii = 0;
  let latin1 = 0;
  let other = 0;
  let visible = 0;
  const count = (text: string, limit: number) => {
    const end = Math.min(text.length, limit);
    for (let i = 0; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code <= 32) continue;
      visible++;
      if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) ascii++;
      else if (code >= 0xc0 && code <= 0xff) latin1++;
      else if (code > 0xff && isLetterBeyondAscii(code)) other++;
    }
  };
  count(subject, ANALYSED_CHARS);
  count(description, ANALYSED_CHARS - Math.min(subject.length, ANALYSED_CHARS));
  // Accented Latin letters are a minority in real text; bytes misread as Latin-1 are full of them.
  const letters = ascii + other + Math.min(latin1, ascii / 2);
  return letters >= 3 && letters * 2 >= visible;
}

function isLetterBeyondAscii(code: number): boolean {
  if (code >= 0x2000 && code <= 0x2bff) return false; // punctuation, currency, arrows, maths, boxes
  if (code >= 0x3000 && code <= 0x303f) return false; // CJK punctuation
  if (code >= 0xd800 && code <= 0xdfff) return false; // surrogate halves (emoji and the like)
  if (code >= 0xfe00 && code <= 0xfe0f) return false; // variation selectors
  return code !== 0xfffd && code !== 0xfeff;
}
