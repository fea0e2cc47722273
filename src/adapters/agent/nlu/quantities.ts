/**
 * Quantities with their role in the claim: received ("they got 17 of the 25", "only 45 units
 * arrived"), affected ("4 valves arrived cracked", "billed 8 too many", "3 pallets missing") and
 * billed ("of the 50"), with the product words the customer used ("valves", "widget B").
 */
import { MONTH_WORD } from './dates.ts'
import { glossToEnglish } from './gloss.ts'
import vocab from './data/vocab.json' with { type: 'json' }
import { digitsForWords, foreignCountsAsDigits, scaleDecimal, suffixZeros } from './numbers.ts'
import { ARRIVED_IN_FULL, withoutClauses } from './stance.ts'
import { fixSpelling } from './text.ts'
import { isCurrencyCode } from '../../../core/money.ts'
import { unitKey } from '../../../core/line-units.ts'

export interface QuantityFacts {
  quantityReceived?: number
  quantityAffected?: number
  quantityBilled?: number
  productWords?: string
  /** The counts are hours worked against hours billed: a service, not goods. */
  hours?: true
  /** The words the figures came from. */
  evidence?: string
}

const NUMBER_WORDS = vocab.numberWords as Record<string, number>
const WORD_ALT = Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')
// "no one showed up" is nobody, not one unit.
// Thousands grouped by commas, or by a space as French and others write them ("1 200 seedlings").
const N = String.raw`(?<![\d][.,])(\d{1,3}(?:,\d{3})+(?![.,]?\d)|\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?![.,]?\d)|\d+(?:\.\d+)?|(?<!\bno\s)(?:${WORD_ALT}))`
const UNIT = '(?:units?|pcs|pieces?|items?|cases?|boxes?|pallets?|cartons?|crates?|ea|each)'
const COUNT_UNIT = new RegExp(`^${UNIT}$`, 'i')
/** Words that end a product phrase: verbs and function words, never part of a product's name. */
const STOP =
  /^(?:of|the|were|was|are|is|arrived|came|got|have|had|been|be|delivered|received|missing|short|broken|cracked|damaged|dented|on|in|at|from|and|but|only|too|many|they|we|that|which|units?|pcs|pieces?|items?|ea|each|when|so|because|not|with|for|to|by|invoice|billed|invoiced|shipped|from|it|of|per|with|after|during|turned|showed|up|them|these|those|theirs|ours|off|back|out|over|extra|less|more|credited|refunded|removed|deducted)$/i

const toNumber = (s: string): number => NUMBER_WORDS[s.toLowerCase()] ?? Number(s.replace(/[,\u00a0\u202f ]/g, ''))
const DAMAGE = (vocab.damageWords as string[]).join('|')
/** A service that did not take place ("never happened", "were cancelled"), said after its count. */
const NEVER_HELD =
  "never happened|never took place|didn't happen|did not happen|didn't take place|did not take place|never (?:came|showed up|turned up)|were (?:cancelled|canceled|skipped|missed)"
/** Not after a weekday or a month: "Saturday 26 … never came" is a day. */
const NOT_A_DAY = String.raw`(?<!\b(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|${MONTH_WORD})\.?\s)`
/** Papers, not goods or services: "none of the 3 invoices" counts no units. */
const NOT_GOODS = String.raw`(?:invoices?|bills?|statements?|e-?mails?|payments?|reminders?|letters?|calls?|times?)\b`
/** A damage word anywhere in the message. */
const DAMAGE_SAID = new RegExp(String.raw`\b(?:${DAMAGE})\b`, 'i')
/** A damage word in the message or its English gloss ("cracked", "partidas"). */
export const saysDamage = (typed: string): boolean => DAMAGE_SAID.test(typed) || DAMAGE_SAID.test(glossToEnglish(typed))
/** How far the damage goes: "60 boxes arrived totally wet" are as damaged as "arrived wet". */
const DEGREE = '(?:fully|completely|totally|badly|partly|partially|heavily|severely|entirely|thoroughly|all)'
const SPELLING = vocab.spelling as Record<string, string>
/** Arrival verbs; "arrived cracked" is damage, not a count received. */
const ARRIVED = '(?:were delivered|was delivered|delivered|received|arrived|came|showed up|made it|geliefert|erhalten)'
/** Where goods came from, between an arrival verb and the damage ("came off the lorry crushed",
 *  "arrived out of the container soaked"): still damage, not a count received. */
const FROM_A_PLACE = String.raw`(?:(?:off|out\s+of|from)\s+(?:the\s+|our\s+|your\s+|their\s+)?[\w-]+\s+)`
/** After an arrival verb, what makes it damage ("came with split sidewalls", "turned up knackered",
 *  "came back uncalibrated"), not a count received. */
const WITH_DEFECT = String.raw`\s+${FROM_A_PLACE}?(?:with|back|in\s+(?:bad|poor|a\s+state)|(?:all\s+)?(?:${(vocab.damageWords as string[]).join('|')}))\b`

/** Function words of other languages: "6 qui sont cassées" names no product. */
const FOREIGN_FUNCTION_WORDS = new Set(vocab.functionWords.words)

/** A pack and "of" before the goods it holds ("bags of", "crates of"). */
const PACK_OF =
  /^(?:bags?|sacks?|boxes|box|cartons?|cases?|crates?|drums?|pails?|tins?|cans?|jars?|bottles?|bundles?|trays?|pallets?|jerrycans?|bales?)\s+of\s+(?=\p{L})/iu

function productAfter(rest: string): string | undefined {
  const words: string[] = []
  // "bags of fines", "cases of plantains": the goods are named after the pack they came in.
  const typed = rest.replace(/^[\s,]+/, '')
  const packed = PACK_OF.exec(typed)
  for (const w of (packed ? typed.slice(packed[0].length) : typed).split(/\s+/)) {
    const clean = w.replace(/[^\p{L}\p{N}_-]/gu, '')
    // "50 kg came torn": a unit of measure names no product.
    if (
      !clean ||
      STOP.test(clean) ||
      FOREIGN_FUNCTION_WORDS.has(clean.toLowerCase()) ||
      /^\d/.test(clean) ||
      (!words.length && MEASURE.test(clean))
    )
      break
    words.push(clean)
    if (words.length === 3 || /[,.;!?]$/.test(w)) break
  }
  return words.length ? words.join(' ') : undefined
}

/** Words of payment terms and lateness: days said beside them are terms, never days of a service. */
const PAYMENT_TERMS =
  /\b(?:terms?|net|payment|payable|pay|paid|due|credit|grace|overdue|late|lateness|interest|penalty|fee|invoice date)\b/i

/** "12 and 19 …", "3, 4 and 9 …", "7 и 8": a list of days of a month, never a count. */
const DAY_LIST = String.raw`(?<=\b\d{1,2})\s*(?:,|&|and|or|და|и|y|et|e|und|na)\s*\d{1,2}\b(?![.,]\d|\s*(?:%|[$€£¥]))`

/** The sentence a match stands in: from the last stop before it to the first after it. */
function sentenceAround(text: string, index: number, length: number): string {
  const start = Math.max(...['.', ';', '!', '?', '\n'].map((c) => text.lastIndexOf(c, index - 1))) + 1
  const ends = ['.', ';', '!', '?', '\n'].map((c) => text.indexOf(c, index + length)).filter((i) => i >= 0)
  return text.slice(start, ends.length ? Math.min(...ends) : text.length)
}

type Rule = {
  re: RegExp
  apply: (m: RegExpExecArray, text: string) => QuantityFacts
  /** A count the claim states outright (units to come off), or one that replaces the claim's earlier count. */
  role?: 'units-off' | 'replaces'
}

/**
 * A rule that reads a count out of the units billed: group 1 is the count (units received, or
 * units affected), `groups` says which of 2 and 3 is the number billed and which the product words.
 */
function countOfBilled(
  count: 'quantityReceived' | 'quantityAffected',
  groups: { billed: 2 | 3; product: 2 | 3 },
  pattern: string,
): Rule {
  return {
    re: new RegExp(pattern, 'i'),
    apply: (m) => {
      const n = toNumber(m[1]!)
      return {
        ...(count === 'quantityReceived' ? { quantityReceived: n } : { quantityAffected: n }),
        quantityBilled: toNumber(m[groups.billed]!),
        ...withProduct(productAfter(m[groups.product] ?? '')),
      }
    },
  }
}
/** Groups: units billed, the product words, the units below them that came, are bought or are in use; a
 *  figure not below the count billed is no such count. */
const belowBilled = (pattern: string): Rule => ({
  re: new RegExp(pattern, 'i'),
  apply: (m) => {
    const billed = toNumber(m[1]!)
    const below = toNumber(m[3]!)
    return below < billed ? { quantityReceived: below, quantityBilled: billed, ...withProduct(m[2]) } : {}
  },
})
/** Groups: units received, the product words, units billed. */
const receivedOfBilled = (pattern: string) => countOfBilled('quantityReceived', { billed: 3, product: 2 }, pattern)
/** Groups: units affected, units billed, the words after (the product). */
const affectedOfBilled = (pattern: string) => countOfBilled('quantityAffected', { billed: 2, product: 3 }, pattern)

