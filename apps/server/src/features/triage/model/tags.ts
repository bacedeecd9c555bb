import { CUE_TRIGGERS } from './cues.js';
import { RULE_TRIGGERS } from './rules.js';
import { TermMatcher } from './terms.js';

/**
 * The tag lexicon: a tag is set when one of its terms (a word, a stem "refund*" or a word pair) occurs
 * outside a negation ("no damage" is not "broken"). Tags are the team's shared words (SPEC §9), so the
 * lexicon is small and readable, and `npm run eval:triage` checks it against the labelled set's tags.
 * Order matters: when more than ten match, the first ones are kept.
 */
const LEXICON: ReadonlyArray<readonly [tag: string, terms: readonly string[]]> = [
  ['refund', ['refund*', 'money back', 'reimburs*', 'my money']],
  ['return', ['return', 'returns', 'returned', 'returning', 'sent back', 'send back', 'it back', 'them back']],
  ['exchange', ['exchang*', 'swap', 'swaps', 'swapped', 'swapping']],
  ['label', ['return label', 'shipping label', 'postage label', 'prepaid label', 'label please']],
  [
    'size',
    [
      'size',
      'sizes',
      'sizing',
      'too small',
      'too big',
      'too large',
      'too tight',
      'too loose',
      'runs small',
      'runs large',
    ],
  ],
  ['colour', ['colour*', 'color*', 'shade']],
  [
    'courier',
    [
      'courier*',
      'driver',
      'dpd',
      'dhl',
      'ups',
      'fedex',
      'usps',
      'royal mail',
      'evri',
      'hermes',
      'yodel',
      'postnl',
      'purolator',
      'canada post',
      'australia post',
      'postman',
      'mailman',
      'carrier',
    ],
  ],
  ['tracking', ['tracking', 'track', 'tracked']],
  ['lost', ['lost', 'gone missing', 'never arrived', 'not arrived', 'hasnt arrived', 'never came', 'never received']],
  ['late', ['late', 'delay*', 'overdue', 'still waiting', 'weeks late', 'days late']],
  ['delivered', ['says delivered', 'shows delivered', 'marked delivered', 'as delivered', 'delivered but']],
  ['address', ['address*', 'wrong house', 'neighbour*', 'neighbor*']],
  ['cancel', ['cancel*', 'cancle*']],
  ['change', ['change my', 'change the', 'change it', 'amend my', 'update my', 'modify my', 'edit my']],
  ['invoice', ['invoice*', 'vat receipt', 'vat invoice', 'gst']],
  ['receipt', ['receipt*']],
  ['charge', ['charged', 'charge', 'charges', 'overcharg*', 'debited']],
  ['double', ['twice', 'double charged', 'charged double', 'two charges', 'two payments']],
  ['duplicate', ['duplicate*', 'ordered twice', 'by mistake', 'by accident', 'accidentally']],
  [
    'payment',
    [
      'payment method',
      'payment failed',
      'payment declined',
      'pay with',
      'pay by',
      'klarna',
      'afterpay',
      'clearpay',
      'instalment*',
      'installment*',
      'upi',
    ],
  ],
  [
    'card',
    [
      'credit card',
      'debit card',
      'saved card',
      'my card',
      'card details',
      'card number',
      'card statement',
      'bank card',
    ],
  ],
  ['paypal', ['paypal']],
  ['promo', ['promo*', 'coupon*', 'voucher code', 'discount code', 'code didnt', 'code doesnt', 'code wont']],
  ['discount', ['discount*']],
  ['giftcard', ['giftcard*', 'gift card', 'gift cards', 'gift voucher', 'egift']],
  ['gift', ['gift', 'gifts', 'present', 'birthday', 'christmas', 'gift wrap', 'gift wrapping']],
  [
    'event',
    [
      'wedding',
      'prom',
      'graduation',
      'christening',
      'recital',
      'party',
      'funeral',
      'ceremony',
      'interview',
      'photoshoot',
      'photo shoot',
      'baby shower',
      'anniversary',
      'gala',
    ],
  ],
  ['password', ['password*', 'passwort']],
  [
    'login',
    [
      'login',
      'logins',
      'log in',
      'logging in',
      'logged out',
      'sign in',
      'signing in',
      'signed out',
      'locked out',
      '2fa',
      'two factor',
      'verification code',
    ],
  ],
  ['email', ['email address', 'change email', 'my email', 'newsletter*', 'unsubscrib*', 'marketing emails']],
  [
    'newsletter',
    ['newsletter*', 'unsubscrib*', 'mailing list', 'marketing emails', 'promo emails', 'catalogue*', 'catalog*'],
  ],
  ['profile', ['profile*', 'my details', 'phone number', 'birth date', 'of birth']],
  ['gdpr', ['gdpr', 'dsgvo', 'rgpd', 'data protection', 'personal data', 'my data', 'erasure', 'pipeda', 'ccpa']],
  ['delete', ['delete my', 'deletion', 'close my', 'remove my']],
  ['security', ['security', 'suspicious', '2fa', 'two factor', 'two step', 'account locked']],
  ['wrong', ['wrong', 'instead of', 'not what']],
  ['missing', ['missing', 'wasnt in', 'werent in', 'not included']],
  ['quantity', ['quantity', 'only one', 'only two', 'only half', 'extra one', 'sent two', 'got two']],
  ['extra', ['extra']],
  [
    'broken',
    [
      'broken',
      'broke',
      'smashed',
      'shattered',
      'cracked',
      'crack',
      'snapped',
      'ruined',
      'destroyed',
      'in pieces',
      'kaputt',
      'casse',
    ],
  ],
  ['cracked', ['cracked', 'crack', 'cracks']],
  ['scratch', ['scratch*', 'scuff*']],
  ['dent', ['dent', 'dents', 'dented']],
  ['crushed', ['crush*', 'squashed', 'flattened']],
  ['torn', ['torn', 'rip', 'ripped', 'tear', 'hole in']],
  ['stained', ['stain*', 'dirty', 'makeup']],
  ['leak', ['leak*']],
  ['wet', ['wet', 'soaked', 'soaking', 'water damage', 'water damaged']],
  ['chip', ['chip', 'chipped', 'chips']],
  ['glass', ['glass', 'glasses']],
  ['packaging', ['packaging', 'packing', 'packed', 'bubble wrap']],
  [
    'faulty',
    [
      'faulty',
      'stopped working',
      'doesnt work',
      'not working',
      'wont turn',
      'wont switch',
      'wont charge',
      'wont work',
      'wont start',
      'wont connect',
      'wont pair',
      'wont heat',
      'defective',
      'malfunction*',
      'dead',
    ],
  ],
  ['replacement', ['replac*', 'new one', 'another one']],
  ['warranty', ['warrant*', 'guarantee*', 'repair*']],
  ['restock', ['restock*', 'back in', 'sold out', 'out of']],
  ['stock', ['stock']],
  [
    'compatibility',
    [
      'compatib*',
      'work with',
      'fit my',
      'iphone',
      'android',
      'ios',
      'samsung',
      'pixel',
      'garmin',
      'fitbit',
      'voltage',
      '110v',
      '220v',
      '240v',
    ],
  ],
  [
    'feedback',
    [
      'feedback',
      'thank you',
      'just wanted',
      'love it',
      'love them',
      'compliment*',
      'suggestion*',
      'well done',
      'review',
      'obsessed',
    ],
  ],
  ['compliment', ['compliment*', 'well done', 'great service', 'so helpful', 'amazing service']],
  ['safety', ['safety', 'unsafe', 'dangerous', 'hazard*', 'recall*']],
  ['battery', ['battery', 'batteries', 'power bank', 'powerbank']],
  ['charging', ['charging', 'wont charge', 'doesnt charge', 'not charging']],
  ['allergy', ['allerg*', 'rash', 'hives']],
  [
    'kids',
    [
      'kid',
      'kids',
      'child',
      'children',
      'toddler',
      'my son',
      'my daughter',
      'our son',
      'our daughter',
      'my baby',
      'our baby',
      'years old',
      'months old',
      'year old',
    ],
  ],
  ['shipping', ['shipping', 'ship', 'ships', 'dispatch*', 'postage']],
  ['customs', ['customs', 'duties', 'import duty', 'import fees', 'import tax']],
  ['pickup', ['pickup', 'pick up', 'click and', 'collection point']],
  ['locker', ['locker*', 'parcel shop']],
  ['usage', ['instructions', 'how to']],
  [
    'care',
    [
      'washing',
      'machine wash',
      'wash it',
      'care label',
      'care instructions',
      'descal*',
      'dishwasher',
      'oven safe',
      'microwave safe',
      'tumble dry',
      'tumble dried',
    ],
  ],
  ['setup', ['setup', 'set up', 'setting up', 'install*']],
  ['pairing', ['pairing', 'paired', 'bluetooth']],
  ['subscription', ['subscription*', 'membership*', 'recurring']],
  ['loyalty', ['loyalty', 'points', 'reward', 'rewards']],
  ['preorder', ['preorder*', 'pre order']],
  ['express', ['express', 'next day']],
  ['chargeback', ['chargeback*', 'charge back']],
];

