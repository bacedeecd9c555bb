/**
 * Priority cues: the ways customers say "this has a deadline", "this is long overdue", "you owe me
 * money" or "no problem, just telling you" (SPEC §9's high and low). Each becomes one extra feature, so
 * the classifier learns one weight for all the wordings of a cue instead of one per rare word.
 */
const DAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun)';

// Occasions a delivery or a fix may have to meet (not "gift card", "gift set", "gift wrap").
const EVENT =
  '(?:wedding|party|birthday|bday|christening|baptism|communion|funeral|graduation|prom|holiday|vacation|trip|flight|flying|fly out|moving|move|housewarming|baby shower|shower|anniversary|exam|interview|hospital|surgery|camp|competition|tournament|recital|concert|event|christmas|xmas|eid|diwali|gift(?! (?:card|set|wrap|note|receipt|box|voucher|message))|present|baby (?:is )?due|due date)';
// A date within about a week.
const SOON = `(?:today|tonight|tomorrow|this (?:weekend|week)|(?:on|by|this|next|before|until) ${DAY}|next week|in (?:\\d+|two|three|four|five|a few|a couple of) days|on the \\d+(?:st|nd|rd|th)?)`;
const MONTH =
  '(?:january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)';
// Weeks or months, and a week or more counted in days or fortnights.
const WEEKS = '(?:\\d+|a|one|two|three|four|five|six|seven|eight|several|a few|a couple of) (?:weeks?|months?)';
const LONG = `(?:${WEEKS}|(?:[7-9]|[1-9]\\d|seven|eight|nine|ten|eleven|twelve|fourteen|twenty) (?:working |business )?days|a fortnight)`;
// "no refund", "still haven't received my money", "never got the refund".
const NOT_GOT =
  '(?:no|still no|not (?:yet )?(?:received|got|had|seen)|havent (?:received|got|had|seen)|never (?:got|received)|yet to (?:receive|get|see)|still (?:not|havent) (?:received|got|had|seen))';

// The same words as DAY and EVENT, as the cue patterns' trigger words.
const DAY_WORDS = 'monday mon tuesday tue tues wednesday wed thursday thu thurs friday fri saturday sat sunday sun';
const EVENT_WORDS =
  'wedding party birthday bday christening baptism communion funeral graduation prom holiday vacation trip flight flying fly moving move housewarming baby shower anniversary exam interview hospital surgery camp competition tournament recital concert event christmas xmas eid diwali gift present due';

/**
 * A cue pattern runs only when one of its trigger words occurred: words, stems ("week*") or word pairs
 * ("about+to") of which every match contains one (the extractor's pass over the words finds them).
 */
interface CuePattern {
  pattern: RegExp;
  triggers: readonly string[];
  /** Instead of trigger words: a character every match contains. */
  needs?: string;
}
const when = (triggers: string, pattern: RegExp): CuePattern => ({
  pattern,
  triggers: triggers.split(' ').map((term) => term.replace('+', ' ')),
});
const needs = (character: string, pattern: RegExp): CuePattern => ({ pattern, triggers: [], needs: character });

