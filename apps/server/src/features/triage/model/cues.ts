/**
 * Priority cues: the ways customers say "this has a deadline", "this is long overdue", "you owe me
 * money" or "no problem, just telling you" (SPEC §9's high and low). Each becomes one extra feature, so
 * the classifier learns one weight for all the wordings of a cue instead of one per rare word.
 */
const DAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun)';
const NUMBER =
  '(?:\\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|a few|couple of|a couple of)';

const CUES: ReadonlyArray<readonly [name: string, pattern: RegExp]> = [
  [
    'deadline',
    new RegExp(
      `\\b(?:today|tonight|tomorrow|this (?:morning|afternoon|evening|weekend|week)|(?:on|by|this|next|before|until|for) ${DAY}\\b|${DAY} (?:morning|afternoon|night)|asap|urgently|right away|straight away|as soon as possible|before (?:it|the order|my order) (?:ships|is shipped|goes out|leaves|is dispatched)|ships today|dispatch(?:ed|es)? today|in (?:\\d+|two|three) (?:hours|days)|(?:leaving|flying|travelling|traveling|moving) (?:on|tomorrow|this|next|in)|(?:wedding|party|prom|recital|funeral|interview|graduation|christening|opening|trip|holiday|event|shoot|gala|camp|tournament|match|race|game|flight|birthday|shower) (?:is |on |this |tomorrow|today|next )|(?:need|needs|needed) (?:it|them|this) (?:by|for|before|today|tomorrow)|time.?sensitive|deadline|closes (?:today|tomorrow|in)|expires? (?:today|tonight|tomorrow))`,
    ),
  ],
  [
    'overdue',
    new RegExp(
      `\\b(?:${NUMBER} (?:weeks?|months?)(?: ago| now| later| late| and| since|,|\\.)|(?:weeks|months) (?:ago|now|later|late)|(?:over|more than|nearly|almost) (?:a|one|two|three|\\d+) (?:weeks?|months?)|still (?:no|not|nothing|hasnt|havent|waiting)|(?:third|fourth|fifth|3rd|4th|5th) (?:time|email|message|request|attempt)|(?:ignored|no reply|no response|nobody (?:replies|replied|answers|responds))|(?:\\d+|two|three|four|five|six) (?:emails|messages|calls|times))`,
    ),
  ],
  [
    'owed',
    /\b(?:(?:no|still no|never got|not (?:received|got|had)|havent (?:received|got|had)|yet to (?:receive|get)) (?:my |the |a |any )?(?:refund|money)|where is my (?:refund|money|zmoney)|charged (?:me )?(?:twice|double|two times|again)|double charged|(?:refund|money) (?:hasnt|has not|still hasnt|never) (?:arrived|come|appeared|been)|owe (?:me|us)|taken (?:twice|two times)|money (?:gone|taken|left my account)|overcharged)/,
  ],
  [
    'calm',
    /\b(?:no rush|no hurry|not urgent|no urgency|no stress|no worries|no big deal|not a big deal|no biggie|not fussed|not bothered|not the end of the world|just (?:fyi|a heads up|letting you know|so you know|wanted to (?:say|let you know|share|tell))|fyi\b|heads up|(?:im|were|i am|we are|happy to be) keeping (?:it|them)|all good|whenever you (?:can|get a chance)|in your own time|if (?:its|it is) (?:not too|too) late|only if)/,
  ],
  [
    'praise',
    /\b(?:thank you so much|thanks so much|love (?:it|them|this|the)|loving (?:it|them)|brilliant|amazing|fantastic|excellent|wonderful|great (?:service|quality|product)|well done|compliments?|so happy with|really happy with|delighted|obsessed|would (?:buy|recommend)|highly recommend)/,
  ],
  [
    'question',
    /(?:^|[.!?\n]\s*)(?:how|what|whats|which|when|where|who|why|will|would|can|could|do|does|did|is|are|was|were|should|shall|may|have|has|any|if)\b[^.!?\n]*\?/,
  ],
  // Physical damage, the wording of SPEC §9's damaged_item (arrived broken, crushed, scratched, leaking).
  [
    'damage',
    /\b(?:leak|leaks|leaking|leaked|leaky|cracked|cracks|crack|smashed|shattered|dented|dent|dents|scratched|scratches|scratch|crushed|squashed|chipped|torn|ripped|snapped|bent|soaked|soaking|in pieces|broken in|arrived (?:broken|damaged)|came (?:broken|damaged)|damaged)\b/,
  ],
  // A subject that is itself a question ("restock?", "compatible with android?").
  ['asks', /^[^\n]*\?[ \t]*\n/],
];
// A question mark, a question opening a sentence, or "do you", "can i", "is it" anywhere.
const QUESTION_WORDING =
  /\?|(?:^|[.!\n]\s*)(?:how|what|whats|which|when|where|who|why|can|could|do|does|is|are|will|would|should|any)\b|\b(?:do|does|can|could|will|would|is|are) (?:you|i|we|it|they|this|these|the)\b/;
// Feedback, thanks or a wish with nothing to fix (SPEC §9's low besides questions).
const FEEDBACK =
  /\b(?:thanks|thank you|thx|cheers|love|loved|loving|great|lovely|gorgeous|perfect|suggestion|suggest|feedback|would be (?:nice|great|good|helpful|lovely)|unsubscribe|opt out|stop (?:sending|the|all|your|these)|curious|wondering)\b/;
const CALM_CUE = CUES.findIndex(([name]) => name === 'calm');
const PRAISE_CUE = CUES.findIndex(([name]) => name === 'praise');

/**
 * Whether the (normalised) text gives any evidence of SPEC §9's `low` and `product_question`: a question,
 * feedback, thanks or praise, "no rush". Without it a message states a problem to fix, and a short one
 * ("Kettle leaks.") is neither a product question nor `low`, whatever the model's prior says.
 */
export function hasLowEvidence(text: string): boolean {
  return (
    QUESTION_WORDING.test(text) ||
    FEEDBACK.test(text) ||
    CUES[CALM_CUE]![1].test(text) ||
    CUES[PRAISE_CUE]![1].test(text)
  );
}

/** The cues found in the text, as indices into the cue list. */
export function findCues(text: string, found: (cue: number) => void): void {
  CUES.forEach(([, pattern], index) => {
    if (pattern.test(text)) found(index);
  });
}

export const CUE_NAMES: readonly string[] = CUES.map(([name]) => name);
