/**
 * The explicit rules for the misses that would hurt most (SPEC §9: safety, fraud and legal threats are
 * urgent). They read the normalised text (lower-case, no accents, no apostrophes: "didn't" → "didnt").
 * Each rule is a word-bounded pattern; a match right after a negation in the same clause ("no smoke",
 * "never caught fire") does not count, a hedge ("no idea why it caught fire") does.
 */
export type RuleKind =
  /** Harm from the product (fire, burns, shocks, choking, reactions): defective and urgent. */
  | 'safety'
  /** A safety worry without a reported harm (a recall, "is this dangerous"): urgent, category from the model. */
  | 'risk'
  | 'fraud'
  | 'legal';

export interface RuleHit {
  kind: RuleKind;
  /** The customer's words that matched, for the reasons shown to staff. */
  words: string;
  tags: readonly string[];
}

interface Rule {
  kind: RuleKind;
  pattern: RegExp;
  tags: readonly string[];
  /** Words, stems or word pairs of which every match contains one: the rule runs only when one occurs. */
  triggers: readonly string[];
  /** When given, the message must also mention this somewhere (e.g. "not me" only counts about an account). */
  context?: RegExp;
  /**
   * The pattern states a negation itself ("no longer safe"), so a negation before it in the clause is
   * part of the same statement (a glossed "ya no va seguro" keeps its "no"), not one that cancels it.
   */
  negative?: true;
  /** When given, a message that mentions this is not the case the rule is for (an insurance claim's crime number). */
  unless?: RegExp;
}

const BODY =
  '(?:finger|fingers|hand|hands|thumb|palm|wrist|arm|arms|leg|legs|foot|feet|toe|toes|face|lip|lips|mouth|tongue|eye|eyes|ear|ears|head|neck|knee|skin|chest|back|cheek|cheeks|forehead|scalp|earlobe|earlobes|thigh|thighs|shin|shins|elbow|elbows|nose|chin)';
const RELATIVE =
  '(?:son|daughter|child|children|kid|kids|baby|toddler|boy|girl|wife|husband|partner|mum|mom|mother|dad|father|friend|brother|sister|grandson|granddaughter|niece|nephew|dog|cat|puppy)';
const PERSON = `(?:me|him|her|them|us|myself|himself|herself|themselves|(?:my|his|her|our|their) (?:little |youngest |eldest |baby |\\d+ ?(?:year|yr|month) ?old )?${RELATIVE})`;
const OWN_BODY = `(?:(?:my|his|her|our|their|a|the) (?:left |right |upper |lower )?${BODY})`;
const DEVICE =
  '(?:batter(?:y|ies)|power ?bank|charging case|case|casing|phone|tablet|laptop|e-?reader|scooter|e-?bike|vape|smartwatch|earbuds?|headphones|speaker|controller|console)';
// Swollen feet, ankles or legs are mostly pregnancy, heat or a long day (and a question about wide shoes).
const SWELLING_BODY = BODY.replace('|leg|legs|foot|feet|toe|toes', '');
const NEAR = '[\\w ,/&-]{0,40}?';
const ELECTRICAL =
  '(?:plug|plugs|socket|sockets|cable|cord|wire|wires|charger|adapt[eo]r|outlet|fuse|batter(?:y|ies)|casing|controller|pins)';
const ACCOUNT_CONTEXT =
  /\b(?:account|password|log[ -]?in|logged|sign[ -]?in|signed in|card|charges?|charged|payments?|paypal|orders? (?:i|we) |order confirmation|reset|2fa|codes?|points|loyalty|gift ?cards?|vouchers?|store credit|redeemed)\b/;

// A breach long ago or on another site ("hacked back in 2019", "hacked through a different website").
const LONG_AGO_OR_ELSEWHERE =
  '(?![\\w ,]{0,40}\\b(?:years? ago|long ago|ages ago|last year|a while (?:ago|back)|in +zyear|in (?:19|20)\\d\\d|(?:through|on|at|from|via) (?:a|another|some) (?:different |other )?(?:website|site|company|shop|service|app|platform)))';

/**
 * `words`, but not right after `before`. Checked once the words have matched: a lookbehind that leads a
 * branch is tried at every position of the text, and made some rules several times slower.
 */
function notAfter(before: string, words: string): string {
  return `(?:${words})(?<!${before}(?:${words}))`;
}

function rule(
  kind: RuleKind,
  tags: readonly string[],
  triggers: readonly string[],
  source: string,
  context?: RegExp,
): Rule {
  return { kind, tags, triggers, pattern: new RegExp(`\\b(?:${source})`, 'g'), ...(context ? { context } : {}) };
}