/** Words of a product phrase between a count and its verb: never a conjunction or another figure. */
// A verb of billing or ordering ends it: "6 visits billed, 4 came" counts the 6 as billed, never as arrived.
/** The goods between a count and what happened to them ("280 bearings received"): never across a
 *  connective, English or one the gloss leaves as typed ("cobraram 30 garrafões mas só recebemos 27": "mas", "y",
 *  "e", "so" from "só"), which begins another clause with a count of its own. */
const PRODUCT_WORDS = String.raw`((?:(?!(?:but|and|only|just|then|though|while|never|not|no|did|didn|were|was|billed|invoiced|charged|ordered|so|here|y|e|et|und|mas|pero|mais|ma|aber|maar|men|ale|aqui|ici|hier)\b)[A-Za-z][\w-]*\s+){0,3}?)`
const OF_BILLED = String.raw`(?:of|out of)\s+(?:the\s+|their\s+|our\s+|(?:last|this|the)\s+(?:month|week|quarter)'?s\s+)?${N}`
/** Time billed by the hour, in the languages ledgers are written in ("ore", "timer", "Stunden"). */
// The kind of hour before it ("36 OT hrs", "12 holiday hours") is still hours.
const HOURS = String.raw`(?:(?:man-?|labou?r\s+|technician\s+|engineer\s+|OT\s+|overtime\s+|regular\s+|standard\s+|normal\s+|billable\s+|approved\s+|holiday\s+|hol\s+|straight[- ]time\s+|double[- ]time\s+)?(?:hours?|hrs?|h)|timer|timmar|ore|stunden|std|heures|horas|uren|uur|godzin\w*)`
/** Words that begin with an hour word ("hours he worked"). */
const HOURS_FIRST = new RegExp(String.raw`^${HOURS}\b`, 'i')
/** Whether the text says that count in hours ("16 horas", "10 h"). */
export const saidInHours = (text: string, n: number): boolean =>
  new RegExp(String.raw`(?<![\d.,])${n}\s*${HOURS}\b`, 'i').test(text)
const NOT = String.raw`,?\s*(?:not|instead of|rather than)\s+(?:the\s+)?`
/** When the counted units were, said after them ("5 skip swaps in March, not 6", "2 days this month"). */
const WHEN_SAID = String.raw`(?:\s+(?:in|during|over)\s+(?:${MONTH_WORD})\.?|\s+(?:this|last|that)\s+(?:week|month))?`
/** "the three short shifts", "2 short days": short before a span of time or work describes it; it says no unit is missing. */
const SHORT_BEFORE_A_SPAN =
  /\bshort(?=\s+(?:days?|shifts?|weeks?|hours?|nights?|runs?|trips?|visits?|notice|staffed|handed)\b)/gi
/** The customer's own record of a service: its log, diary, dockets or time sheets. */
const RECORD = String.raw`(?:logs?|log\s?book|sheets?|register|records?|book|diary|dockets?|time\s?sheets?|job\s?cards?|gate\s?book|site\s?book)`
/** A product's designation: letters and digits joined by a hyphen ("85W-140", "HX-200"), or a figure
 *  after a standard's or a grade's name ("ISO 68", "SAE 40", "NLGI 2"). */
const DESIGNATION = /\b(?=[\w-]*\d)(?=[\w-]*[a-z])[a-z\d]+(?:-[a-z\d]+)+\b|\b(?:ISO|SAE|DIN|ASTM|API|NLGI|EN)\s?\d+\b/gi
/** Units a service is billed in besides hours: days on site, visits, trips, shifts. */
const SERVICE_UNIT = String.raw`(?:(?:man-?|working\s+|site\s+)?days?|nights?|shifts?|visits?|trips?|runs?|loads?|sessions?|call-?outs?|lifts?|turns?)`
const SERVICE_UNIT_WORD = new RegExp(String.raw`^${SERVICE_UNIT}$`, 'i')
const TIME_SPAN = /^(?:days?|weeks?|months?|nights?)$/i
/** Did not arrive at all: the units are affected, the rest of what was billed came. */
const NOT_ARRIVED = String.raw`(?:(?:were|was|are|have|has)\s+)?(?:never\s+(?:turned up|arrived|came|showed up|got delivered|been delivered|delivered|received|happened|took place|went ahead|been done|been carried out|(?:been\s+)?(?:provided|supplied|performed|rendered))|did(?:n't| not)\s+(?:arrive|turn up|come|show up|get delivered|happen|take place|go ahead)|(?:went\s+)?missing|lost|not delivered|undelivered|not done|not carried out|not (?:provided|supplied|performed|rendered|serviced|cleaned|inspected|repaired|maintained|calibrated|tested)|(?:were|was)n't (?:serviced|cleaned|inspected|repaired|maintained|calibrated|tested|done))\b`
/** A service rendered: "took place", "happened", "went ahead". */
const RENDERED = String.raw`(?:(?:were|was)\s+)?(?:actually\s+|really\s+|in fact\s+)?(?:took place|happened|went ahead|done|completed|carried out|performed|attended|turned up|showed up)\b`

/** "8 hours not 12", "10 not 14 hours", "labour hours should be 6, not 9": hours worked against hours billed. */
const hoursPair = (pattern: string): Rule => ({
  re: new RegExp(pattern, 'i'),
  apply: (m) => ({ quantityReceived: toNumber(m[1]!), quantityBilled: toNumber(m[2]!), hours: true }),
})

/** A word that starts another clause: "120 rolls so 8 missing" does not say the 120 are missing. */
const NO_CLAUSE_BREAK = String.raw`(?!(?:so|therefore|thus|hence|because|but|however|yet|then|whereas|although)\b)`
/** In a product's words, no count of its own ("the tiles u sent 3 days ago 8 boxes all wet" are 8 boxes,
 *  not 3 days) unless it is the count out of which ("4 van de 16 dozen", its dozen a figure too). */
const NO_OTHER_COUNT = String.raw`(?:(?!\d)|(?<=\b(?:of|from|out of|van|de|der|des|del|dei|the)\s|\d\s))`

/** "N (of the M) <product words> <how they were wrong>": groups 1 the count affected, 2 the count
 *  billed when said, 3 the product words (the pattern given starts at them). */
const partAffected = (pattern: string): Rule => ({
  re: new RegExp(String.raw`\b${N}\s+(?:of\s+(?:the\s+|their\s+|our\s+)?(?:${N}\s+)?)?${pattern}`, 'i'),
  apply: (m) => ({
    quantityAffected: toNumber(m[1]!),
    ...(m[2] ? { quantityBilled: toNumber(m[2]) } : {}),
    ...withProduct(productAfter(m[3] ?? '')),
  }),
})

/** Words after a figure that make it money ("1.5k back", "20k euros"). */
export const MONEY_AFTER_SOURCE = String.raw`\s*(?:back|off|credit|refund|in dispute|of credit|[$€£¥]|eur|usd|gbp|dollars?|euros?|pounds?|bucks|quid)(?![\w])`
/** A verb of billing in any tense ("bills", "charged", "invoicing"); never the noun "bill". */
export const BILLS = '(?:bill(?:s|ed|ing)|invoic(?:es|ed|ing)|charg(?:es|ed|ing))'

/** A count settled before: a credit already given for some of them. */
const SETTLED_BEFORE = /\b(?:credit(?:ed)?|credit note|refund(?:ed)?|already|ya|déjà|já|NC|CN)\b/i