const NEGATORS = [
  'no',
  'not',
  'never',
  'without',
  'nothing',
  'isnt',
  'wasnt',
  'arent',
  'werent',
  'didnt',
  'doesnt',
  'dont',
  'hasnt',
  'havent',
];

export const TAG_LIMIT = 10;
export const LEXICON_TAGS: readonly string[] = LEXICON.map(([tag]) => tag);

/**
 * One matcher for the lexicon's terms and the rules' and cue patterns' triggers, to hand to a
 * FeatureExtractor (one per extractor): a single pass over the words finds the tags and which rules and
 * cue patterns are worth running.
 */
export function createTermMatcher(): TermMatcher {
  return new TermMatcher([...LEXICON.map(([, terms]) => terms), ...RULE_TRIGGERS, ...CUE_TRIGGERS], NEGATORS);
}

/** The lexicon's tags the matcher saw in the last extracted text, in lexicon order. */
export function matchedTags(matcher: TermMatcher): string[] {
  const tags: string[] = [];
  for (let i = 0; i < LEXICON_TAGS.length; i++) if (matcher.hits[i] === 1) tags.push(LEXICON_TAGS[i]!);
  return tags;
}

/** Whether rule `index`'s triggers occurred in the last extracted text (negated or not). */
export function isRuleTriggered(matcher: TermMatcher, index: number): boolean {
  return matcher.seen[LEXICON_TAGS.length + index] === 1;
}

/** Whether cue pattern `index`'s triggers occurred in the last extracted text (negated or not). */
export function isCueTriggered(matcher: TermMatcher, index: number): boolean {
  return matcher.seen[CUE_ENTRIES_FROM + index] === 1;
}

const CUE_ENTRIES_FROM = LEXICON_TAGS.length + RULE_TRIGGERS.length;