const RULES: readonly Rule[] = [
  // Fire, smoke, sparks (not "fire tablet", "smoke grey", "burnt orange", "sparkling").
  rule(
    'safety',
    ['safety', 'fire'],
    ['fire', 'flame', 'flames', 'ablaze', 'burn*', 'incendie', 'incendio', 'feuer', 'fuego', 'fuoco', 'fogo'],
    `(?:${notAfter('\\bmouths? ', 'caught|catch|catching|catches|set(?: itself)?|burst into')}|${notAfter('\\b(?:mouths?|legs?|lungs?|calves|quads|thighs?|muscles?|arms?|feet|throat) (?:are |is |were |was |feel |felt |feeling )?(?:absolutely |literally |totally |properly )?', 'on')}) (?:on )?(?:fire|flames?)\\b|fire (?:hazard|risk|brigade|service|department|fighters?)\\b|flames?\\b(?! red| retardant|[ -](?:effect|failure|proof|resistant|retardant))|ablaze\\b|burn(?:ed|t)? (?:the house |our house |the place |the flat )?down\\b|incendi[eo]\\b|feuer\\b|${notAfter('\\ba ', 'fuego|fuoco|fogo')}\\b(?! (?:lento|medio|alto|bajo|fuerte|vivo|basso|brando|baixo|forte))`,
  ),
  rule(
    'safety',
    ['safety', 'smoke'],
    ['smok*', 'smoak*', 'fumes', 'rauch*', 'fumee', 'humo', 'fumo', 'fumaca'],
    `${notAfter('\\b(?:(?:in|colou?r|shade) |(?:got|get|gets|getting) (?:absolutely |totally |completely |properly |well )?)', 'smok(?:e|ed|es|ing|eing|in|ey|y)|smoak\\w*')}\\b(?! (?:grey|gray|glass|blue|colou?r|finish|lens|lenses|tint|tinted|effect|eye|eyes|machine|free|alarms?|detectors?|hot (?:deals?|prices?|offers?|bargains?|sales?|looks?|dress\\w*|outfits?)))(?<!non[ -]smok\\w*)|fumes\\b|rauch\\w*|fumee\\b|humo\\b|fumo\\b|fumaca\\b`,
  ),
  rule(
    'safety',
    ['safety', 'sparks'],
    ['spark*', 'funken*', 'etincelle*', 'chispa*', 'scintill*', 'vonken', 'faisca*'],
    'spark(?:s|ed|ing|in|ies)\\b(?! (?:(?:so much|such|real|pure|a lot of|some|joy and) )?joy)|(?:a|one|blue|big|little|small|huge|bright|white|orange) (?:(?:little|small|big|blue|bright|huge|white|orange) )*spark\\b(?! (?:plug|of|joy|to|for|between|in (?:the|our|their) (?:relationship|eyes?)))|funken\\w*|etincelles?\\b|chispas?\\b|scintill\\w*|vonken\\b|faiscas?\\b',
  ),
  // A safety cut-out that no longer works (the guide: a kettle that does not switch itself off).
  rule(
    'safety',
    ['safety'],
    [
      'kettle*',
      'iron',
      'irons',
      'heater*',
      'toaster*',
      'hob',
      'hobs',
      'oven',
      'ovens',
      'straighteners',
      'tongs',
      'dryer*',
      'fryer*',
      'cooker*',
      'blanket*',
      'radiator*',
      'used',
      'keep',
      'keeps',
    ],
    '(?:kettles?|irons?|heaters?|toasters?|hobs?|ovens?|straighteners|curling tongs|hair ?dryers?|fryers?|slow cookers?|electric blankets?|radiators?)\\b[^.!?\\n]{0,60}?(?:(?:wont|will not|doesnt|does not|didnt|did not|cant|cannot|no longer|never|isnt|is not|stopped|stops|has stopped) (?:\\w+ )?(?:switch|turn|click|cut|shut)(?:s|es|ing)? (?:itself |themselves )?off|boil(?:s|ed|ing)? (?:itself )?dry)|used to (?:click|switch|turn|cut|shut) (?:itself )?off (?:by itself|on its own|automatically)|(?:keeps?|just keeps?) (?:on )?(?:going|boiling|heating|bubbling)\\b[^.!?\\n]{0,30}?\\b(?:boiled|boils|boiling|until i (?:switch|turn|unplug))',
  ),
  rule(
    'safety',
    ['safety', 'burn'],
    [
      'burn*',
      'scorch*',
      'scald*',
      'verbrannt*',
      'verbrenn*',
      'brule*',
      'brulure*',
      'quemad*',
      'quemo',
      'bruciat*',
      'verbrand*',
      'queimad*',
      'blister*',
      'boiling',
      'scalding',
      'sprayed',
      'spat',
      'splashed',
      'spurted',
      'poured',
      'gushed',
      'shot',
      'stench',
      'smell*',
      'smelt',
      'whiff',
      'odour',
      'odor',
    ],
    `burn(?:ed|t|s)? (?:${PERSON}|${OWN_BODY})|(?:i|we|he|she|they|${PERSON}) (?:got|was|were|has been|have been|had been|just got) (?:badly |really |seriously |slightly |quite )?(?:burn(?:ed|t)|scalded)\\b(?! out)|${OWN_BODY} (?:is |was |got |has |have |are |were )?(?:been )?(?:badly |all |now )?(?:blistered|blistering)\\b|${OWN_BODY} (?:\\w+ ){1,4}?(?:blistered|blistering)\\b|(?:hot|boiling|scalding) (?:\\w+ ){0,2}?(?:sprayed|spat|splashed|spurted|poured|gushed|shot) (?:all )?(?:over|on|onto|across|out onto) ${OWN_BODY}|(?:boiling|scalding) (?:hot )?water (?:spits?|spat|spitting|sprays?|sprayed|spraying|squirts?|squirted|shoots?|shot|leaks?|leaked|leaking|pours?|poured|pouring|came|comes|coming|bursts?|burst)\\b|(?:a|got|get|gets|getting|nasty|bad|painful|red|steam|serious|small|minor|severe|chemical) burns?\\b(?! (?:orange|out|rate|through|a hole))|burns? (?:on|to) (?:my|his|her|their|our)|burn(?:ing|t|ed)? (?:plastic |rubber |electrical |electric )?(?:smell|odou?r|stench)|smell(?:s|ed|t|ing)? (?:of |like )?(?:burn(?:ing|t)|something burning)|(?:smell|smells|smelled|smelt|smelling|whiff|odou?r)\\b[\\w ,]{0,20}? (?:like|of) (?:hot|burning|melting|melted|burnt) (?:plastic|rubber|wires?|electrics?)\\b|(?:hot|melting|melted) (?:plastic|rubber|electrical) (?:smell|odou?r|stench)|burn(?:ing|t|ed) (?:plastic|rubber|wires?)|burn marks?|burns? like|scorch(?:ed|es|ing)? marks?\\b|scorch(?:ed|ing) (?:the |my |our )?(?:wall|socket|plug|carpet|table|floor|bed|sheet|duvet|curtains?|sofa|desk)\\b|scald(?:s|ed|ing)?\\b|verbrannt\\w*|verbrenn\\w*|brule(?:e|es|s)?\\b|brulure\\w*|quemad\\w*|quemo\\b|bruciat\\w*|verbrand\\w*|queimad\\w*`,
  ),
  rule(
    'safety',
    ['safety', 'shock'],
    ['shock*', 'electrocut*', 'tingl*', 'stromschlag*', 'choc', 'descarga', 'scossa', 'schok'],
    `(?:electric(?:al)?|static) shocks?|(?:got|get|gets|getting|gave|give|gives|giving|received|had) (?:${PERSON} )?(?:an? )?(?:small |nasty |big |little |mild |slight |bad |proper |real )?shock\\b(?! (?:to|at|when (?:i|we) (?:saw|got|opened|read|checked)))|shock(?:ed|ing|s) ${PERSON}\\b(?! (?:how|that|to see|with|by|at))|electrocut\\w*|tingl(?:e|ed|es|ing) (?:up|through|in) (?:my|his|her) ${BODY}|(?:electric(?:al)?|electricity) tingl\\w*|tingl(?:e|es|ing) (?:when|whenever|every time|if) (?:i|we|you|he|she|they) (?:touch|touched|hold|held)|stromschlag\\w*|choc electrique|descarga electrica|scossa\\b|elektrische schok`,
  ),
  rule(
    'safety',
    ['safety', 'melted'],
    ['melt*', 'warped', 'deformed', 'geschmolzen', 'fondu', 'derretid*', 'gesmolten'],
    `(?:melt(?:ed|ing|s)?|warped|deformed) ${NEAR}${ELECTRICAL}\\b|(?:${ELECTRICAL}|plastic|base) ${NEAR}(?:melt(?:ed|ing|s)?)\\b|geschmolzen\\b|fondu\\b|derretid\\w*|gesmolten\\b`,
  ),
  rule(
    'safety',
    ['safety', 'overheating'],
    [
      'overheat*',
      'over heat',
      'over heating',
      'over heated',
      'over heats',
      'overheeting',
      'hot',
      'surriscald*',
      'uberhitz*',
      'surchauff*',
      'sobrecalent*',
      'oververhit*',
      'superaquec*',
    ],
    `${notAfter('\\b(?:i|we|im|you|youre|were|he|she|hes|shes|they|theyre) (?:keep |kept |always |get |got |was |am |were |are |feel |felt |start |started |end up |ended up )*', 'over ?heat(?:s|ed|ing)?')}\\b|overheeting\\b|hot to (?:the )?touch|too hot to (?:touch|hold|keep (?:my|your|a) (?:hand|finger)s? on|put (?:my|your|a) (?:hand|finger)s? on)|(?:so|too) hot (?:that )?(?:i|you|we|he|she) (?:couldnt|could not|cant|can not|cannot) (?:hold|touch)|(?:so|too) hot\\b[^.!?\\n]{1,30}? (?:i|you|we|he|she) (?:couldnt|could not|cant|can not|cannot) (?:actually |even |physically |safely )?(?:hold|touch)\\b|(?:painfully|dangerously|burning|scorching|boiling|scary) hot|hot (?:inside|in) (?:my|his|her) ear|(?:so|very|really|super|extremely|too|incredibly|crazy) hot (?:on|while|when|during|whilst|after) (?:the |its |it was )?(?:charg\\w*|plugged|in use|using)|surriscald\\w*|uberhitz\\w*|surchauff\\w*|sobrecalent\\w*|oververhit\\w*|superaquec\\w*`,
  ),
  rule(
    'safety',
    ['safety', 'battery'],
    [
      'batter*',
      'power bank',
      'powerbank',
      'case',
      'phone',
      'tablet',
      'laptop',
      'reader',
      'ereader',
      'scooter',
      'bike',
      'ebike',
      'vape',
      'smartwatch',
      'earbud*',
      'headphones',
      'speaker',
      'controller',
      'console',
      'explo*',
      'short*',
      'tripped',
      'tripping',
      'trips',
      'blew',
      'blown',
      'fuse',
      'breaker',
      'electrics',
      'exposed',
      'bare',
      'live',
      'copper',
      'wire',
      'wires',
      'wiring',
    ],
    `${DEVICE} ${NEAR}(?:swell\\w*|swollen|bulg\\w*|puff(?:ed|ing|y)\\b|bloat\\w*|ballooned|expand(?:ed|ing))|(?:swell\\w*|swollen|bulg\\w*|puffed|bloated) ${NEAR}${DEVICE}\\b|(?:batter(?:y|ies)|power ?bank) ${NEAR}(?:leak\\w*|hiss\\w*|explod\\w*|very hot|so hot)|${notAfter('\\b(?:(?:flavou?r|taste|colou?r) |(?:inbox|phone|notifications?|e-?mails?|messages?) (?:is |are |was |were |has |have |had |keeps |kept |has been |have been )?(?:absolutely |literally |just |basically |totally |completely )?)', 'explo(?:ded|des|ding|sion)')}\\b(?! (?:with|of) )|short.?circuit\\w*|(?:tripped|tripping|trips|blew|blown) (?:the |a |our |my )?(?:fuse|breaker|electrics|circuit|trip switch)|(?:fuse|breaker|electrics) (?:box )?(?:tripped|blew|went)|(?:exposed|bare|live) (?:wires?|copper|wiring)|(?:see|showing|visible) (?:the )?(?:bare )?(?:copper|wires? inside)|copper (?:strands?|wires?|wiring|threads?) (?:\\w+ )?(?:poking|sticking|showing|visible|exposed|coming)|(?:strands|wires) (?:are |were )?(?:poking|sticking) (?:out|through)`,
  ),
  rule(
    'safety',
    ['safety', 'choking'],
    ['chok*', 'chocked', 'swallow*', 'mouth', 'mouths', 'strangl*', 'suffocat*', 'neck', 'throat', 'magnet*'],
    'chok(?:e|ed|es|ing)\\b|chocked\\b|(?:almost|nearly|had|has|could have|might have|may have) swallow(?:ed)?\\b|swallow(?:ed|ing)? (?:it|one|a|the|some|part|pieces?|bits?|magnets?|batter\\w*)\\b|(?:in|into) (?:his|her|their) mouths?\\b|strangl\\w*|suffocat\\w*|(?:around|round) (?:his|her|their|my) (?:neck|throat)|magnets? (?:came|come|coming|fell|falling|fall) (?:out|off|loose)|swallow(?:ed)? (?:\\w+ ){0,4}?(?:button batter\\w*|batter(?:y|ies)|magnets?)\\b',
  ),
  rule(
    'safety',
    ['safety', 'allergy'],
    [
      'allergic',
      'reaction',
      'reactions',
      'anaphyla*',
      'epipen',
      'epi pen',
      'hives',
      'rash',
      'rashes',
      'swollen',
      'swell*',
      'skin',
      'asthma',
      'breath*',
      'wheez*',
      'lightheaded*',
      'dizz*',
      'vomit*',
      'throwing',
      'threw',
      'fever',
      'ill',
      'sick',
      'itchy',
      'sore',
      'raw',
      'weepy',
      'weeping',
      'blistered',
      'blistering',
      'inflamed',
      'angry',
      'burning',
      'runs',
      'diarrh*',
    ],
    `allergic reactions?|(?:had|having|have|got|caused|causing|gave|give|gives) (?:${PERSON} )?(?:an? )?(?:bad |severe |terrible |nasty |skin )?(?:allergic )?reaction\\b(?! to (?:the|your|this|that|my) (?:price|news|email|message|bill|service|reply|delay))|anaphyla\\w*|epi ?pen|hives\\b|rash(?:es)?\\b(?! (?:decision|guard|vest))|${SWELLING_BODY} (?:\\w+ ){0,2}(?:swollen|swell(?:s|ed|ing)?\\b)|(?:swollen|swelling) ${SWELLING_BODY}|(?:burning|blistered|peeling) skin|(?:itchy|sore|raw|weepy|weeping|blistered|blistering|inflamed) (?:red )?(?:patch|patches|skin|spots|bumps|lumps|welts?|marks?|area|blisters?)\\b|red,? (?:and )?(?:itchy|sore|raw|weepy|angry|inflamed|burning|blistered) (?:patch|patches|marks?|skin|spots|bumps|area|welts?)\\b|(?:my|his|her) asthma|asthma (?:attack|flare)|(?:cant|couldnt|could not|can not|trouble|difficulty|struggling to|hard to) breath|wheez\\w*|lightheaded|dizz(?:y|iness)|vomit\\w*|throwing up|threw up|fever\\b|(?:been|was|were) (?:violently )?sick (?:about |around |maybe |like |at least |over )?(?:\\d+|two|three|four|five|six|several|multiple|a few|a couple of) (?:or (?:\\d+|\\w+) )?times|(?:has|had|got|have) the runs|diarrh?o?ea\\b|(?:made|making|makes|left) (?:${PERSON}|(?:us|them) (?:both|all)) (?:really |so |very |violently )?(?:ill|sick)\\b|(?:were|was|been|got|fell|felt|feel|feeling|are|is) (?:both |all )?(?:really |so |very |violently )?(?:ill|sick) (?:all night|all day|for (?:days|hours|two days|2 days)|after (?:eating|drinking|using|taking)|from (?:it|the|eating))`,
  ),
  rule(
    'safety',
    ['safety', 'poison'],
    ['poison*', 'toxic'],
    `poison\\w*|${notAfter('(?:non[ -]?|\\bavoid(?:ing)? (?:anything |everything |all |any |the )?|\\bfree (?:from|of) (?:anything )?)', 'toxic')}\\b(?! (?:customer|service|company|attitude|behaviou?r|positivity|relationship))`,
  ),
  rule(
    'safety',
    ['safety', 'injury'],
    [
      'injur*',
      'hurt',
      'cut',
      'bleeding',
      'stitches',
      'a e',
      'and e',
      'emergency',
      'urgent care',
      'hospital',
      'the er',
      'to er',
      'ambulance',
      'poison*',
      'fell',
      'tipped',
      'toppled',
      'came down',
      'glass',
      'came off',
      'thrown off',
      'bruised',
      'grazed',
      'collapsed',
      'head',
      'tumbled',
      'trapped',
      'wedged',
      'handlebars',
      'skin',
      'skinned',
      'scraped',
      'nicked',
      'sliced',
      'gashed',
      'landed',
      'dropped',
    ],
    `injur(?:y|ies|ed|ing)\\b|(?:got|get|gets|getting|was|been|is|be|being) (?:badly |seriously )?hurt\\b|hurt ${PERSON}\\b|(?:cut|nicked|sliced|gashed) (?:${PERSON}|${OWN_BODY})|(?:got|get|gets|getting|a|nasty|deep|bad) (?:nasty |deep |bad )?cut (?:on|to|in) (?:my|his|her|their)|${BODY} (?:was |is |started |kept |wont stop )?bleeding|stitches\\b|went (?:straight |flying |right )?over the (?:handlebars|bars)\\b|(?:took|taken|scraped|ripped|tore) (?:the )?skin off|(?:skinned|grazed|scraped) (?:his|her|my|their|both) (?:knees?|elbows?|hands?|chin|arms?|legs?|face)\\b|a ?& ?e\\b|emergency room|urgent care|minor injuries|(?:taken|rushed|took (?:him|her|them|me)|ended up|had to go) (?:to |in |into |at )?(?:the )?(?:hospital|er|emergency|a and e)\\b|ambulance\\b|poison control|(?:fell|tipped|toppled|came down|landed|dropped) (?:over |right |straight )?(?:on|onto) (?:${PERSON}|${OWN_BODY}|the baby)|glass (?:in|through|into) (?:the |my |our )?(?:\\w+ )?(?:food|tea|jam|rice|drink|milk|formula|sauce|meal|coffee|soup|cereal)|(?:i|he|she|we|they|(?:my|our) ${RELATIVE}) (?:came|fell|was thrown|got thrown|were thrown) off\\b(?<!\\bthey came off)|(?:tipped|toppled|fell|collapsed) (?:over |down |sideways |backwards |forwards |forward |backward )?with ${PERSON} (?:in|on) it\\b|(?:hit|banged|bumped|smacked|cracked) (?:his|her|their|my) head\\b|(?:i was|im|i am|i got|he was|she was|we were|they were|left (?:me|him|her|them|us)) (?:badly |all |quite |really )?(?:bruised|grazed|cut up)\\b|(?:has|had|have|got|with) (?:a )?(?:badly |really |very |nasty |huge )?(?:bruised|grazed|gashed|sprained) ${BODY}\\b|(?:tv|telly|television|mirror|shelf|shelves|cabinet|bookcase|wardrobe|unit|bracket|radiator) (?:\\w+ ){0,3}?(?:came off|fell off|came down off|came away from|fell from|pulled out of) (?:the )?wall\\b|(?:fell|tumbled|went flying|slipped) down (?:the )?(?:\\d+ |two |three |four |a few |several |some |a flight of )?(?:stairs|steps)\\b|${BODY} (?:got |was |is |were |became |kept getting )?(?:trapped|wedged) (?:in|between|under|inside)\\b`,
  ),
  // Food that is not safe to eat: glass, metal or plastic in it, a broken tooth, mould already eaten.
  rule(
    'safety',
    ['safety', 'food'],
    ['glass', 'metal', 'plastic', 'wire', 'shard', 'shards', 'splinter*', 'tooth', 'teeth', 'mould*', 'mold', 'moldy'],
    `(?:glass|metal|plastic|wire|shards?|splinters?) (?:shards? |pieces? |fragments? |splinters? |bits? )?(?:in|inside) (?:the |my |our |a |this |that |his |her )?(?:\\w+ ){0,3}?(?:food|jar|loaf|bread|tin|can|packet|pack|bag|tea|jam|rice|drink|juice|milk|formula|sauce|meal|coffee|soup|cereal|granola|salad|sandwich|chocolate|biscuits?|cookies?|pasta|yog(?:h)?urt|cheese|meat|chicken|pouch|dish|pie|cake|pizza|mouth)\\b|(?:broke|broken|cracked|chipped) (?:a|my|his|her|their|one of my) (?:front |back )?(?:tooth|teeth)\\b|(?:mould|mold|mouldy|moldy)\\b(?=[^\\n]{0,160}\\b(?:eaten|ate|drank|drunk|feel sick|felt sick|feeling sick|been sick|threw up|ill)\\b)`,
  ),
  // Children's products that fail in a way that endangers the child (restraints, brakes, small parts).
  rule(
    'safety',
    ['safety', 'kids'],
    [
      'buckle',
      'harness',
      'brake',
      'brakes',
      'strap',
      'straps',
      'latch',
      'lock',
      'clip',
      'gate',
      'rail',
      'hinge',
      'frame',
      'base',
      'rolled',
      'tiny',
      'small',
      'little',
      'bead',
      'beads',
      'part',
      'parts',
      'piece',
      'pieces',
      'bit',
      'bits',
      'ball',
      'balls',
      'magnet*',
      'button',
      'coin',
      'lets',
      'let',
      'popped',
      'pops',
      'popping',
      'wall',
      'unclip*',
      'unbuckl*',
      'undoes',
      'undid',
      'creep*',
      'loose',
      'exposed',
      'sucker*',
      'suction',
      'slat',
      'slats',
      'isofix',
      'catch',
      'clasp',
      'guard',
      'releases',
      'released',
      'opened',
      'opens',
      'open',
      'undone',
    ],
    `(?:buckle|harness|brakes?|strap|straps|latch|lock|clip|gate|rail|hinge|frame|base|suckers?|suction cups?|slats?|isofix|catch|clasp|guard) ${NEAR}(?:(?:comes|came) unclipped|came (?:undone|open|loose|apart|off)|comes (?:undone|open|loose|apart)|gave way|gives way|lets go|let go|(?:popped|pops|popping|came|comes|pulled|pulls|fell|falls|slid|slips|slipped) (?:straight |right )?(?:out of|off|away from) (?:the )?(?:wall|walls|frame|door ?frame|banister)\\b(?! (?:socket|plug|outlet))|doesnt hold|didnt hold|wont hold|not holding|collapsed|collapses|folded up|(?:doesnt|does not|didnt|wont|will not|no longer) (?:latch|lock|click|clip|go green|engage|stay (?:closed|locked|shut|fastened))|releases? (?:if|when|as soon as|whenever) (?:\\w+ ){0,4}?(?:push|pushes|pushed|pull|pulls|pulled|lean|leans|leaned|leant|tug|tugs|wriggles?|touch|touches)\\b|not (?:latching|locking|clicking)|(?:has |have |had )?stopped (?:latching|locking|clicking|holding|engaging|working))|(?:buckle|harness|latch|brakes?|slats?|guard ?rail|bed ?guard|isofix|catch|clasp) ${NEAR}(?:snapped|snaps|broke|breaks|failed|fails|cracked|gave way)\\b|(?:un(?:clips?|clipped|buckles?|buckled|does)|undid|opened|opens|came open|comes open|came undone|comes undone|released|releases|(?:keeps )?(?:popping|pops|popped) open) (?:up )?(?:itself|by itself|on its own)|(?:popped|pops|came|comes|pulled|pulls|fell|falls) (?:straight |right )?(?:out of|away from) (?:the )?(?:wall|walls|door ?frame|banister)\\b(?! (?:socket|plug|outlet|charger))|rolled (?:away |off )?(?:the (?:kerb|curb|pavement|path|step) )?(?:into|down|onto) (?:the )?(?:road|street|traffic|stairs)|(?:creeps?|creeping|rolls?|rolling|rolled|moves?|moving|slides?|sliding) (?:forward|forwards|away|down|off)[\\w ,]{0,30}? with the (?:brakes?|brake pedal) (?:\\w+ )?(?:on|applied|down|engaged)|with the (?:brakes?|brake pedal) (?:\\w+ )?(?:on|applied|down|engaged)\\b[\\w ,]{0,30}? (?:creeps?|creeping|rolls?|rolling|rolled|moves?|moving|slides?|sliding) (?:forward|forwards|away|down|off)\\b|(?:tiny|small|little) (?:\\w+ )?(?:beads?|parts?|pieces?|bits?|balls?|magnets?|button batter(?:y|ies)|coin batter(?:y|ies)) ${NEAR}(?:fell|came|coming|falling|fall|fallen|broke|break|breaking|popped) (?:out|off|loose|apart)|(?:beads?|parts?|pieces?|bits?|magnets?) (?:fell|came|coming|falling|fall|fallen|broke|popped) (?:out|off|loose)|(?:loose|exposed) magnets?\\b|magnets? (?:were|was|are|is|rattling|came|come|sitting|lying) (?:\\w+ )?loose`,
    /\b(?:baby|babies|infant|newborn|toddlers?|child|children|kids?|sons?|daughters?|boys?|girls?|grandsons?|granddaughters?|nephews?|nieces?|months? old|years? old|car ?seat|pram|stroller|pushchair|buggy|cot|crib|bunk|high ?chair|bouncer|rattle|teether|toy|dogs?|puppy|puppies|leash(?:es)?)\b/,
  ),
  // A child's restraint that tears or snaps (a car seat's or a pram's strap): the child is no longer held.
  rule(
    'safety',
    ['safety', 'kids'],
    [
      'strap',
      'straps',
      'harness',
      'buckle',
      'belt',
      'belts',
      'webbing',
      'tore',
      'torn',
      'ripped',
      'frayed',
      'snapped',
      'broken',
    ],
    `(?:strap|straps|harness|buckle|belt|belts|webbing) [\\w ,/&-]{0,60}?(?:tore|torn|ripped|rips|ripping|tearing|tears|frayed|fraying|split|snapped|snaps|cracked|broke|broken|came off|came loose)\\b|(?:strap|straps|harness|belt|belts|webbing) [\\w ,]{0,40}?\\b(?:getting|get|gets|going|work(?:s|ing)?|come|comes|coming) (?:looser|loose|slack)\\b|(?:strap|straps|harness|belt|belts) (?:\\w+ ){0,2}?(?:loosen(?:s|ing)?|slacken(?:s|ing)?|slip(?:s|ping)?) (?:during|on (?:a|the|every)|while|when|by (?:itself|themselves)|on (?:its|their) own)|(?:torn|ripped|frayed|snapped|broken) (?:\\w+ )?(?:strap|straps|harness|belt|belts|webbing)\\b`,
    /\b(?:car ?seats?|booster(?: seat)?|child seat|bike seat|pram|stroller|pushchair|buggy|high ?chair|baby carrier|sling|bouncer|baby swing)\b/,
  ),
  // A safety device that fails its own test; furniture that tips forward: a risk before any harm.
  rule(
    'risk',
    ['safety'],
    [
      'alarm',
      'alarms',
      'detector',
      'detectors',
      'leans',
      'leaning',
      'tips',
      'tipping',
      'tilts',
      'tilting',
      'topples',
      'toppling',
      'rocks',
      'rocking',
    ],
    `(?:smoke|co|carbon monoxide|fire|gas|heat) (?:alarms?|detectors?)\\b[^\\n]{0,120}?\\btest(?:ed|ing)?(?: (?:button|it|them))?\\b[^.!?\\n]{0,40}?\\b(?:nothing|no (?:sound|beep|light|noise|response)|silent|doesnt|didnt|does not|did not|wont)\\b|(?:chest of drawers|drawers? chest|drawers|dresser|wardrobe|bookcase|bookshelf|shelving unit|shelf unit|shelves|cabinet|tv unit|tv stand|tallboy|cupboard)\\b(?! doors?\\b)[^.!?\\n]{0,60}?\\b(?:leans|leaning|tips|tipping|tilts|tilting|topples|toppling|rocks|rocking) (?:forward|forwards|over|towards)\\b`,
  ),
  // A crack in what holds a rider up (a bike's fork, frame or bars, a helmet): it can fail at speed.
  rule(
    'risk',
    ['safety'],
    ['crack', 'cracks', 'cracked', 'cracking'],
    '(?:hairline )?crack(?:s|ed|ing)?\\b[\\w ,/&-]{0,40}?\\b(?:fork|frame|handlebars?|bars|stem|seat ?post|crank|cranks|dropouts?|helmet)\\b|(?:fork|frame|handlebars?|stem|seat ?post|crank|helmet) (?:has |is |was |now )?(?:a )?(?:hairline )?crack(?:s|ed)?\\b',
    /\b(?:bikes?|bicycles?|cycl\w*|ride|rides|riding|rode|ridden|e-?bikes?|scooters?|mtb|carbon)\b/,
  ),
  // Something the customer says is no longer safe (often in another language, glossed "no longer safe").
  {
    ...rule(
      'risk',
      ['safety'],
      ['safe'],
      '(?:(?:no longer|not any more|not anymore) safe|(?:is|its|are|was|were|feels?|felt|seems?) (?:not|no longer|never) safe|(?:not|isnt|arent|wasnt|werent) safe (?:to use|anymore|any more|for (?:kids|children|a child|babies|a baby|my (?:son|daughter|child|kids|baby))))\\b(?! (?:to leave|left|place|to deliver|to send|for (?:the )?(?:dishwasher|microwave|oven|freezer|washing machine)))',
    ),
    negative: true,
  },
  rule(
    'risk',
    ['safety'],
    [
      'dangerous',
      'unsafe',
      'hazard*',
      'hazardous',
      'safety',
      'risk',
      'risks',
      'recall*',
      'gefahrlich*',
      'dangereu*',
      'peligros*',
      'pericolos*',
      'gevaarlijk*',
      'perigos*',
      'alarm',
      'alarms',
      'detector',
      'detectors',
    ],
    '(?:is|its|was|this is|thats|very|so|really|extremely|seriously|genuinely|actually|could be|be|looks|seems) (?:(?!not |never |hardly |barely )\\w+ )?(?:dangerous|unsafe|a hazard|hazardous|a safety (?:issue|hazard|risk|problem|concern))\\b|safety (?:hazard|risk|issue|problem|defect|recall|concern)|(?:fire|health|choking|electrical|burn|strangulation|suffocation) (?:hazard|risk)|(?:a|the|product|safety|any|been|being|under|on|part of the|voluntary|urgent) recall(?:ed|s)?\\b|recall(?:ing|ed)? (?:these|this|it|them|the product|the \\w+s)\\b|recall (?:notice|list)|(?:smoke|co|carbon monoxide|fire|gas) (?:alarms?|detectors?) (?:doesnt|does not|didnt|did not|wont|will not|never|isnt|is not|arent|are not|not|no longer|stopped) (?:work|working|go off|going off|goes off|went off|beep|beeping|sound|sounding|detect|detecting|test|testing|turn on)|gefahrlich\\w*|dangereu\\w*|peligros\\w*|pericolos\\w*|gevaarlijk\\w*|perigos\\w*',
  ),
  // A child-proof cap or lock that does not hold (medicines, vitamins, cleaning pods within a child's reach).
  rule(
    'safety',
    ['safety', 'kids'],
    ['proof', 'childproof', 'resistant'],
    'child ?-?(?:proof|resistant) (?:cap|caps|lid|lids|lock|locks|top|closure|catch)\\b[^.!?\\n]{0,60}?\\b(?:didnt|did not|doesnt|does not|wont|will not|isnt|is not|not|never|no longer) (?:\\w+ )?(?:lock|locked|close|closed|shut|work|click|clicked|hold|held)\\b',
  ),
  // A ladder that folds or gives way in use.
  rule(
    'safety',
    ['safety'],
    ['ladder', 'ladders', 'stepladder', 'stepladders', 'scaffold*'],
    '(?:ladder|ladders|stepladder|stepladders|scaffold\\w*)\\b[^.!?\\n]{0,60}?\\b(?:folded|collapsed|gave way|buckled|gives way|collapses|folds)\\b',
  ),
  // A power tool's guard that will not stay in place.
  rule(
    'safety',
    ['safety'],
    ['guard', 'guards'],
    '(?:disc |blade |safety |lower )?guard (?:wont|will not|doesnt|does not|cant|cannot|no longer|wouldnt) (?:\\w+ )?(?:lock|stay|hold|close|tighten)\\b',
    /\b(?:grinder|saw|circular saw|mitre saw|miter saw|trimmer|strimmer|mower|blade|disc|chainsaw|planer|router)\b/,
  ),
  // A boat or kayak that takes on water.
  rule(
    'safety',
    ['safety'],
    ['water'],
    '(?:taking on|took on|filling with|filled with|letting in|let in) water\\b',
    /\b(?:kayaks?|canoes?|boats?|paddle ?boards?|sup|dinghy|dinghies|rafts?|inflatable)\b/,
  ),
  // A gas canister that hisses, a box that smells of gas.
  rule(
    'safety',
    ['safety'],
    ['gas'],
    '(?:smells?|smelled|smelling|stinks?|stank|reeks?) (?:strongly )?(?:of|like) gas\\b|gas (?:leak|leaks|leaking|smell)\\b|(?:canisters?|cylinders?|cartridges?) [^.!?\\n]{0,30}?\\bhiss\\w*',
  ),
  // A heater's tip-over switch that does not cut it out.
  rule(
    'safety',
    ['safety'],
    ['tip'],
    'tip ?-?over (?:switch|protection|cut ?-?off|cut ?-?out|sensor|safety)\\b[^.!?\\n]{0,30}?\\b(?:doesnt|does not|didnt|did not|wont|isnt|is not|never|no longer|stopped|not) (?:\\w+ ){0,2}(?:work|working|cut|trip|switch|turn)',
  ),
  // A cord or plug scorched by the current ("the cord went black near the handle").
  rule(
    'safety',
    ['safety', 'burn'],
    [
      'went black',
      'turned black',
      'gone black',
      'goes black',
      'went brown',
      'turned brown',
      'gone brown',
      'goes brown',
    ],
    '(?:cord|cable|plug|socket|wire|wires|flex|pins|adapter|adaptor) (?:has |had |have )?(?:went|turned|gone|goes) (?:black|brown)\\b',
  ),
  // Glass found in food someone was eating or cooking (not a jar that broke in the parcel).
  rule(
    'safety',
    ['safety', 'food'],
    ['of glass', 'broken glass'],
    '(?:slivers?|shards?|splinters?|pieces?|bits?|fragments?|chunks?) of (?:broken )?glass\\b',
    /\b(?:eat|eats|eating|ate|eaten|spoon|spoonful|mouthful|bite|bit into|chew\w*|swallow\w*|tasted?|tasting|cooking|stirring|serving|served)\b/,
  ),
  // Skin marked by a product ("a red patch on my thigh", "red welts on her arms").
  rule(
    'safety',
    ['safety', 'allergy'],
    ['patch', 'patches', 'welt', 'welts', 'blotches', 'bumps'],
    `red (?:raised |itchy |sore |angry |blotchy |burning )?(?:patch|patches|welts?|blotches|bumps) (?:on|all over|across|covering) (?:my|his|her|their|our|both) (?:\\w+ )?${BODY}\\b`,
  ),
  // A wheel that comes off a pram, bike or scooter in use.
  rule(
    'safety',
    ['safety'],
    ['wheel', 'wheels'],
    'wheels? (?:came|fell|come|comes|falls|fall|falling|coming|popped) (?:straight |right )?off (?:while|when|as|during|mid|in the middle)\\b',
    /\b(?:pram|buggy|pushchair|stroller|travel system|bike|bicycle|scooter|wheelchair|rollator|walker|trike|tricycle|skateboard|hoverboard)\b/,
  ),
  // Fraud and compromised accounts.
  rule(
    'fraud',
    ['fraud', 'hacked'],
    ['hack*', 'compromised', 'hijacked', 'breached', 'takeover', 'theft', 'taken', 'identity', 'sim'],
    `hack(?:ed|ing)(?<!(?:friend|friends|hers|his|theirs|sister|brother|colleague|mum|mom|dad|neighbou?r)\\b[\\w ]{0,40}hack(?:ed|ing))(?<!\\b(?:years? ago|last year|in +zyear|in (?:19|20)\\d\\d)\\b[\\w ,]{0,40}hack(?:ed|ing))(?<!\\b(?:can|could|might|may|would|will|cannot|cant|wont|avoid|prevent|stop|easy to|hard to) (?:be |get |getting |being )?hack(?:ed|ing))(?<!\\b(?:i|we) (?:thought|assumed|feared|worried) (?:that )?[\\w ]{0,40}hack(?:ed|ing))\\b(?! off\\b)${LONG_AGO_OR_ELSEWHERE}|hack(?:ed)? (?:me|my|into|in)\\b|hackers?\\b|account (?:was |has been |is |got )?(?:compromised|taken over|hijacked|breached)\\b${LONG_AGO_OR_ELSEWHERE}|(?:compromised|hijacked|breached) (?:my |the )?account|(?:account|identity) (?:takeover|theft)|identity (?:fraud|stolen)|sim (?:card )?swap\\w*`,
  ),
  rule(
    'fraud',
    ['fraud'],
    ['fraud*', 'betrug*', 'frode', 'scam*', 'phish*', 'unauthori*', 'authori*', 'card', 'stolen', 'stole'],
    'fraud\\w*(?! (?:check|checks|checking|screening|team|teams|department|prevention|filter|system|review)\\b)|betrug\\w*|frode\\b|scamm(?:ed|er|ers)\\b|scam (?:texts?|e-?mails?|messages?|calls?|sites?|websites?|links?|page)\\b|(?:a|this|that) scam\\?|phish\\w*|unauthori[sz]ed|(?:didnt|did not|never) authori[sz]e|card testers?|card (?:was |has been |had been |got )?(?:stolen|cloned|skimmed|compromised)|stolen (?:card|credit card|debit card|details|identity|password|code|gift card|voucher)|stole (?:my|the) (?:card|code|details|gift card|identity|login|password|account)',
  ),
  rule(
    'fraud',
    ['fraud'],
    // Every match has a negation, someone else, or an ask to freeze, lock, block, suspend or secure.
    [
      'dont',
      'do not',
      'didnt',
      'did not',
      'never',
      'have not',
      'havent',
      'cant',
      'cannot',
      'can not',
      'not ordered',
      'not bought',
      'not purchased',
      'not made',
      'not had',
      'not have',
      'not been',
      'someone',
      'somebody',
      'stranger',
      'strangers',
      'ex',
      'freeze',
      'lock',
      'block',
      'suspend',
      'secure',
    ],
    '(?:orders?|purchases?|payments?|charges?|transactions?|debits?)(?: (?!came\\b|contained\\b|included\\b|also\\b)\\w+){0,6} (?:that |which )?(?:i|we|neither of us|nobody) (?:dont|do not|didnt|did not|never|have not|havent|cant|cannot|can not) (?:make|made|place|placed|order|ordered|authori[sz]e|authori[sz]ed|recogni[sz]e|buy|bought|request|requested)|(?:someone|somebody|a stranger|strangers|my ex|an ex|my ex-partner)(?! (?:from|at|in|on) (?:your|the) (?:team|company|warehouse|store|shop|support|office|call centre|customer service))(?: else)? (?:\\w+ ){0,3}(?:into|accessed|access|logged|log|signed|sign|using|used|changed|ordered|placed|spent|bought|made|stole|hacked|took|taken)\\b(?=[\\w ]{0,60}\\b(?:account|card|password|login|details|email|address|phone|number|code|paypal|credit|saved))|(?:freeze|lock|block|suspend|secure) (?:my|the|our) (?:account|card)|(?:i|we) (?:have |has )?(?:never|not) (?:ordered|bought|purchased|made (?:a|any) (?:purchase|order)|had an account|have an account|made an account|been on)(?: \\w+)? (?:from you|anything|on your|with you|from your|in my life|any account|before|here)',
  ),
  // Codes or reset mails for a sign-in the customer never tried: someone else is trying to get in.
  rule(
    'fraud',
    ['fraud', 'hacked'],
    ['havent', 'have not', 'didnt', 'did not', 'never'],
    '(?:havent|have not|didnt|did not|never) (?:even )?(?:tried|asked|attempted|requested|gone) (?:to )?(?:log(?:ged)? ?in|sign(?:ed)? ?in|reset|change|request)\\b',
    /\b(?:codes?|verification|2fa|two factor|one ?time|otp|reset (?:links?|e-?mails?|codes?)|(?:security|sign ?in|log ?in) alerts?)\b/,
  ),
  // Orders the customer has no memory of making.
  rule(
    'fraud',
    ['fraud'],
    ['memory', 'recollection'],
    '(?:no|any) (?:memory|recollection) of (?:making|placing|ordering|buying|purchasing|authori[sz]ing)\\b',
  ),
  // The account's e-mail, phone or password now something the customer does not know.
  rule(
    'fraud',
    ['fraud', 'hacked'],
    ['email', 'e mail', 'phone', 'number', 'password', 'address', 'details'],
    '(?:email|e-?mail address|e mail|phone number|mobile number|number|password|address|details) (?:on|of|for|in) (?:my|the|our) account (?:is now|was changed|has been changed|had been changed|got changed|has changed|changed|is different|was updated|has been updated)\\b|(?:email|e-?mail address|phone number|mobile number|password|address|details)\\b[^.!?\\n]{0,30}?\\b(?:its|it has|it had|they have|theyve|has|have|had) been (?:changed|updated|altered|swapped)\\b',
    /\b(?:never seen|dont recogni[sz]e|do not recogni[sz]e|didnt recogni[sz]e|not mine|isnt mine|wasnt me|not me|(?:didnt|did not|never) (?:change|changed|do|did|make|made|update|updated|ask|asked)|someone|somebody)\b/,
  ),
  // A phishing victim: card, bank or login details given to a message or page that was not the shop's.
  rule(
    'fraud',
    ['fraud', 'phishing'],
    ['entered', 'typed', 'gave', 'filled', 'submitted', 'input', 'keyed', 'put', 'shared', 'logged', 'signed'],
    '(?:entered|typed|gave|filled in|submitted|input|keyed in|put in|shared) (?:in )?(?:all )?(?:my|our) (?:(?:credit |debit )?card |bank |banking |payment |login |account |paypal |security )?(?:details|number|info|information|password|pin|code|credentials|logins?)\\b|put (?:all )?(?:my|our) (?:(?:credit |debit )?card |bank |payment |login |account )?(?:details|number|info|password|pin) in\\b|(?:logged|signed) in (?:there|on it|on that page|on the (?:page|site)|through (?:it|the link)|via the link)\\b',
    /\b(?:scam\w*|fake|dodgy|phish\w*|suspicious|spoof\w*|bogus|fraudulent|is (?:this|it|that) (?:really )?(?:you|genuine|real|legit\w*)|(?:claiming|pretending|purporting) to be|(?:looked|looks|looking) (?:exactly |just )?like (?:you|your))\b/,
  ),
  // A message with a link that pretends to be us, reported unclicked (the guide: urgent all the same).
  rule(
    'fraud',
    ['fraud', 'phishing'],
    ['link', 'links'],
    '(?:got|received|had|getting|get) (?:a|an|this|these|two|three|some|several) (?:strange |weird |odd |dodgy |suspicious |fake )?(?:texts?|sms|messages?|e-?mails?|mails?|whatsapps?)\\b[^\\n]{0,240}?\\blinks?\\b',
    /\b(?:convincing|fall for|is (?:this|it|that) (?:really )?(?:you|from you|genuine|real|legit\w*)|(?:pretending|claiming|purporting) to be|(?:looked|looks) (?:exactly |just )?like (?:you|your|it was from you)|fake|dodgy|suspicious|scam\w*|spoof\w*|bogus)\b/,
  ),
  rule(
    'fraud',
    ['fraud'],
    ['not me', 'wasnt me', 'werent me'],
    '(?:wasnt|was not|werent|were not|that wasnt|it wasnt|this wasnt|it was not|not) me\\b',
    ACCOUNT_CONTEXT,
  ),
  rule(
    'fraud',
    ['fraud', 'hacked'],
    // Every match has someone else or a negation ("that I didn't ask for", "which I never did").
    ['someone', 'somebody', 'stranger', 'strangers', 'didnt', 'did not', 'never', 'havent', 'have not'],
    `(?:someone|somebody|a stranger|strangers) (?:else )?(?:is|was|has been|got|has got|had got|must have got|is still|was still) (?:in|into|inside) (?:my|our|the) account|(?:password|reset|2fa|two factor|verification|login|log[ -]?in|sign[ -]?in|security) (?:codes? |emails? |e-?mails? |mails? |links? |requests? |texts? |alerts? |notifications? |messages? )?(?:that )?(?:i|we) (?:didnt|did not|never|havent|have not) (?:ask|asked|request|requested|make|made|do|did|try|tried|trigger|triggered)|(?:password|e-?mail|email address|address|phone number|mobile number|number|details) (?:was |were |has been |had been |got |have been )?(?:changed|updated|reset)[^.!?]{0,40}[.!?,]? (?:and |but |which |that )?(?:i|we) (?:definitely |certainly |really |absolutely )?(?:didnt|did not|never|havent|have not) (?:do|did|change|changed|make|made|request|requested|ask|asked)\\b|${notAfter('\\b(?:came with|also had|also contained|included|in the (?:box|parcel|package|bag)|sent me|received)\\b[\\w ]{0,20}', 'stuff|things|items|something|orders?|purchases?')} (?:that )?(?:i|we) (?:didnt|did not|never|havent|have not) (?:order|ordered|buy|bought|place|placed|make|made|ask)`,
  ),
  rule(
    'fraud',
    ['fraud'],
    ['didnt', 'did not', 'never', 'havent', 'have not', 'used'],
    '(?:(?:i|we) )?(?:didnt|did not|never) (?:order|ordered|buy|bought|place|placed|make|made|purchase|purchased) anything\\b|(?:my|our) (?:account|card|card details|details|paypal) (?:was|were|has been|have been|is being|had been) used\\b|(?:i|we) (?:didnt|did not|never|havent|have not) (?:order|ordered|buy|bought|place|placed|make|made|purchase|purchased) (?:it|this|that|these|them|anything)\\b',
    /\b(?:order confirmation|from my account|on my account|in my account|my (?:credit |debit )?card|statement|bank|charged|charges?|debited|paypal)\b/,
  ),
  // Account details changed or used without the owner's say-so.
  rule(
    'fraud',
    ['fraud', 'hacked'],
    ['without'],
    '(?:password|e-?mail|email address|address|details|account|phone number|number|login) [\\w ,/&-]{0,40}?(?:changed?|updated|reset|modified|used|accessed|added)\\b[\\w ,/&-]{0,20}?without (?:my|our) (?:permission|consent|authori[sz]ation|knowledge|approval|agreement)\\b',
  ),
  // A gift card or store credit emptied that its owner never used: someone else has its code. Not a
  // card its owner spent part of (what is left gone missing is money owed: high, not urgent).
  {
    ...rule(
      'fraud',
      ['fraud', 'giftcard'],
      ['gift*', 'egift*', 'voucher*', 'credit'],
      '(?:e-?gift ?cards?|gift ?cards?|gift vouchers?|vouchers?|store credit)[^\\n]{0,160}?(?:balance (?:is |of |shows |showing |says |now |was )?(?:zmoney|zero|nothing|empty)|(?:shows|says|has|showing) (?:a )?(?:zmoney|zero|no|an empty) balance|(?:has been|had been|was|been|already|is) (?:already |completely |fully |all )?(?:used|redeemed|spent|drained|emptied)|drained|emptied)',
      /\b(?:never (?:used|redeemed|spent|touched|typed|entered|given|shared)|(?:havent|have not|hadnt|had not|didnt|did not) (?:even )?(?:used|redeemed|spent|touched)|not used|unused|unopened|still sealed|never placed|never made|(?:didnt|did not) (?:place|make)|nobody else|(?:scratch|scratch-off) (?:panel|strip) (?:was |is )?still covered|in my wallet|not me|wasnt me|someone|somebody|stole|stolen)\b/,
    ),
    unless: /\b(?:used|spent|redeemed) (?:zmoney|some|part|half) (?:of it|of the balance|on)\b/,
  },
  // Legal threats and formal escalation.
  rule(
    'legal',
    ['legal'],
    [
      'lawyer*',
      'solicitor*',
      'attorney*',
      'barrister*',
      'counsel',
      'paralegal',
      'legal',
      'lawsuit',
      'court',
      'claims',
      'money claim',
      'mcol',
      'hmcts',
      'judgement',
      'judgment',
      'ccj',
      'tribunal',
      'sue',
      'suing',
      'standards',
      'ombudsm*',
      'consumer',
      'competition',
      'bbb',
      'fccpc',
      'ccpc',
      'fair trading',
      'section 75',
      'business',
      'ftc',
      'accc',
      'cma',
      'acm',
      'citizens',
      'letter',
      'formal',
      'final',
      'police',
      'regulator*',
      'authorities',
      'watchdog',
      'false',
      'bait',
      'warning',
      'anwalt*',
      'rechtsanwalt*',
      'avocat*',
      'abogad*',
      'avvocat*',
      'advogad*',
      'advocaat*',
      'verbraucherzentrale',
      'afca',
    ],
    `${notAfter('(?:\\b(?:is|am|are|was|were|as|im|hes|shes|being) an? (?:\\w+ )?|power of |& ?\\w+ |(?:conveyancing|probate|patent|immigration|trademark|trade mark|tax|wills?) )', 'lawyers?|solicitors?|attorneys?|barristers?')}\\b|counsel\\b|paralegal\\b|legal (?:action|advice|advisor|adviser|proceedings|claim|route|steps|recourse|team|department|letter|dispute)|lawsuit|(?:to|in|at|through|via|the|a|claims|county|district|consumer|civil|magistrates) court\\b(?<!(?:food|tennis|basketball|netball|squash|badminton) court)(?! (?:shoes?|heels?|pumps?|road|rd|street|lane|avenue|way|drive|close|flats?|apartments?|house|yard))|${notAfter('\\b(?:landlord|neighbou?r|builder|employer|tenant|ex|agent|insurer|garage|mechanic|airline|ex-partner) (?:to|in) (?:the )?', 'small claims')}|money claim online|mcol\\b|hmcts\\b|county court judg(?:e)?ments?|ccj\\b|tribunal\\b|(?:will|going to|gonna|ll|shall|intend to|plan to|prepared to) (?:be )?su(?:e|ing)\\b|sue (?:you|your|them|the company|for)\\b|suing\\b|${notAfter('\\b(?:work|worked|works|working|years|career|job|retired from|used to be|office) (?:in|at|for|with) (?:the )?(?:\\w+ )?', 'trading standards|ombudsm[ae]n')}|consumer (?:protection|court|forum|affairs|authority|helpline|council|commission|bureau|agency|association|ombudsman|tribunal|watchdog|organi[sz]ation|centre|center)|afca\\b|competition bureau|fccpc\\b|ccpc\\b|fair trading\\b|section 75\\b|better business bureau|bbb\\b|ftc\\b|accc\\b|cma\\b|acm\\b|citizens advice|letter before action|letter of claim|formal (?:demand|notice)|(?:final|last) warning|(?:report(?:ing)?|complain(?:ing)?|complaint) (?:you |this |your company |your shop |your store |it )?to (?:the )?(?:police|regulator|authorities|watchdog)|false advertising|bait and switch|anwalt\\w*|rechtsanwalt\\w*|avocat\\w*|abogad\\w*|avvocat\\w*|advogad\\w*|advocaat\\w*|verbraucherzentrale`,
  ),
  // The police told of the shop, or its reference on a complaint (not a crime number for one's own insurer).
  {
    ...rule(
      'legal',
      ['legal'],
      ['police', 'crime'],
      '(?:report|reported|reporting|contact|contacted|contacting|call|called|calling|go to|went to|involve|involving|tell|told|inform|informed|give it to|gave it to|hand it to)(?: it| this)?(?: to)?(?: the)? police\\b|police (?:report|reference|ref|complaint|case|crime|are involved)|crime (?:ref|reference|number)',
    ),
    unless:
      /\b(?:insurance|insurer|insurers|insured|burglary|burglars?|burgled|broken into|break[ -]in|doorstep|porch|doorbell camera|ring camera|parcel thie(?:f|ves))\b/,
  },
  rule(
    'legal',
    ['chargeback'],
    [
      'chargeback*',
      'charge back',
      'charge backs',
      'dispute',
      'disputed',
      'disputing',
      'claim',
      'bank',
      'card',
      'paypal',
      'amex',
    ],
    `(?:asked|asking|ask|told|telling|tell|getting|got|contacted|contacting|called|calling|instructed) (?:my |the )?(?:bank|card (?:company|provider|issuer)|credit card (?:company|provider)|paypal|amex)\\b[^.!?\\n]{0,60}?\\b(?:pull|claw|take|get|reverse|reclaim|recall)(?:ed|ing|s)? (?:the |my )?(?:money|payment|funds|charge|transaction|it) back\\b|(?:bank|card (?:company|provider|issuer)|credit card (?:company|provider)|paypal|amex)\\b[^.!?\\n]{0,60}?\\b(?:pull|claw|reverse|reclaim)(?:ed|ing|s)? (?:the |my )?(?:money|payment|funds|charge|transaction|it) back\\b|(?:bank|card (?:company|provider|issuer)|paypal)\\b[^.!?\\n]{0,40}?\\breverse (?:the |this |your )?(?:payment|charge|transaction)\\b|chargebacks?\\b|${notAfter('(?:delivery|postage|shipping|postal|original|p ?& ?p|the) ', 'charge backs?')}\\b(?! (?:the|my|for|on|to|if|as|too|also|or|and|of)\\b)|(?:will|going to|gonna|ll|shall) (?:have to )?(?:raise|open|file|start) (?:a )?(?:dispute|chargeback)\\b|(?:raised|raise|raising|open|opened|file|filed|filing|start|started|starting) (?:a )?(?:dispute|claim) (?:with|through) (?:my |the )?(?:bank|card|credit card|paypal|card issuer|klarna)|(?:opened|raised|filed|started|opening|raising|filing) (?:a )?(?:dispute|chargeback|claim) (?:on|for|over|about|against) (?:the|this|that|my|your|a|both)\\b|disputed (?:the|this|it)\\b|disput(?:e|ing) (?:the|this|that|my|your) (?:charge|payment|transaction)\\b|disput(?:e|ing) (?:it|this|that|the money|(?:every|each|all (?:the |of the |\\w+ )?|the|these|those|both) (?:charges?|payments?|transactions?)) (?:with|through) (?:my |the )?(?:bank|card|credit card|card company|card issuer|paypal|amex|visa|mastercard)\\b`,
  ),
];