/** Each cue fires when any of its patterns matches (several short patterns run faster than one long one). */
const CUES: ReadonlyArray<readonly [name: string, patterns: readonly CuePattern[]]> = [
  // Any near date or haste ("tomorrow", "on Friday", "asap", "before it ships"): broad, the first cue.
  [
    'deadline',
    [
      when(
        `today* tonight* tomorrow* week* morning* afternoon* evening* ${DAY_WORDS} asap* urgently* away* soon before ships dispatch* hours* days* leaving flying travelling traveling moving wedding party prom recital funeral interview graduation christening opening trip holiday event shoot gala camp tournament match race game flight birthday shower need needs needed time* deadline* closes expire*`,
        new RegExp(
          `\\b(?:today|tonight|tomorrow|this (?:morning|afternoon|evening|weekend|week)|(?:on|by|this|next|before|until|for) ${DAY}\\b|${DAY} (?:morning|afternoon|night)|asap|urgently|right away|straight away|as soon as possible|before (?:it|the order|my order) (?:ships|is shipped|goes out|leaves|is dispatched)|ships today|dispatch(?:ed|es)? today|in (?:\\d+|two|three) (?:hours|days)|(?:leaving|flying|travelling|traveling|moving) (?:on|tomorrow|this|next|in)|(?:wedding|party|prom|recital|funeral|interview|graduation|christening|opening|trip|holiday|event|shoot|gala|camp|tournament|match|race|game|flight|birthday|shower) (?:is |on |this |tomorrow|today|next )|(?:need|needs|needed) (?:it|them|this) (?:by|for|before|today|tomorrow)|time.?sensitive|deadline|closes (?:today|tomorrow|in)|expires? (?:today|tonight|tomorrow))`,
        ),
      ),
    ],
  ],
  // The guide's "time-critical": an event, gift, trip or move and a near date in the same sentence
  // ("my sister's baby shower this Sunday", "we fly out on Friday"), "need it by Saturday", or a
  // deadline today or tomorrow ("return window closes today", "points expire tonight").
  [
    'event',
    [
      when(EVENT_WORDS, new RegExp(`\\b${EVENT}\\b[^.!?\\n]{0,60}\\b(?:${SOON}|${DAY})\\b`)),
      when(EVENT_WORDS, new RegExp(`\\b${SOON}\\b[^.!?\\n]{0,60}\\b${EVENT}\\b`)),
      when(
        'need needs needed want wanted',
        new RegExp(
          `\\b(?:need|needs|needed|want|wanted) (?:it|them|this|these|one|a replacement|the replacement|it back) (?:for |by |before |back by )?(?:${SOON}|${DAY})\\b`,
        ),
      ),
      when(
        'closes close ends end expire expires due runs run over',
        /\b(?:window|sale|offer|deal|discount|return period|points|voucher|invoice|payment|code|trial|days) (?:closes|close|ends|end|expires?|is due|are due|runs out|run out|are over|is over)\b[^.!?\n]{0,20}\b(?:today|tonight|tomorrow|in (?:\d+|two|three) (?:days|hours))/,
      ),
      when(
        'last due expire expires ends closes',
        /\b(?:last day (?:is |to \w+ (?:is )?)?(?:today|tomorrow)|(?:due|expires?|ends|closes) (?:today|tonight|tomorrow))\b/,
      ),
    ],
  ],
  // The guide's imminent dispatch: "ships today", "dispatch this afternoon", "about to ship", a status of
  // packing, packed, ready to ship or label created ("processing" and "not shipped yet" are ordinary).
  [
    'dispatch',
    [
      when(
        'ships shipping dispatch* leaves out',
        /\b(?:ships|shipping|dispatch(?:ed|es)?|dispatching|goes out|go out|going out|leaves) (?:today|tonight|this (?:morning|afternoon|evening)|at \d|in (?:an|\d+|a few|two) hours?)\b/,
      ),
      when('about+to', /\babout to (?:ship|be (?:shipped|dispatched|sent)|go out|leave)\b/),
      when(
        'packing packed ready preparing awaiting label',
        /\b(?:says|saying|showing|shows|status|status is|marked|marked as|its|still|now) (?:as )?(?:packing|packed|being packed|ready to ship|ready for dispatch|preparing (?:for dispatch|to ship)|awaiting collection|label created)\b/,
      ),
    ],
  ],
  // The guide's "long overdue": a wait of a week or more ("its been 3 weeks", "ordered 3 weeks ago",
  // "19 days.", "over a week", "two weeks late", "since the 5th"), not a product's age ("3 weeks old").
  [
    'overdue',
    [
      when(
        'week weeks month months days fortnight',
        new RegExp(
          `\\b(?:waited|waiting|its been|it has been|been|thats|that was|over|more than|nearly|almost) (?:about |around |over |almost |nearly |more than |like )?${LONG}\\b(?! old)`,
        ),
      ),
      when(
        'week weeks month months',
        new RegExp(
          `\\b(?:ordered|returned|retuned|sent (?:it |them )?back|posted|cancell?ed|canceled|paid|issued|placed)\\b[^.!?\\n]{0,40}? ${WEEKS} (?:ago|back)\\b`,
        ),
      ),
      when(
        'week weeks month months days fortnight',
        new RegExp(`(?:^|[.!?\\n]\\s*)${LONG}\\b(?! old)|\\b${LONG} now\\b`),
      ),
      when(
        'week weeks month months',
        new RegExp(
          `\\b(?:${WEEKS} (?:late|overdue|and (?:still|no|nothing)|since|later than)|weeks (?:late|overdue))\\b`,
        ),
      ),
      when(
        'since',
        new RegExp(
          `\\bsince (?:i (?:ordered|paid|sent|returned|posted)|${MONTH}|the \\d+(?:st|nd|rd|th)?|last (?:week|month))\\b`,
        ),
      ),
    ],
  ],
  // The guide's "money wrongly taken or owed": a double charge, a charge after cancelling, an overcharge,
  // a refund that has not come or came short, a paid service not given.
  [
    'owed',
    [
      when(
        'charged double twice times charges payments overcharged billed taken owe gone left',
        /\b(?:charged (?:me )?(?:twice|double|two times|2 times|again|for both|after|even though|despite|more|extra|the wrong)|double (?:charged|charge|payment|billed)|(?:paid|billed|taken|debited) (?:twice|two times|2 times|double)|two (?:charges|payments)|over ?charged|still (?:being )?(?:charged|billed)|(?:charge|payment|money) (?:was )?taken (?:but|and|for|even)|owe (?:me|us)|money (?:gone|left my account))\b/,
      ),
      when('refund money', new RegExp(`\\b${NOT_GOT} (?:my |the |a |any |the full )?(?:refund|money)\\b`)),
      when(
        'refund money',
        /\b(?:refund|money)\b[^.!?\n]{0,30}\b(?:hasnt|has not|still hasnt|never|not yet|still not|isnt|is not|didnt) (?:arrived|come|appeared|been|shown|showing|landed|gone|reached|received)\b/,
      ),
      when(
        'refund* money zmoney paid',
        /\b(?:where (?:is|s) (?:my|the) (?:refund|money|zmoney)|refund (?:is )?(?:late|overdue|missing|not (?:showing|received|arrived))|(?:only|partly|partially) refunded|short refund|paid for (?:express|next day|next-day|premium|priority|expedited))\b/,
      ),
    ],
  ],
  // The guide's low: a report where nothing needs doing ("the watch itself is fine", "keeping it",
  // "not a big deal", "still wearing it").
  [
    'fine',
    [
      when(
        'fine ok okay perfect intact unharmed undamaged good deal biggie noticeable keep keeping wearing using',
        /\b(?:(?:itself|inside|contents?|everything else|otherwise|product|item) (?:is|are|was|were|seems?|looks?) (?:fine|ok|okay|perfect|intact|unharmed|undamaged|all good)|not a (?:huge|big) deal|no biggie|no big deal|(?:barely|hardly) noticeable|(?:im|were|i am|we are|happy to|ill|well) keep(?:ing)? (?:it|them)|still (?:wearing|using) (?:it|them))\b/,
      ),
      when(
        'need nothing just',
        /\b(?:no need to (?:do anything|replace|send|refund|reply)|nothing (?:needs|to be) (?:done|doing)|(?:dont|do not) need (?:anything|a replacement|a refund|a new one)|just (?:fyi|so you know|letting you know|a heads up|thought you should know|thought (?:youd|you would) (?:like|want) to know))\b/,
      ),
    ],
  ],
  // The guide's feedback and suggestions ("just wanted to say", "a suggestion", "would be nice").
  [
    'feedback',
    [
      when(
        'just wanted want thank suggestion suggestions suggest recommend',
        /\b(?:just (?:wanted|writing|a note|a quick note) to (?:say|let you know|share|tell|thank)|(?:wanted|want) to (?:say|share) (?:a )?(?:thank|how|that)|thank you for (?:the|your|such|a)|suggestions?|(?:i|id|may i|could i|can i|would) (?:suggest|recommend)|if i (?:may|might|could) suggest)\b/,
      ),
      when(
        'idea would keep done maybe feedback',
        /\b(?:(?:one|an|small|little) idea|would be (?:nice|great|welcome|lovely|helpful|good|handy|useful)|keep (?:it up|up the good work)|well done|maybe (?:offer|use|add|sell|consider|think)|feedback)\b/,
      ),
    ],
  ],
  // The guide's simple admin and preference requests: unsubscribing, gift wrap or notes, invoice copies,
  // profile updates, merging accounts, combining parcels, the delivery day, slot or safe place.
  [
    'admin',
    [
      when(
        'unsubscribe newsletter mailing marketing take+me remove+me promo promotional emails texts sms catalogue catalogues offers',
        /\b(?:unsubscribe|newsletter|mailing list|marketing (?:emails?|list|texts?)|take me off|remove me from|(?:stop|no more) (?:sending |the |all |your )?(?:promo|promotional|marketing|emails|texts|sms|catalogues?|offers))\b/,
      ),
      when(
        'gift copy copies duplicate vat company resend re again',
        /\b(?:gift (?:wrap|wrapped|wrapping|note|message|receipt)|(?:copy|copies|duplicate) of (?:the |my |an |a )?(?:invoice|receipt)|vat (?:invoice|receipt)|company name|(?:resend|re-send|send (?:me )?again) (?:the |my )?(?:tracking|invoice|receipt|confirmation|link))\b/,
      ),
      when(
        'update merge combine together slot day time safe leave',
        /\b(?:update (?:my|the) (?:name|profile|details|phone number)|merge (?:my )?(?:two )?accounts|combine (?:my )?(?:orders|parcels)|ship together|delivery (?:slot|day|time)|safe place|leave (?:it|the parcel|the package) (?:with|at|in|by|behind|on))\b/,
      ),
    ],
  ],
  [
    'calm',
    [
      when(
        'rush* hurry* urgen* stress* worries* deal* biggie* fussed* bothered* end just fyi heads keeping good* whenever own too only',
        /\b(?:no rush|no hurry|not urgent|no urgency|no stress|no worries|no big deal|not a big deal|no biggie|not fussed|not bothered|not the end of the world|just (?:fyi|a heads up|letting you know|so you know|wanted to (?:say|let you know|share|tell))|fyi\b|heads up|(?:im|were|i am|we are|happy to be) keeping (?:it|them)|all good|whenever you (?:can|get a chance)|in your own time|if (?:its|it is) (?:not too|too) late|only if)/,
      ),
    ],
  ],
  [
    'praise',
    [
      when(
        'thank thanks love loving brilliant* amazing* fantastic* excellent* wonderful* great well compliment* happy delighted* obsessed* would highly',
        /\b(?:thank you so much|thanks so much|love (?:it|them|this|the)|loving (?:it|them)|brilliant|amazing|fantastic|excellent|wonderful|great (?:service|quality|product)|well done|compliments?|so happy with|really happy with|delighted|obsessed|would (?:buy|recommend)|highly recommend)/,
      ),
    ],
  ],
  [
    'question',
    [
      needs(
        '?',
        /(?:^|[.!?\n]\s*)(?:how|what|whats|which|when|where|who|why|will|would|can|could|do|does|did|is|are|was|were|should|shall|may|have|has|any|if)\b[^.!?\n]*\?/,
      ),
    ],
  ],
  // Physical damage, the wording of SPEC §9's damaged_item (arrived broken, crushed, scratched, leaking).
  [
    'damage',
    [
      when(
        'leak leaks leaking leaked leaky cracked cracks crack smashed shattered dented dent dents scratched scratches scratch crushed squashed chipped torn ripped snapped bent soaked soaking pieces broken damaged',
        /\b(?:leak|leaks|leaking|leaked|leaky|cracked|cracks|crack|smashed|shattered|dented|dent|dents|scratched|scratches|scratch|crushed|squashed|chipped|torn|ripped|snapped|bent|soaked|soaking|in pieces|broken in|arrived (?:broken|damaged)|came (?:broken|damaged)|damaged)\b/,
      ),
    ],
  ],
  // A subject that is itself a question ("restock?", "compatible with android?").
  ['asks', [needs('?', /^[^\n]*\?[ \t]*\n/)]],
];
// A question mark, a question opening a sentence (with the commonest misspellings of the openers: "dose
// this come in blue", "wat size", "can u"), or "do you", "can i", "is it" anywhere.
const QUESTION_WORDING =
  /\?|(?:^|[.!\n]\s*)(?:how|hw|what|wat|wot|whats|which|when|wen|where|who|why|can|cn|could|cud|do|does|dose|is|are|will|wil|would|wud|should|any)\b|\b(?:do|does|dose|can|cn|could|will|would|is|are) (?:you|u|i|we|it|they|this|these|the)\b/;