const RULES: Rule[] = [
  {
    // "want 12 hrs off the invoice", "the extra 6 OT hours backed out", "knock 3 cases off": the units to
    // come off the bill, counted in the units it bills (days taken off are the days named, read as
    // dates); said outright, they are the claim's count before any other ("3 of the crew never came …
    // want 24 hrs off").
    re: new RegExp(
      String.raw`(?<!\b(?:send|sending|sent|ship|shipping|shipped|return|returning|returned|bring|bringing|brought)\s+(?:the\s+|those\s+|these\s+|all\s+)?)\b${N}\s+(?:[a-z]+\s+)?(hours?|hrs?|units?|pcs|pieces?|items?|cases?|boxes?|pallets?|cartons?|crates?|shifts?|visits?|cwt)\s+(?:taken\s+|backed\s+|knocked\s+|struck\s+)?(?:off|out|back)\b`,
      'i',
    ),
    apply: (m) => ({ quantityAffected: toNumber(m[1]!), ...(/^h/i.test(m[2]!) ? { hours: true as const } : {}) }),
    role: 'units-off',
  },
  {
    // "so 4 patrols not done, not 5": a count said not done (or not delivered) that replaces another is the
    // count affected; the count it replaces was the claim's before, not the count billed.
    re: new RegExp(String.raw`\b${N}\s+(?:[a-z][\w-]*\s+){1,2}?${NOT_ARRIVED}${NOT}${N}\b(?![.,]\d|\s*[$€£¥%])`, 'i'),
    apply: (m) => ({ quantityAffected: toNumber(m[1]!) }),
    role: 'replaces',
  },
  {
    // "the site never asked for 3 of the 5 skip lifts", "2 of the 5 deliveries were not ordered": the
    // units of a charge the customer did not order.
    re: new RegExp(
      String.raw`\b(?:never|didn'?t|did\s+not|not)\s+(?:ask(?:ed)?\s+for|order(?:ed)?|request(?:ed)?|book(?:ed)?)\s+${N}\s+(?:of|out\s+of)\s+(?:the\s+)?${N}\b\s*([\w\s-]*)|\b${N}\s+(?:of|out\s+of)\s+(?:the\s+)?${N}\s+((?:[\w-]+\s+){0,3}?)(?:were|was)\s+(?:never|not)\s+(?:ordered|requested|asked\s+for|booked)\b`,
      'i',
    ),
    apply: (m) => ({
      quantityAffected: toNumber((m[1] ?? m[4])!),
      quantityBilled: toNumber((m[2] ?? m[5])!),
      ...withProduct(productAfter(m[3] ?? m[6] ?? '')),
    }),
  },
  // "billed 64 licensed users while those were cut to 50 in June": the count billed, then what the same units
  // were reduced to (no currency, no price word after it), is the count in use.
  belowBilled(
    String.raw`\b${BILLS}\s+(?:for\s+|us\s+|them\s+)?${N}\s+((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*s)\b[^.;!?\d]{0,30}?\b(?:but|while|yet|though|although|whereas)\s+(?:they|we|it|that|those|these|the\s+(?:number|count|headcount))\s+(?:had\s+|have\s+|has\s+)?(?:gone|went|go|came|come|dropped|fell|fallen|been\s+reduced|were\s+reduced|was\s+reduced|reduced|(?:been\s+|were\s+|was\s+)?cut)\s+(?:down\s+)?to\s+${N}\b(?![.,]\d|\s*[$€£¥%]|\s*(?:an?\s+|each\b|apiece\b|\/))`,
  ),
  // "you bill 18 desk licences but we purchased 15": the count billed, then the count the customer bought,
  // ordered or uses, below it, is the count owed.
  belowBilled(
    String.raw`\b${BILLS}\s+(?:for\s+|us\s+|them\s+)?${N}\s+((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*s)\b[^.;!?\d]{0,30}?\b(?:and|but|while|when|yet|though|whereas)\s+(?:they|we|he|she|the\s+customer)\s+(?:only\s+|just\s+)?(?:bought|purchased|ordered|signed\s+up\s+for|subscribed\s+to|contracted\s+for|agreed\s+to|use|used|need|have|had)\s+(?:only\s+|just\s+)?${N}\b(?![.,]\d|\s*[$€£¥%])`,
  ),
  // "20 were credited already, now they want the other 15 credited": a count set beside one settled
  // before is the one in question now.
  {
    re: new RegExp(
      String.raw`\b(?:the\s+)?(?:other|remaining|further|additional)\s+${N}\b(?![.,]\d|\s*[$€£¥%])(?=[^.;!?]{0,40}\b(?:credit\w*|refund\w*|claim\w*|disput\w*|broken|damaged|cracked|missing|short|never)\b)`,
      'i',
    ),
    // Only beside a count settled before (a credit already given); "the other 3 tins (12 L) never came
    // the store" is a shortfall the other rules read in the unit billed.
    apply: (m, text) =>
      SETTLED_BEFORE.test(text.slice(0, m.index)) && !/^\s*[\w-]+\s*\(\s*\d/.test(text.slice(m.index + m[0].length))
        ? { quantityAffected: toNumber(m[1]!) }
        : {},
  },
  // "we'll pay for the 6 hours she really worked", "they accept the 40 boxes they got": what is paid
  // for is what was done or came.
  {
    re: new RegExp(
      String.raw`\b(?:pay|paying|accept|accepting)\s+(?:for\s+)?(?:the\s+)?${N}\s+((?:[a-z-]+\s+){1,2}?)(?:(?:he|she|they|that|which|we|it)\s+)?(?:actually\s+|really\s+)?(?:worked|did|delivered|received|got|used|spent|came|were done|was done)\b`,
      'i',
    ),
    apply: (m) => ({
      quantityReceived: toNumber(m[1]!),
      ...(HOURS_FIRST.test(m[2] ?? '') ? { hours: true } : {}),
    }),
  },
  // "the job cards say 14 hours, the invoice charges 18": hours worked, then hours billed, in one sentence
  hoursPair(
    // "… shows 1,496 regular hours. we billed 1,520": the hours billed may open the next sentence.
    // "… the log runs to five hours. The bill charges our fitter for seven": the bill may be its
    // subject, and whom the hours were billed for may come before them.
    String.raw`\b${N}\s*${HOURS}\b[^.;!?\d]{0,80}?(?:[.;]\s*(?:(?:we|they|you|it|but|and|so|yet|the|our|your)\s+){0,2}(?:(?:invoice|bill|statement)\s+)?)?\b(?:${BILLS}|(?:invoice|bill|statement)\s+(?:says|shows|states|has|reads))\s+(?:for\s+|us\s+|them\s+|(?:the|our|your|their|his|her)\s+[a-z][\w-]*\s+(?:[a-z][\w-]*\s+)?for\s+(?=\S+\s*${HOURS}\b))?${N}\b(?![.,]\d|\s*[$€£¥%])`,
  ),
  hoursPair(
    String.raw`\b${N}\s*${HOURS}\b(?:\s+[^\s\d,.;]+){0,6}?${NOT}${N}\b(?![.,]\d|\s*[$€£%])(?!\s*(?:days?|weeks?|months?)\b)`,
  ),
  hoursPair(String.raw`\b${N}${NOT}${N}\s*${HOURS}\b`),
  hoursPair(
    String.raw`\b${HOURS}\s+(?:should\s+(?:be|have\s+been)|were|was|are|is|came\s+to|total(?:led)?)\s+(?:only\s+)?${N}${NOT}${N}\b(?![.,]\d|\s*[$€£%])`,
  ),
  {
    // "the callout was billed at 9 hours, the site says 6", "charged for 5 visits, they count 3", "12 hours
    // invoiced; the foreman's diary says 10": a count billed in a unit of service, then the other party's
    // record of it.
    re: new RegExp(
      String.raw`\b(?:${BILLS}\s+(?:at|for|as|with)?\s*${N}\s*(${HOURS}|${SERVICE_UNIT})|${N}\s*(${HOURS}|${SERVICE_UNIT})\s+(?:billed|charged|invoiced))\b[^.!?\d]{0,60}?\b(?:they|the customer|the client|he|she|the site|(?:(?:the|their|his|her|our|my)\s+)?(?:[\w'’-]+\s+){0,2}?${RECORD})\s+(?:(?:say|says|said|counts?|counted|recorded|logged|shows?|showed|reckons?|has|have)\s+(?:(?:it\s+)?(?:was|is|at|as)\s+)?|claim(?:s|ed)?\s+(?:that\s+)?(?:our|the|their|his|her)\s+[\w'’-]+\s+(?:only\s+|just\s+)?(?:logged|worked|recorded|did|spent|put in)\s+)(?:only\s+|just\s+)?${N}\b(?![.,]\d|\s*[$€£¥%])(?!${MONEY_AFTER_SOURCE})`,
      'i',
    ),
    apply: (m) => {
      const billed = toNumber((m[1] ?? m[3])!)
      const said = toNumber(m[5]!)
      if (!(said < billed)) return {}
      const unit = (m[2] ?? m[4])!
      return {
        quantityReceived: said,
        quantityBilled: billed,
        ...(new RegExp(`^${HOURS}$`, 'i').test(unit) ? { hours: true as const } : {}),
      }
    },
  },
  // "the statement shows 7 pump-outs but the truck only came 4 times", "6 visits billed, their log has our
  // tech only there 4 times": units of a service billed, then how often it was done.
  belowBilled(
    String.raw`\b${N}\s+((?:[a-z][\w/-]*\s+){0,2}?[a-z][\w/-]*s)\b[^.;!?\d]{0,60}?\b(?:but|while|whereas|yet|however|billed|charged|invoiced)\b[^.;!?\d]{0,60}?\bonly\b[^.;!?\d]{0,40}?\b${N}\s+times\b`,
  ),
  // "six of the 30 chairs never turned up", "3 of the 12 crates did not arrive"
  affectedOfBilled(
    String.raw`\b${N}\s+${OF_BILLED}\s+${PRODUCT_WORDS}(?:${BILLS}\s+(?:on|in|for)\s+\S+\s+)?${NOT_ARRIVED}`,
  ),
  // "4 of the 30 pallet drops in May on the March invoice were never made": the same, with more
  // words between the count billed and the verb than a product name has.
  affectedOfBilled(String.raw`\b${N}\s+${OF_BILLED}\s+${PRODUCT_WORDS}[^.;!?\d]{0,60}?\s${NOT_ARRIVED}`),
  // "missing seven of the twenty boxes", "never got 4 of the 10"
  affectedOfBilled(
    String.raw`\b(?:missing|short(?: by)?|lost|never (?:got|received)|did(?:n't| not) (?:get|receive))\s+${N}\s+${OF_BILLED}\b\s*([\w\s-]*)`,
  ),
  // "they dispute 7 of the 20 cabinets", "rejecting 5 out of the 40 panels"
  affectedOfBilled(
    String.raw`\b(?:disput\w*|contest\w*|claim\w*|reject\w*|return\w*|refus\w*|sending back)\s+${N}\s+${OF_BILLED}\b\s*([\w\s-]*)`,
  ),
  {
    // "just 3 of the 5 site visits took place", "came out 2 times out of the 4 booked"
    re: new RegExp(
      String.raw`\b${N}\s+(?:${OF_BILLED}\s+${PRODUCT_WORDS}${RENDERED}(?!${WITH_DEFECT})|times?\s+${OF_BILLED}\b)`,
      'i',
    ),
    apply: (m) => ({
      quantityReceived: toNumber(m[1]!),
      quantityBilled: toNumber((m[2] ?? m[4])!),
      ...withProduct(productAfter(m[3] ?? '')),
    }),
  },
  {
    // "got 17 of the 25 hinge kits", "received 18 out of 20"
    re: new RegExp(
      String.raw`\b(?:got|received|receive|counted|delivered|shipped|sent)\s+(?:only\s+)?${N}\s+(?:${UNIT}\s+)?(?:of|out of)\s+(?:the\s+)?${N}`,
      'i',
    ),
    apply: (m, text) => ({
      quantityReceived: toNumber(m[1]!),
      quantityBilled: toNumber(m[2]!),
      ...withProduct(productAfter(text.slice(m.index + m[0].length).replace(/^\s*(?:units?\s+of\s+)?/i, ''))),
    }),
  },
  // "60 panels of glass received out of 75", "45 of 50 delivered"
  receivedOfBilled(
    String.raw`\b${N}\s+((?:[\w-]+\s+){0,4}?)(?:were\s+|was\s+)?${ARRIVED}\s+(?:out\s+)?of\s+(?:the\s+)?${N}`,
  ),
  {
    // "only 90 of the 100 servos were delivered"
    re: new RegExp(
      // Not "3 of the 9 lamps sent last week have split lenses": arrived, but damaged.
      String.raw`\b${N}\s+(?:of|out of)\s+(?:the\s+)?${N}\s+((?:[\w-]+\s+){0,3}?)(?:were\s+|was\s+)?${ARRIVED}\b(?!\s+${FROM_A_PLACE}?(?:in\s+)?(?:\w+\s+)?(?:${DAMAGE}))(?!${WITH_DEFECT})(?![^.;\n]{0,40}?\b(?:have|has|had|were|are)\s+(?:\w+\s+)?(?:${DAMAGE})\b)`,
      'i',
    ),
    apply: (m) => ({
      quantityReceived: toNumber(m[1]!),
      quantityBilled: toNumber(m[2]!),
      ...withProduct(productAfter(m[3] ?? '')),
    }),
  },
  // "nur 950 Lager statt 1000", "900 instead of 1000 bearings"; not a span of time ("payable in 20 days
  // instead of 60" is payment terms), nor prices ("charged 12,400 instead of 11,900")
  receivedOfBilled(
    String.raw`(?<!\b(?:charged|billed|invoiced|priced|costs?|costing|at|rate|price|@)(?:\s+(?:us|them|at))?\s+)(?<![\d.,])\b${N}\s+((?:(?!(?:days?|weeks?|months?|years?)\b)[^\s\d,.;]+\s+){0,2}?)(?:statt|anstatt|instead of|rather than)\s+(?:the\s+)?${N}(?!\s*(?:days?|weeks?|months?|years?)\b)`,
  ),
  {
    // "15 of the 50 crates of mangoes sent to the depot in May were overripe": the part and the
    // whole, with a longer telling of the goods before what was wrong with them.
    re: new RegExp(
      String.raw`\b${N}\s+(?:of|out of)\s+(?:the\s+)?${N}\s+((?:${NO_CLAUSE_BREAK}[\w/-]+\s+){0,10}?)(?:were|was|had been|came|arrived|got|have|has)\s+(?:\w+\s+)?(?:${DAMAGE})\b`,
      'i',
    ),
    apply: (m) => ({
      quantityAffected: toNumber(m[1]!),
      quantityBilled: toNumber(m[2]!),
      ...withProduct(productAfter(m[3] ?? '')),
    }),
  },
  {
    // "of the 8 motors on that invoice, 3 won't start", "de los 20 sacos, 4 llegaron rotos": the part
    // said after the whole, its own clause saying what is wrong with it.
    re: new RegExp(
      String.raw`\b(?:of|de|from)\s+(?:the|los|las|les|os|as|des)\s+${N}\b[^\d.;:!?]{0,60}?[,:]\s*(?:only\s+)?${N}\b(?![.,]\d)(?=[^.;!?\n]{0,40}(?:\b(?:${DAMAGE}|no|not|never|nao|ne)\b|n't\b))`,
      'i',
    ),
    apply: (m) => ({ quantityAffected: toNumber(m[2]!), quantityBilled: toNumber(m[1]!) }),
  },
  // "2 of the 10 buoys arrived punctured", "40 of the tees on it were broken", "300 bolts had stripped threads";
  // the product's words hold no other count ("the tiles u sent 3 days ago 8 boxes all wet" are 8)
  partAffected(
    String.raw`((?:${NO_CLAUSE_BREAK}${NO_OTHER_COUNT}[\w-]+\s+){0,4}?)(?:(?:were|was|are|came|arrived|got|had|have|has|been)\s+)*${FROM_A_PLACE}?(?:${DEGREE}\s+)?(?:in\s+)?(?:${DAMAGE})\b`,
  ),
  // "3 of the 12 tyres came with split sidewalls", "4 came back uncalibrated": arrived, but not right
  partAffected(
    String.raw`((?:${NO_CLAUSE_BREAK}${NO_OTHER_COUNT}[\w-]+\s+){0,5}?)(?:came|arrived|turned up|showed up)\s+${FROM_A_PLACE}?(?:with|back)\s+(?!no\b|nothing\b|all\b)[a-z]`,
  ),
  {
    // "pipes bent 7 lengths" (the count after the damage, as Thai and others put it): not a time
    // ("broken 3 days ago") nor a part of a measure.
    re: new RegExp(
      String.raw`\b(?:${DAMAGE})\s+${N}\b(?![.,]\d|\s*(?:%|x\b|of\b|out of\b|(?:days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|times?)\b|${MONTH_WORD}))`,
      'i',
    ),
    apply: (m) => ({ quantityAffected: toNumber(m[1]!) }),
  },
  {
    // "showed up wrecked, all 6 of them"
    re: new RegExp(String.raw`\b(?:${DAMAGE})\b[^.;]{0,20}?\ball\s+${N}\b`, 'i'),
    apply: (m) => ({ quantityAffected: toNumber(m[1]!) }),
  },
  {
    // "billed 100 servos", "(billed 120)", "300 billed", "4 tins of lacquer invoiced", "the invoice shows
    // 12", "billed freight on 46"
    re: new RegExp(
      String.raw`\b${BILLS}\s+(?:for\s+|us\s+|them\s+|(?:the\s+)?[a-z][\w-]*\s+(?:on|for)\s+(?=\d+\b(?!\s*(?:days?|weeks?|months?|years?|hours?)\b)))?${N}\b(?![.,]\d|\s*[$€£¥%])(?!${MONEY_AFTER_SOURCE})(?!\s+(?:times|fois|veces|vezes|volte|mal)\b)(?!\s+(?:[\w-]+\s+){0,3}?(?:too many|extra|more than))|\b${N}\s+(?:[\w-]+\s+)?(?:of\s+(?!(?:them|these|those|which)\b)(?:(?!\d+\s)[\w-]+\s+){1,3})?(?:billed|invoiced)\b|\b(?:invoice|bill)\s+(?:has|shows|says|lists|states|reads)\s+(?:us\s+)?${N}\b(?![.,]\d|\s*[$€£¥%])(?!${MONEY_AFTER_SOURCE})`,
      'i',
    ),
    apply: (m) => ({ quantityBilled: toNumber((m[1] ?? m[2] ?? m[3])!) }),
  },
  {
    // "only 280 bearings received", "90 delivered": a count that arrived, unless it arrived damaged
    re: new RegExp(
      String.raw`(?<!\bof\s(?:the\s)?)\b${N}\s+${PRODUCT_WORDS}${ARRIVED}\b(?!\s+${FROM_A_PLACE}?(?:in\s+)?(?:\w+\s+)?(?:${DAMAGE}))(?!${WITH_DEFECT})`,
      'i',
    ),
    apply: (m) => ({ quantityReceived: toNumber(m[1]!), ...withProduct(productAfter(m[2] ?? '')) }),
  },
  {
    // "the 2nd tech visit never happened", "the last session": one unit of a service
    re: /\bthe\s+(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|last|final)\s+((?:[\w-]+\s+){0,2}?(?:visit|session|call-?out|training|inspection|appointment|class|workshop))\b/i,
    apply: (m) => ({ quantityAffected: 1, ...withProduct(m[1]) }),
  },
  // "46 buckets received, not 50" (the verb after the count, as German and Dutch put it)
  receivedOfBilled(String.raw`\b${N}((?:\s+[^\s\d,.;]+){0,3}?)\s+${ARRIVED}${NOT}${N}\b(?![.,]\d|\s*[$€£%])`),
  // "received 95, not 100", "delivered 18 crates, not 20": what came against what was billed
  receivedOfBilled(
    // The goods may come between verb and count, as Swahili and others put them ("received buckets 46, not 48").
    String.raw`\b(?:got|received|delivered|counted|shipped|signed for|booked in|took delivery of)\s+(?:(?!(?:invoices?|bills?|payments?)\b)[a-z][\w-]*\s+){0,2}?(?:only\s+|just\s+)?${N}((?:\s+[^\s\d,.;]+){0,4}?)${NOT}${N}\b(?![.,]\d|\s*[$€£%])`,
  ),
  // "3 tank cleans, not 4", "11 shuttle runs not 12": a count of something against the count billed. Time
  // spans ("30 days, not 45") are terms, not counts.
  receivedOfBilled(
    String.raw`\b${N}\s+((?:(?!(?:days?|weeks?|months?|years?|percent|per|of|the|and|but|or|is|are|was|were|in)\b)[a-z][\w-]*\s*){1,3})${WHEN_SAID},?\s*(?:not|instead of|rather than)\s+(?:the\s+)?${N}\b(?![.,]\d|\s*[$€£¥%])(?!\s*(?:days?|weeks?|months?|years?)\b)`,
  ),
  {
    // "the scaffold was only up 9 days, not 12", "the crane was there just 3 days instead of 5", "the
    // audit took three days, not the four": days of a service against the days billed. Terms
    // ("they want 60 days, not 30") say neither, and nothing beside payment terms or lateness is read
    // as a service's days.
    re: new RegExp(
      String.raw`\b(?:only|just|took|lasted|needed|worked|ran|operated|used|hired|kept|(?:was|were)\s+(?:on\s+site|there|here|up))\s+(?:[^\s\d,.;]+\s+){0,5}?${N}\s+(?:days?|nights?|shifts?|weeks?)${WHEN_SAID}(?:,?\s*(?:not|instead of|rather than)\s+(?:the\s+)?|\s+(?:and|but)\s+(?:we|you|they)\s+(?:billed|charged|invoiced)\s+(?:them\s+|us\s+)?(?:for\s+)?)${N}\b(?:\s*(?:days?|nights?|shifts?|weeks?)\b)?(?![.,]\d|\s*[$€£¥%])`,
      'i',
    ),
    // Payment words in another sentence ("we will settle for the 3 days") say nothing of these days.
    apply: (m, text) =>
      PAYMENT_TERMS.test(sentenceAround(text, m.index, m[0].length))
        ? {}
        : { quantityReceived: toNumber(m[1]!), quantityBilled: toNumber(m[2]!) },
  },
  {
    // "they got 45", "received 45 widgets" (a correction restating what arrived); not "got 2 invoices"
    re: new RegExp(
      String.raw`\b(?:got|received|counted|took delivery of|signed for|booked in)\s+(?:only\s+|just\s+)?${N}\b(?![.,]\d|\s*(?:%|of\b|out of\b|invoices?|payments?|emails?|bills?|notices?|calls?|days?|weeks?))\s*((?:[\w-]+\s*){0,3})`,
      'i',
    ),
    apply: (m) => ({ quantityReceived: toNumber(m[1]!), ...withProduct(productAfter(m[2] ?? '')) }),
  },
  {
    // "10 night shifts had no escort", "3 rooms got no cleaning": units of a service that went without it.
    re: new RegExp(
      String.raw`\b${N}\s+((?:[\w-]+\s+){0,4}?)(?:had|got|received|went)\s+(?:with\s*)?(?:no|without)\s+[a-z]`,
      'i',
    ),
    apply: (m) => ({ quantityAffected: toNumber(m[1]!), ...withProduct(productAfter(m[2] ?? '')) }),
  },
  {
    // "arrived 8 tyres", "came only 40": the verb before the count, as Romance languages put it
    // (read from the gloss). Not a time ("arrived 2 days late"), a date ("came 14 May") or a part
    // ("arrived 3 of the 10 broken", read by the part rules) nor units that came damaged.
    re: new RegExp(
      String.raw`\b(?:arrived|came|were delivered|turned up|showed up)\s+(?:only\s+|just\s+)?${N}\b(?![.,/-]\d|\s*(?:%|of\b|out of\b|st\b|nd\b|rd\b|th\b|(?:days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?)\b|${MONTH_WORD})|${DAY_LIST})(?![^.;\n]*\b(?:${DAMAGE})\b)\s*((?:[\w-]+\s*){0,3})`,
      'i',
    ),
    apply: (m) => ({ quantityReceived: toNumber(m[1]!), ...withProduct(productAfter(m[2] ?? '')) }),
  },
  {
    // "only 45 units arrived", "only got 45"
    re: new RegExp(
      // "only 5 days after due", "only 2 weeks late": a time, not a count of anything received.
      String.raw`\bonly\s+(?:got\s+|received\s+)?${N}(?!\s*(?:days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?)\s+(?:after|late|before|early|overdue|past|over|behind|ago))\s*((?:[\w-]+\s+){0,3}?)(?:arrived|were delivered|delivered|received|showed up|came|were shipped|shipped|made it)?\b`,
      'i',
    ),
    apply: (m) => ({ quantityReceived: toNumber(m[1]!), ...withProduct(productAfter(m[2] ?? '')) }),
  },
  {
    // "4 more yards than were poured", "2 extra pallets on the invoice", "30 sqm extra billed"
    re: new RegExp(
      String.raw`\b${N}\s+(?:more|extra)\s+(?:[\w-]+\s+){0,2}?(?:than|were billed|on the invoice)|\b${N}\s+(?:[\w²³-]+\s+)?(?:extra|too many|more)\s+(?:billed|invoiced|charged)\b`,
      'i',
    ),
    apply: (m) => ({ quantityAffected: toNumber((m[1] ?? m[2])!) }),
  },
  {
    // "they dispute 15 m3", "querying 3 of the tippers": the units the claim is about.
    re: new RegExp(
      String.raw`\b(?:disput\w*|contest\w*|quer(?:y|ies|ying|ied)|claim(?:s|ing|ed)?)\s+(?:the\s+|only\s+)?${N}\s+([a-z][\w²³-]*)`,
      'i',
    ),
    apply: (m) => (COUNT_UNIT.test(m[2]!) || MEASURE.test(m[2]!) ? { quantityAffected: toNumber(m[1]!) } : {}),
  },
  {
    // "want 6 knocked off", "asking for 2 to be credited": the units to come off the bill ("60 kg knocked
    // off" is a measure of what came, not units of the bill).
    re: new RegExp(
      String.raw`\b(?:want|wants|wanted|asking|asks|asked)\s+(?:for\s+)?${N}\s+(?:([a-z][\w-]*)\s+)?(?:to\s+be\s+)?(?:knocked off|taken off|removed|credited|written off)\b`,
      'i',
    ),
    apply: (m) => (m[2] && (MEASURE.test(m[2]) || TIME_SPAN.test(m[2])) ? {} : { quantityAffected: toNumber(m[1]!) }),
  },
  {
    // "they ask for these 3 collections to be credited", "those 2 swaps removed": the units to come off the bill
    // (the units a count against another names, "the 54 bales credited", are read with that count).
    re: new RegExp(
      String.raw`\b(?:those|these)\s+${N}\s+([a-z][\w-]*)\s+(?:to\s+be\s+)?(?:taken off|removed|credited|knocked off|refunded|written off)\b`,
      'i',
    ),
    // Days, weeks and months taken off are days of a service, read as the dates they are ("those two days").
    apply: (m) =>
      !TIME_SPAN.test(m[2]!) &&
      (COUNT_UNIT.test(m[2]!) || SERVICE_UNIT_WORD.test(m[2]!) || (/s$/i.test(m[2]!) && !MEASURE.test(m[2]!)))
        ? { quantityAffected: toNumber(m[1]!) }
        : {},
  },
  {
    // "3 tests too many on the invoice", "two pallets too many": the units billed that should not be.
    re: new RegExp(String.raw`\b${N}\s+((?:[\w-]+\s+){0,3}?)too many\b`, 'i'),
    // "30 hours is too many": the count said to be too many is the one billed, not the units in excess.
    apply: (m) =>
      /\b(?:is|are|was|were)\s+$/i.test(m[2] ?? '')
        ? { quantityBilled: toNumber(m[1]!) }
        : { quantityAffected: toNumber(m[1]!), ...withProduct(productAfter(m[2] ?? '')) },
  },
  {
    // "billed 8 too many", "invoiced for 8 extra units"
    re: new RegExp(
      String.raw`\b(?:billed|invoiced|charged)\s+(?:for\s+|them\s+|us\s+)?${N}\s+(?:[\w-]+\s+){0,2}?(?:too many|extra|more than)`,
      'i',
    ),
    apply: (m) => ({ quantityAffected: toNumber(m[1]!) }),
  },
  {
    // "4 valves arrived cracked", "3 pallets missing", "two cartons were damaged", "2 of the call-outs
    // never happened"
    re: new RegExp(
      String.raw`${NOT_A_DAY}\b${N}\s+(?!the\s)((?:[\w-]+\s+){0,3}?)(?:(?:were|was|are|came|arrived|got)\s+)*(?:in\s+)?(cracked|broken|damaged|dented|smashed|crushed|shattered|defective|missing|short|leaked|leaking|bent|scratched|never arrived|didn't arrive|did not arrive|${NEVER_HELD})\b`,
      'i',
    ),
    apply: (m) => ({ quantityAffected: toNumber(m[1]!), ...withProduct(productAfter(m[2] ?? '')) }),
  },
  {
    // "none of the 3 inspections", "didn't turn up for any of the 2 call-outs": every one billed
    re: new RegExp(
      String.raw`(?:\b(?:none|neither)|(?:\bnot|n't|\bnever)\b[^.;!?]{0,40}?\bany)\s+(?:of|de|das|dos|des|di|dei|delle)\s+(?:the\s+|las\s+|los\s+|les\s+|os\s+|as\s+)?${N}\b(?![.,]\d|\s*(?:%|\p{Sc}))(?!\s+${NOT_GOODS})`,
      'iu',
    ),
    apply: (m) => ({ quantityAffected: toNumber(m[1]!), quantityBilled: toNumber(m[1]!) }),
  },
  {
    // "not paying those 2 runs", "we will not pay 4 hours": the count the customer refuses, not money
    re: new RegExp(
      String.raw`(?:\bnot|n't|\brefuse\s+to)\s+(?:be\s+)?pay(?:ing)?\s+(?:for\s+)?(?:the\s+|those\s+|these\s+|them\s+)?${N}(?!${MONEY_AFTER_SOURCE})(?!\s+[A-Z]{3}\b)\s+(?!${NOT_GOODS})\p{L}`,
      'iu',
    ),
    apply: (m) => ({ quantityAffected: toNumber(m[1]!) }),
  },
  {
    // "missing 3 pallets", "short 6 units", "never received 5 of the boxes", "il manque donc 14 cartons"
    // (glossed "missing so 14 cartons")
    re: new RegExp(
      String.raw`\b(?:missing|short(?: by)?|never (?:got|received)|didn't (?:get|receive))\s+(?:(?:so|then|therefore|thus|hence|still|also)\s+)?${N}\b\s*(?:of the\s+)?([\w\s-]*)`,
      'i',
    ),
    apply: (m) => ({ quantityAffected: toNumber(m[1]!), ...withProduct(productAfter(m[2] ?? '')) }),
  },
]

function withProduct(p: string | undefined): { productWords?: string } {
  if (!p) return {}
  const cleaned = p.replace(new RegExp(String.raw`\b${UNIT}$`, 'i'), '').trim()
  return cleaned ? { productWords: cleaned } : {}
}

// Not money: "1.5k back", "$2k", "20k euros" stay for the amount reader.
const SCALED_COUNT = new RegExp(
  String.raw`(?<![\w.,]|[$€£¥]\s?)(\d+(?:[.,]\d+)?)\s?(thousand|k)(?![\w])(?!${MONEY_AFTER_SOURCE})`,
  'gi',
)

/** "46 thousand" → "46000", "1.5k" → "1500": the shared scale reader; a fraction of a unit stays as typed. */
function scaledCount(n: string, scale: string): string {
  const whole = scaleDecimal(n.replace(',', '.'), suffixZeros(scale), 0)
  return whole.includes('.') ? `${n} ${scale}` : whole
}

/** "5 dei 20", "3 af de 12", "2 von 10": a part of a count, in the customer's language. */
const PART_OF =
  /\b(\d[\d,.]*)\s+(?:dei|degli|delle|di|de|des|du|von|af|av|van|z|ze|do|sur|por|på)\s+(?:de\s+|den\s+|the\s+)?(\d[\d,.]*)\b/gi

/** "3 camions sur 5": French puts the thing counted between the part and the whole. */
const NOUN_SUR = /\b(\d+)\s+(\p{L}[\p{L}-]*)\s+sur\s+(\d+)\b(?![.,]\d|\s*(?:%|\p{Sc}))/giu

/** The message with the words a count is read by in English (nlu/gloss.ts), parts of a count as "of the". */
function glossed(text: string): string {
  // The rules read ASCII words: "prossimità" → "prossimita", "såpe" → "sape". A count said to have
  // arrived in full ("the 300 filters all arrived complete") is no count of the claim.
  return withoutClauses(glossToEnglish(text), ARRIVED_IN_FULL)
    .replace(PART_OF, (_m, a: string, b: string) => `${a} of the ${b}`)
    .replace(NOUN_SUR, (_m, a: string, noun: string, b: string) => `${a} of the ${b} ${noun}`)
}

/** "3 000 cups", "12 500 stems": thousands grouped by a space (or a narrow one), as much of Europe
 *  writes them, are one count. A group of exactly three digits only, so "3 100-packs" stays two. */
const SPACE_GROUPED = /(?<![\d.,])(\d{1,3})((?:[ \u00a0\u202f]\d{3})+)(?![\d-]|[.,]\d)/g
/** "2.400 towels": thousands grouped by a dot, as much of Europe writes counts (a count of units
 *  is never written with three decimals); not "2.400,50" (money) nor a date "12.05.2026". */
const DOT_GROUPED = /(?<![\d.,])(\d{1,3})((?:\.\d{3})+)(?![\d]|[.,]\d)/g
/** "12 500" or "12.500" as one figure: the head and its groups of three, without the separators. */
const joinGroups = (_m: string, head: string, groups: string): string => head + groups.replace(/\D/g, '')

/** "3 crates (36 jars)", "5 cajas de 12 latas, es decir 60 latas": one count given in two units. */
const TWO_UNITS =
  /\b(\d[\d,.]*)\s+([a-z][a-z-]*)(?:\s+(?:of|de|da|do)\s+\d[\d,.]*\s+[a-z]+)?\s*(?:\(\s*(?:=\s*|i\.?e\.?\s+)?(\d[\d,.]*)\s+([a-z][a-z-]*)\s*\)|(?:=|,?\s*i\.e\.,?|,?\s*which is|,?\s*that's|,?\s*that is|,?\s*(?:es decir|o sea|ou seja|c'est-à-dire|c'est à dire|d\.\s?h\.|das heißt|cioè),?)\s*(\d[\d,.]*)\s+([a-z][a-z-]*)\b)/gi
const unitStem = (w: string): string => w.toLowerCase().replace(/(?:es|s)$/, '')
/** Units of measure, the way goods sold by weight, volume or length are billed. */
const MEASURE =
  /^(?:kgs?|kilos?|kilograms?|kilogrammes?|g|grams?|t|tons?|tonnes?|mt|l|ltrs?|litres?|liters?|ml|m|metres?|meters?|m2|m3|m²|m³|sqm|cbm|lbs?|pounds?|gal|gallons?|ft|feet)$/i
/**
 * "3 drums came dented, 600 litres in total": a count of packs and the total they make in a unit of
 * measure. Goods packed in sacks are billed by the measure, and the total is the speaker's own
 * conversion into it; the count of packs stays for a line that bills packs ("Cement, 25 kg bags").
 */
const PACKS_THEN_TOTAL =
  /\b(\d[\d,.]*)\s+([a-z][a-z-]*)\b([^.;\n\d]{0,60}?),?\s*(\d[\d,.]*)\s*([a-z][a-z²³0-9]*)\s+(?:in total|total|altogether|in all|all told)\b/gi

/**
 * One count said in two units keeps the unit the rest of the message counts in ("3 crates (36
 * jars) … you billed 48 jars" is 36 jars against 48): two counts are compared
 * only in one unit. With no other count in either unit, the first stays.
 */
export function inOneUnit(typed: string): string {
  const text = packsInTheirMeasure(typed).replace(
    PACKS_THEN_TOTAL,
    (whole, _n: string, packs: string, between: string, total: string, unit: string) =>
      MEASURE.test(unit) && !MEASURE.test(packs) ? `${total} ${unit}${between}` : whole,
  )
  return text.replace(
    TWO_UNITS,
    (whole, a: string, ua: string, b1: string, ub1: string, b2: string, ub2: string, at: number) => {
      const b = b1 ?? b2
      const ub = ub1 ?? ub2
      const rest = text.slice(0, at) + text.slice(at + whole.length)
      const others = [...rest.matchAll(/\b(\d[\d,.]*)\s+([a-z][a-z-]*)/gi)]
      const counted = (u: string) => others.some((m) => unitStem(m[2]!) === unitStem(u))
      if (counted(ub) && !counted(ua)) return `${b} ${ub}`
      if (counted(ua) && !counted(ub)) return `${a} ${ua}`
      // "4 bags (100 kg)": packs and the measure they make; the measure is what goods are billed in.
      if (!counted(ua) && !counted(ub) && MEASURE.test(ub) && !MEASURE.test(ua)) return `${b} ${ub}`
      // Neither unit counted again ("40 boxes … 420 slabs = 35 kassar"): the count compared with
      // the others is the one of their size, never one ten times larger or smaller.
      const sizes = others.map((m) => toNumber(m[1]!)).filter((n): n is number => n !== undefined && n > 0)
      const x = toNumber(a)
      const y = toNumber(b)
      if (!sizes.length || !x || !y || counted(ua) || counted(ub)) return whole
      const gap = (n: number) => Math.min(...sizes.map((s) => Math.abs(Math.log(n / s))))
      if (gap(y) < Math.log(3) && gap(x) > Math.log(3)) return `${b} ${ub}`
      if (gap(x) < Math.log(3) && gap(y) > Math.log(3)) return `${a} ${ua}`
      return whole
    },
  )
}

/** The measures a pack's size is said in. */
const PACK_MEASURE = 'kgs?|ltrs?|litres?|liters?|litros?|lbs?|l|t|kilos?|quilos?'
/** "4 sacks x 50 kg", "14 tambores de 200 litros": a pack's size in a measure, said as the multiplication
 *  it makes or as what each pack holds. */
const PACK_SIZE = new RegExp(
  String.raw`\b(\d+)?\s*([a-z]{3,}?)(?:es|s)?\s*(?:(x|×)|of|de|da|do)\s*(\d+(?:[.,]\d+)?)\s*(${PACK_MEASURE})\b(?:\s+each)?`,
  'gi',
)
/** "18 of the 20 bags": a count set against another, which the two must share. */
const ONE_OF_THE_OTHER = /\b\d+\s+(?:of|out of)\s+(?:the\s+)?\d+\b/i

/** A count in one of those measures ("200 litros"). */
const MEASURED_COUNT = new RegExp(String.raw`\d\s*(${PACK_MEASURE})\b`, 'gi')
/** Another count in the pack's measure, outside the pack's own statement ("… bills 3.000 litros"). */
function measuredElsewhere(typed: string, m: RegExpExecArray): boolean {
  const rest = typed.slice(0, m.index) + ' ' + typed.slice(m.index + m[0].length)
  const unit = unitKey(m[5]!)
  return [...rest.matchAll(MEASURED_COUNT)].some((x) => unitKey(x[1]!) === unit)
}

/**
 * "4 torn sacks … 4 sacks x 50 kg": where the speaker gives a pack's size in a measure, every count of
 * those packs is that many units of the measure (150 kg torn), the way goods sold by weight or
 * volume are billed. Nothing changes without such a statement.
 */
function packsInTheirMeasure(typed: string): string {
  if (ONE_OF_THE_OTHER.test(typed)) return typed
  const sizes = [...typed.matchAll(PACK_SIZE)].filter(
    (m) =>
      !MEASURE.test(m[2]!) &&
      !/^(?:the|and|one|out)$/i.test(m[2]!) &&
      // "16 drums of 25 L", said beside no other count in litres, may name the product ("bottles of 0.5 L"),
      // not the packs' size: only the multiplication ("x 50 kg") is always one; "of" is where another
      // count in that measure needs it.
      (m[3] !== undefined || measuredElsewhere(typed, m)) &&
      // A pack count grouped in thousands ("1,204 bottles") is not read from its last group.
      !/[\d.,]$/.test(typed.slice(0, m.index)),
  )
  let text = typed
  for (const m of sizes) {
    const size = Number(m[4]!.replace(',', '.'))
    const unit = m[5]!
    const pack = m[2]!
    const times = (n: string) => `${Math.round(Number(n) * size * 1000) / 1000} ${unit}`
    // The statement itself, then every other count of the packs ("6 torn bags").
    text = text.replace(m[0], m[1] ? times(m[1]) : m[0])
    text = text.replace(
      new RegExp(String.raw`\b(\d+)\s+((?:[a-z]+\s+)?)${pack}(?:es|s)?\b`, 'gi'),
      (_w, n: string, adj: string) => `${times(n)} of ${adj}${pack}s`,
    )
  }
  return text
}

const NOT_A_COUNT_AFTER = new RegExp(
  `^${MONTH_WORD}$|^(?:days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|percent|per|pm|am|euros?|dollars?|pounds?)$`,
  'i',
)

/**
 * The one count of units a message gives ("5 drums arrived leaking", "two cartons were soaked"): a
 * figure followed by a word, not money, a date, a time or part of a reference. Nothing when there
 * are several: which one is affected is then for the rules that read verbs, or for a question.
 */
export function loneCount(typed: string): { count: number; productWords?: string } | undefined {
  const text = digitsForWords(typed)
  const found = new Map<number, string | undefined>()
  // An uppercase series before the figure ("FV 505", "SI 4552") makes it a document number.
  for (const m of text.matchAll(
    // Nor the thousands of a figure grouped by a space ("R2 380 with tax").
    /(?<![\w.,/:\-–#$€£¥₹]|[$€£¥₹]\s|\b[A-Z]{1,4}\.?\s|\d[ \u00a0\u202f](?=\d{3}\b)|\b(?:[Ii]nvoice|[Ii]nv|[Nn]o|[Nn]r|[Nn]umber|[Oo]rder|[Rr]ef|[Bb]ill)\.?\s*#?\s*)(\d{1,5})\s+([A-Za-z][A-Za-z-]*)/g,
  )) {
    const word = m[2]!
    if (NOT_A_COUNT_AFTER.test(word) || (word.length === 3 && isCurrencyCode(word.toUpperCase()))) continue
    // "5 of the apple boxes": the product is named after "of the".
    const rest = text.slice(m.index + m[1]!.length).replace(/^\s+(?:of|out of)\s+(?:the|their|our)\s+/i, ' ')
    found.set(Number(m[1]), withProduct(productAfter(rest)).productWords)
  }
  if (found.size !== 1) return undefined
  const [count, productWords] = [...found][0]!
  return { count: count!, ...(productWords ? { productWords } : {}) }
}

/** Words for one load of a delivery or one trip: figures listed after them are what each brought. */
const LOAD = `(?:trucks?|truckloads?|lorr(?:y|ies)|loads?|deliveries|shipments?|drops?|trips?|consignments?|vans?|runs?)`
const LIST = String.raw`(?:\d+\s*,\s*)*\d+\s*,?\s*(?:and|&|\+|plus|i|y|et|und|e|og|och|en|ja|és|и)\s*\d+`
/** "three trucks: 600, 600 and 540", "loads of 6, 6 and 3", "we received 40, 40 and 35 boxes": what
 *  each load brought, summed into what came. A count of loads that is not the list's length
 *  ("2 trucks: 600, 600 and 540") leaves the text as said. */
const LISTED_LOADS = new RegExp(
  String.raw`(?:\b(\d+)\s+(?:\w+\s+)?)?\b${LOAD}\b[^\d.;\n]{0,24}?(${LIST})(\s+[a-z][\w-]*)?|\b(?:received|got|delivered|arrived)\s+(?:only\s+)?(${LIST})(?=\s+[a-z])`,
  'gi',
)
/** "600, 600 and 540 pieces" in a sentence that says they came: the counts of one delivery each. */
const LISTED_COUNTS = new RegExp(String.raw`\b(${LIST})(\s+[a-z][\w-]*)`, 'gi')
const CAME = /\b(?:arrived|came|received|delivered|got)\b/i
function sumLoads(typed: string): string {
  const loads = typed.replace(
    LISTED_LOADS,
    (whole, count: string | undefined, list1?: string, unit?: string, list2?: string) => {
      const list = list1 ?? list2 ?? ''
      const parts = list.match(/\d+/g)!.map(Number)
      if (count !== undefined && Number(count) !== parts.length) return whole
      const sum = parts.reduce((a, b) => a + b, 0)
      // Said the way the count rules read what came: "1740 pieces arrived".
      return list2 !== undefined ? whole.replace(list, String(sum)) : `${sum}${unit ?? ''} arrived`
    },
  )
  return loads.replace(LISTED_COUNTS, (whole, list: string, unit: string, at: number) => {
    const word = unit.trim().toLowerCase()
    if (!COUNT_UNIT.test(word) && !/[^s]s$/.test(word)) return whole
    const start = Math.max(loads.lastIndexOf('.', at), loads.lastIndexOf(';', at), loads.lastIndexOf('\n', at)) + 1
    const end = loads.slice(at).search(/[.;\n]/)
    if (!CAME.test(loads.slice(start, end < 0 ? undefined : at + end))) return whole
    return `${(list.match(/\d+/g) ?? []).map(Number).reduce((a, b) => a + b, 0)}${unit} arrived`
  })
}

/** `money`: the figures of the message said as money, which a unit-less count is not. */
/** "26 to 31 October", "the 3rd of March", "1-8 Nov": days of a month, never a count of anything
 *  ("30 April, not 1 to 6 May" names days, not 30 of something against 1). "May" only where it
 *  cannot be the verb. */
// Also the month first ("Sept 9", "Oct 14th"): not "may", a verb as often as a month.
const DAYS_OF_MONTH =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?![.,:/]\d|\s*(?:%|\d))|\b\d{1,2}(?:st|nd|rd|th|\.)?(?:\s*(?:-|–|to|till|until|and|&)\s*\d{1,2}(?:st|nd|rd|th|\.)?)?\s+(?:(?:of|de|del|du)\s+)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|may(?=\s*(?:\d{4}|[,.;)]|$)))\b\.?/gi

/** A day and a month in digits, never a count: "3.11." (the dot after the month says a date), or a
 *  month with its leading zero after a slash or dash ("14/09"); "3/4 of them", "15/20" and "3.06
 *  tonnes" stay as said. */
const DAY_MONTH_DIGITS = /\b(?:[12]\d|3[01]|0?[1-9])(?:\.(?:1[0-2]|0?[1-9])\.(?![\d.,])|[/-]0[1-9]\b(?![.,/-]?\d))/g

export function findQuantities(typed: string, money: readonly number[] = []): QuantityFacts {
  const text = sumLoads(
    digitsForWords(
      glossed(
        // Chat's spellings as the reason reader reads them ("came w/ a split lid" is damage).
        inOneUnit(foreignCountsAsDigits(fixSpelling(typed)))
          .replace(SPACE_GROUPED, joinGroups)
          .replace(DOT_GROUPED, joinGroups),
      )
        .replace(DAYS_OF_MONTH, 'that date')
        // "1リール分", "2箱分": the worth of so many containers, no count of the units billed.
        .replace(/\d+\s*(?:[\p{Script=Katakana}\u30fc]+|\p{Script=Han})分/gu, 'that lot')
        .replace(DAY_MONTH_DIGITS, 'that date')
        // "taxed at 16,5 % instead of 15 %": a rate, never a count.
        .replace(/\d+(?:[.,]\d+)?\s*(?:%|percent\b|per\s?cent\b|pct\b)/gi, 'that rate')
        // "on day 3 nor 4" (a gloss of "no dia 3 nem no 4"): days of the month, never counts.
        .replace(/\bdays?\s+(\d{1,2})\b(?![.,]\d)/gi, 'day $1th')
        // "9,5 hours": a decimal comma before hours is a fraction of an hour, never thousands.
        .replace(/\b(\d+),(\d{1,2})(?=\s*(?:h|hrs?|hours?)\b)/gi, '$1.$2')
        .replace(/[A-Za-z']+/g, (w) => SPELLING[w.toLowerCase()] ?? w)
        // "Harbour Foods, short one:", "a quick one –": the message introduced as brief, never one unit short.
        .replace(/(?:(?<=^|,)[ \t]*|\ba\s+)(?:short|quick|small)\s+one\b(?=\s*[:–—-])/gim, ' brief note')
        // "the three short shifts": short before a span of time or work describes it, never units missing.
        .replace(SHORT_BEFORE_A_SPAN, 'brief')
        // "85W-140", "ISO 68", "SAE 40": a product's designation holds no count of it.
        .replace(DESIGNATION, 'that grade')
        // "a 12 tonne wet hire": plant hired with its operator, nothing wet.
        .replace(/\b(?:wet|dry)(?=\s+(?:hire|hired|lease|rental|rate)\b)/gi, 'operated')
        // "74 thousand", "50k", "1.5k": the count in units, never "thousand" read as a count of its own.
        .replace(SCALED_COUNT, (_m, n: string, scale: string) => scaledCount(n, scale)),
    ),
  )
  const facts: QuantityFacts = {}
  const evidence: string[] = []
  let unitsOff = false
  let replaced = false
  for (const rule of RULES) {
    const m = rule.re.exec(text)
    if (!m) continue
    if (rule.role === 'units-off') unitsOff = true
    if (rule.role === 'replaces') replaced = true
    const got = rule.apply(m, text)
    for (const [k, v] of Object.entries(got) as [keyof QuantityFacts, never][]) {
      if (facts[k] === undefined && Number.isFinite(v as unknown as number | string)) facts[k] = v
      else if (facts[k] === undefined && (typeof v === 'string' || v === true)) facts[k] = v
    }
    evidence.push(m[0].trim())
  }
  // "4 patrols not done, not 5": the count replaced was the claim's, neither received nor billed.
  if (replaced) {
    delete facts.quantityReceived
    delete facts.quantityBilled
  }
  // "only two of our staff came in, 8 hrs each … want the extra 8 hours taken off": the units said to come
  // off are the claim; a count received that does not leave them of the count billed counts something else.
  const { quantityReceived: got, quantityBilled: billed, quantityAffected: off } = facts
  if (unitsOff && got !== undefined && off !== undefined && (billed === undefined || billed - got !== off))
    delete facts.quantityReceived
  // "12 broken crates, not 10": one figure read both as what came and as what is damaged, above the
  // figure read as billed, is the damaged count and "not 10" the count it replaces (more received
  // than billed is no shortage). "there only 2 hours, so 2 of the 4" keeps both readings.
  if (
    facts.quantityReceived !== undefined &&
    facts.quantityReceived === facts.quantityAffected &&
    facts.quantityBilled !== undefined &&
    facts.quantityReceived > facts.quantityBilled
  ) {
    delete facts.quantityReceived
    delete facts.quantityBilled
  }
  // "6 of the 90 stools sent over were cracked": one figure read both as what came and as what was
  // damaged, in a message that says the damage, is the count damaged.
  if (
    facts.quantityReceived !== undefined &&
    facts.quantityReceived === facts.quantityAffected &&
    DAMAGE_SAID.test(text)
  )
    delete facts.quantityReceived
  // "we billed 480 m², their survey adds up to 455 m²": the count billed and one other count in the
  // same unit, smaller, is what came or was done, whatever verb joins them.
  // Not where a count is also given in another unit ("10 cartons / 200 bags"): which unit the
  // invoice bills is then for the ledger to say.
  if (
    facts.quantityBilled !== undefined &&
    facts.quantityReceived === undefined &&
    facts.quantityAffected === undefined &&
    !/\d[^()/\d]{0,24}[(/]\s*\d/.test(text)
  ) {
    // A figure's unit is the word after it, unless that word is a verb or a function word ("80 we
    // billed", "48, the site log").
    const counts = [...text.matchAll(/(?<![\w.,/-])(\d[\d,]*\d|\d)(,?)\s*([a-z][a-z²³-]*)/gi)].map((m) => ({
      n: toNumber(m[1]!),
      unit: m[2] || (STOP.test(m[3]!) && !COUNT_UNIT.test(m[3]!)) ? '' : unitStem(m[3]!),
      claimed: CLAIMED_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index)),
    }))
    const billed = facts.quantityBilled
    // "their survey says 455 m, we invoiced 480": a count billed with no unit of its own is in the one unit
    // every other count of the message is in.
    const otherUnits = new Set(counts.filter((c) => c.n !== billed && c.unit).map((c) => c.unit))
    const countable = (u: string): boolean => u !== '' && !NOT_A_COUNT_AFTER.test(u) && !isCurrencyCode(u.toUpperCase())
    // A unit-less figure "billed" beside money of its size ("quoted 265 EUR, we billed 279") is a price.
    const priceLike = money.some((v) => v * 2 >= billed && v <= billed * 1.5)
    const found =
      counts.find((c) => c.n === billed)?.unit ||
      (otherUnits.size === 1 && !priceLike ? [...otherUnits].find(countable) : undefined)
    // Spans of time ("paid a week late, billed two weeks of interest") are terms, not counts of anything.
    const billedUnit = found && !/^(?:day|week|month|year)s?$/.test(found) ? found : undefined
    const others = [...new Set(counts.filter((c) => c.unit === billedUnit && c.n < billed && c.n > 0).map((c) => c.n))]
    // Two counts that make up the count billed ("455 m laid … want 25 m off" of 480) are what
    // came and what did not: the larger came, as a shortfall is the smaller part wherever a rule
    // reading the verbs has not said otherwise.
    const [a, b] = others
    const parts = others.length === 2 && a !== undefined && b !== undefined && a + b === billed
    // "billed 3 call-outs … they claim 2": the one other count, said as what is claimed, is in dispute.
    const claimed = others.length === 1 && counts.some((c) => c.n === others[0] && c.unit === billedUnit && c.claimed)
    if (billedUnit && claimed) {
      facts.quantityAffected = others[0]!
      evidence.push(`${others[0]} ${billedUnit} claimed`)
    } else if (billedUnit && (others.length === 1 || parts)) {
      const received = Math.max(...others)
      facts.quantityReceived = received
      evidence.push(`${received} ${billedUnit}`)
    }
  }
  if (evidence.length) facts.evidence = evidence.join('; ')
  return facts
}

/** Words that ask for a count back ("they claim 2", "disputing 4", "want 3 credited"), in English or the gloss's. */
const CLAIMED_BEFORE =
  /\b(?:claim\w*|disput\w*|contest\w*|demands?|want\w*|credit\w*|refund\w*|asking for|seeking)\s+(?:for\s+)?(?:the\s+)?(?:other\s+)?$/i

/** A bare "45 units" / "it's 45" with no role: what a correction usually restates. */
export function bareQuantity(text: string): number | undefined {
  const m =
    new RegExp(String.raw`\b${N}\s+${UNIT}\b`, 'i').exec(text) ??
    /\b(?:it's|its|it is|make it|was|is)\s+(\d+)\b(?![.,]\d)/i.exec(text)
  return m ? toNumber(m[1]!) : undefined
}