const NEGATION =
  /\b(?:no|not|never|without|nothing|none|nobody|noone|isnt|wasnt|arent|werent|didnt|doesnt|dont|hasnt|havent|hadnt|wont|wouldnt|cant|couldnt|neither|nor|free of|zero|any sign of)\b(?![^.!?;\n]*(?:\b(?:but|until|then|now|however|yet|except)\b|, ?(?:so|and)\b))[^.!?;\n]{0,24}$/;
/** Hedges look like negations but are not: "no idea why it caught fire" is still a fire. */
const HEDGE =
  /\b(?:no idea|not sure|dont know|do not know|not know|didnt know|not certain|cant tell|not even|not only|didnt want|cant believe|couldnt believe|could not believe)\b[^.!?;\n]*$/;

function isNegated(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 40), index);
  return NEGATION.test(before) && !HEDGE.test(before);
}

// The customer says they have not bought yet (the glossed and phone-typed forms included).
const BEFORE_BUYING =
  /\b(?:before (?:i |we )?(?:buy|buying|order|ordering|purchase|purchasing|get|getting|commit|pay|paying)|(?:thinking|thought) (?:of|about) (?:buying|getting|ordering|a|an)|consider(?:ing)? (?:buying|getting|ordering)|plan(?:ning)? to (?:buy|order|get)|(?:would|id|wed|wd) (?:like|love) to (?:buy|order|get)|(?:want|wanting|going|hoping) to (?:buy|order|get)|about to (?:buy|order)|interested in (?:buying|getting|ordering)|(?:im|i am|were|we are) looking (?:at|into) (?:buying|getting|ordering|the|your|this|these|a|an)|(?:should|can|could|shall) (?:i|we) (?:buy|order|get) (?:it|one|this|them|these)|not (?:bought|ordered) (?:it |one |them )?yet|(?:choose|choosing|decide|deciding) between|looking at (?:the|your|this|these) [\w -]{0,40}?for (?:my|our|a) (?:\d+ ?(?:month|year|yr|mo)s? old|son|daughter|baby|toddler|nephew|niece|grandson|granddaughter|grandchild|kid|kids|child|children)|(?:got|have) (?:my|an) eye on|(?:will|might|may) (?:probably |likely )?(?:order|buy) (?:it|one|this|them|these|that|soon|next)|(?:before|until) (?:i|we) (?:decide|make up (?:my|our) mind))\b/;