// Feedback, thanks or a wish with nothing to fix (SPEC §9's low besides questions).
const FEEDBACK =
  /\b(?:thanks|thank you|thx|cheers|love|loved|loving|great|lovely|gorgeous|perfect|suggestion|suggest|feedback|would be (?:nice|great|good|helpful|lovely)|unsubscribe|opt out|stop (?:sending|the|all|your|these)|curious|wondering)\b/;
// The cues that are themselves the guide's low wording: nothing to fix, feedback, admin requests.
const LOW_CUE_MASK = CUES.reduce(
  (mask, [name], index) =>
    ['calm', 'praise', 'fine', 'feedback', 'admin'].includes(name) ? mask | (1 << index) : mask,
  0,
);

/**
 * Whether the (normalised) text gives any evidence of SPEC §9's `low` and `product_question`: a question,
 * feedback, thanks or praise, "no rush", "keeping it", an admin or preference request. Without it a message
 * states a problem to fix, and a short one ("Kettle leaks.") is neither a product question nor `low`,
 * whatever the model's prior says. `cuesFound`: findCues' answer for the same text, when there is one.
 */
export function hasLowEvidence(text: string, cuesFound?: number): boolean {
  const cues = cuesFound ?? findCues(text, () => {});
  return (cues & LOW_CUE_MASK) !== 0 || QUESTION_WORDING.test(text) || FEEDBACK.test(text);
}