// A worry in the customer's own words ("I'm worried about a strangulation hazard near the cot").
const WORRY = /\b(?:worried|worries|worry|worrying|concerned|nervous|afraid|scared) (?:about|of|that)\b/;
// What the customer has read or knows, not what happened ("I've read stories about children swallowing magnets").
const HEARSAY =
  /\b(?:(?:ive|i have|weve|we have|i|we) (?:read|heard|seen) (?:about|that|of|stories|reports|some|a lot|lots|online|reviews|(?:a few|several|many|lots of|a lot of|an?) (?:articles?|posts?|stories|reports|reviews|threads?|comments|things))|stories (?:about|of)|(?:one of the |a |some |the )?reviews? (?:on|of|for|says?|said|mentions?|claims?)|(?:i|we) (?:already )?know (?:that|thats|its|they|these|it|actual|\w+ (?:and \w+ )?(?:are|is|can be))|apparently)\b/;

/** The sentence (or line) of the text around `index`, and whether it ends in a question mark. */
function sentenceAt(text: string, index: number): { sentence: string; start: number; isQuestion: boolean } {
  const end = text.slice(index).search(/[.!?\n]/);
  const start = Math.max(
    text.lastIndexOf('.', index),
    text.lastIndexOf('!', index),
    text.lastIndexOf('?', index),
    text.lastIndexOf('\n', index),
  );
  return {
    sentence: text.slice(start + 1, end < 0 ? text.length : index + end),
    start: start + 1,
    isQuestion: end >= 0 && text[index + end] === '?',
  };
}

/**
 * A worry before buying is a product question, not an incident: in a message whose customer has not
 * bought yet, a safety match in a question ("is it poisonous to cats?"), in the sentence that says so
 * ("the fumes are dangerous for birds, so I need to be sure before buying"), in a sentence of worry or
 * in one of what the customer has read does not count.
 */
function isAskedBeforeBuying(text: string, index: number): boolean {
  if (!BEFORE_BUYING.test(text)) return false;
  const { sentence, isQuestion } = sentenceAt(text, index);
  return (
    isQuestion ||
    BEFORE_BUYING.test(sentence) ||
    WORRY.test(sentence) ||
    HEARSAY.test(sentence) ||
    NOT_THIS_PRODUCT.test(sentence)
  );
}

// Someone else's product, or an old one from a market or another shop, in the story of a customer asking
// before buying ("my neighbour's e-bike caught fire last winter", "years ago an old kettle of mine").
// "Bought elsewhere" discounts a harm in any message (NOT_OURS).
const NOT_THIS_PRODUCT =
  /\b(?:(?:my|our|a) (?:neighbou?r|friend|buddy|mate|colleague|sister|brother|cousin|mum|mom|dad|aunt|uncle|boss|flatmate|housemate)s|(?:bought|got) (?:it |one |them )?from (?:a|another) (?:market|shop|store|seller|website|brand)|(?:years|a year) ago|an old (?:one|\w+) of (?:mine|ours))\b/;