// Cues that tell the category as much as the priority (a question, physical damage). The others are the
// guide's priority wording: they get the priority cue weight, and only the priority classifier learns
// from them (train.ts).
const CATEGORY_CUES: ReadonlySet<string> = new Set(['question', 'damage', 'asks']);
const IS_PRIORITY_CUE: readonly boolean[] = CUES.map(([name]) => !CATEGORY_CUES.has(name));

const PATTERNS: readonly CuePattern[] = CUES.flatMap(([, patterns]) => patterns);
/** Cue i's patterns are PATTERNS[FIRST_PATTERN[i]] up to PATTERNS[FIRST_PATTERN[i + 1]]. */
const FIRST_PATTERN: number[] = [0];
for (const [, patterns] of CUES) FIRST_PATTERN.push(FIRST_PATTERN[FIRST_PATTERN.length - 1]! + patterns.length);
/** Per cue pattern, its trigger terms (for a TermMatcher that gates the patterns). */
export const CUE_TRIGGERS: ReadonlyArray<readonly string[]> = PATTERNS.map((entry) => entry.triggers);

/**
 * The cues found in the text, as indices into the cue list, and whether each speaks to priority only;
 * also returned as a bit mask. `isTriggered(i)` says whether pattern i's triggers occurred (from the
 * extractor's pass); without it every pattern runs.
 */
export function findCues(
  text: string,
  found: (cue: number, priorityOnly: boolean) => void,
  isTriggered?: (pattern: number) => boolean,
): number {
  let mask = 0;
  for (let cue = 0; cue < CUES.length; cue++) {
    for (let index = FIRST_PATTERN[cue]!; index < FIRST_PATTERN[cue + 1]!; index++) {
      const { pattern, needs } = PATTERNS[index]!;
      if (needs === undefined ? isTriggered !== undefined && !isTriggered(index) : !text.includes(needs)) continue;
      if (!pattern.test(text)) continue;
      mask |= 1 << cue;
      found(cue, IS_PRIORITY_CUE[cue]!);
      break;
    }
  }
  return mask;
}

export const CUE_NAMES: readonly string[] = CUES.map(([name]) => name);