// A harm long past ("last summer", "back in April") that the shop put right, told in thanks or a new question.
const LONG_PAST =
  /\b(?:back in (?:january|february|march|april|may|june|july|august|september|october|november|december|the spring|the summer|zyear)|last (?:summer|winter|spring|autumn|fall|year|christmas)|(?:a few|several|two|three|\d+) (?:months|years) ago|a year ago)\b/;
const PUT_RIGHT =
  /\b(?:replaced|sent (?:me )?a replacement|replacement (?:you|they) sent|the replacement|refunded|full refund|sorted (?:it|that|this)|all sorted|thanks for sorting|resolved)\b/;
const NOW = /\b(?:today|tonight|yesterday|this (?:morning|afternoon|evening|week)|now|again|just now|still)\b/;

/** A harm told as history: its sentence dates it long ago (and not now), and the message says it was put right. */
function isPastAndResolved(text: string, index: number): boolean {
  if (!PUT_RIGHT.test(text)) return false;
  const { sentence, start } = sentenceAt(text, index);
  const past = LONG_PAST.exec(sentence);
  return past !== null && !NOW.test(sentence) && start + past.index <= index + 60;
}

// A product the customer says was not the shop's ("an old stove I had (not from you)").
const NOT_OURS =
  /\b(?:not (?:one )?(?:from|of) (?:you|yours|your (?:shop|store|site))|not yours|not you guys|(?:bought|got) (?:it |one |them )?(?:elsewhere|somewhere else))\b/;

/** A harm told of a product the customer says was not bought here. */
function isNotOurs(text: string, index: number): boolean {
  return NOT_OURS.test(sentenceAt(text, index).sentence);
}

const FIRST_PERSON = /\b(?:my|mine|our|ours|me|us|i|we|ive|weve|im)\b/;

/**
 * What the customer knows of or has read about is no report of a harm: a risk in such a sentence ("I
 * know that's dangerous for dogs"), a harm told right after such words with nothing of the customer's
 * own between ("I've read stories about hoverboards catching fire"; not "I've read about it and now my
 * battery has swollen").
 */
function isHearsay(text: string, index: number, kind: RuleKind): boolean {
  const { sentence, start } = sentenceAt(text, index);
  if (kind === 'risk') return HEARSAY.test(sentence);
  const before = text.slice(start, index);
  const heard = HEARSAY.exec(before);
  return heard !== null && !FIRST_PERSON.test(before.slice(heard.index + heard[0].length));
}

/** Per rule, its trigger terms (for a TermMatcher that gates the rules). */
export const RULE_TRIGGERS: ReadonlyArray<readonly string[]> = RULES.map((entry) => entry.triggers);

/**
 * Every rule that fires on the text, at most one hit per rule. `isTriggered(i)` says whether rule i's
 * triggers occurred (from the extractor's pass); without it every rule runs.
 */
export function findRuleHits(text: string, isTriggered?: (rule: number) => boolean): RuleHit[] {
  return readRules(text, isTriggered).hits;
}

/**
 * findRuleHits, and whether a harm was told but did not count: asked about before buying, heard of, or
 * long past and put right. Such a message is no urgent case, whatever its words suggest to the model.
 */
export function readRules(
  text: string,
  isTriggered?: (rule: number) => boolean,
): { hits: RuleHit[]; harmDiscounted: boolean } {
  const hits: RuleHit[] = [];
  let harmDiscounted = false;
  for (let index = 0; index < RULES.length; index++) {
    if (isTriggered && !isTriggered(index)) continue;
    const { kind, pattern, tags, context, negative, unless } = RULES[index]!;
    const isHarm = kind === 'safety' || kind === 'risk';
    if (unless?.test(text)) continue;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      if (!negative && isNegated(text, match.index)) continue;
      if (
        isHarm &&
        (isAskedBeforeBuying(text, match.index) ||
          isNotOurs(text, match.index) ||
          isHearsay(text, match.index, kind) ||
          isPastAndResolved(text, match.index))
      ) {
        harmDiscounted = true;
        continue;
      }
      if (context && !context.test(text)) break;
      hits.push({ kind, tags, words: match[0].trim().replace(/\s+/g, ' ').slice(0, 40) });
      break;
    }
  }
  return { hits, harmDiscounted };
}

/** The customer says the alert or change was their own doing ("That was me on my work laptop"). */
const OWN_DOING = /\b(?:that|it|this|which|both) (?:was|were) (?:just |definitely |actually |only )?(?:me|us|mine)\b/;

/** Whether the text says what set off an alert was the customer themselves. */
export function isOwnDoing(text: string): boolean {
  return OWN_DOING.test(text);
}
