/**
 * Amounts as typed: "$150", "150.00", "1,700", "USD 2,000.50", "10.770,00 €", "€1.234,56",
 * "¥5000". Returned as decimal strings with a dot ("1700.00") and the currency when stated. This
 * reads what was said; it never computes. Bare integers count as amounts only where the words
 * around them say money ("disputing the full 1,700"), so quantities stay quantities.
 */
import { decimal, decimalCmp, decimalSub, minorDigits } from '../../../core/money.ts'
import currencies from './data/currencies.json' with { type: 'json' }
import vocab from './data/vocab.json' with { type: 'json' }
import { currencyLetterSigns, currencyLetterSymbols, currencyNames, EVERYDAY_WORDS } from './currency-names.ts'
import { glossToEnglish } from './gloss.ts'
import { claimColumn } from './claim-column.ts'
import { insideAny, type Span, tableRows } from './pasted-text.ts'
import {
  isIsoCurrency,
  parseSpelledNumber,
  FOREIGN_SCALE,
  CJK_SCALES,
  SCALE_SUFFIX,
  SPELLED_NUMBER,
  scaleDecimal,
  suffixZeros,
} from './numbers.ts'

export interface AmountMention {
  raw: string
  /** "1700.00"; as many decimals as the currency has when it is known, else 2 when none were typed. */
  value: string
  currency?: string
  index: number
  /** `unit_price`: the price the customer says is right ("should be 12.50", "contract says 12.50 a unit");
   *  `billed_unit_price`: what was billed per unit ("invoiced 14.00 per widget"); else `amount`. */
  role: 'amount' | 'unit_price' | 'billed_unit_price'
}

const SYMBOLS = vocab.currencySymbols as Record<string, string>
/** A count in a measure just before ("12kg ", "3 x "): what follows is the thing counted. */
const MEASURED_COUNT_BEFORE = /\d\s?(?:kgs?|g|t|mt|l|lt|ltrs?|ml|m|lbs?|oz|pcs|x|×)\.?\s*$/i
// A symbol made of letters ("R 4 310", "Rs.", "KSh") is one only as a word of its own: "PR745" and
// "24 Rolls" hold no rand.
// A sign in a script without spaces between words ("74,580円", "21,900원") follows the figure directly.
const symbolPattern = (s: string): string => {
  const escaped = s.replace(/[$.]/g, '\\$&')
  return /^[A-Za-z]/.test(s) ? `(?<![A-Za-z0-9])${escaped}(?![A-Za-z])` : escaped
}
const SYMBOL_RE = Object.keys(SYMBOLS)
  .sort((a, b) => b.length - a.length)
  .map(symbolPattern)
  .join('|')
// Thousands grouped by ",", ".", a space or the Swiss "'": 1,250.00 / 1.250,00 / 1 250,00 / 1'250.00.
// Thousands groups in either convention ("1,250.00", "1.250,00", "1 250,00", "1'250.00"), and the
// Indian lakh/crore grouping ("1,80,000", "12,34,567.50").
const NUM = String.raw`\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,3})?|\d{1,3}(?:[.,\s'’]\d{3})+(?:[.,]\d{1,3})?|\d+(?:[.,]\d{1,3})?`
const SUF = `(${SCALE_SUFFIX})?`
/** A scale sign of a script without word boundaries ("7.46万"): the figure ends with it. */
const CJK_SCALE = `[${Object.keys(CJK_SCALES).join('')}]`
const CODE = '[A-Z]{3}'
/** Codes typed in lower case after a figure in chat ("318 500 amd", "75usd", "1.2k usd"); not those
 *  that are also English words ("all", "cup", "cad", "rub"). */
const LOWER_CODE_WORDS = new Set([...currencies.ambiguous, 'CAD', 'COP', 'RUB'])
const LOWER_CODES = currencies.codes
  .filter((c) => !LOWER_CODE_WORDS.has(c))
  .map((c) => c.toLowerCase())
  .join('|')

interface MoneyPatterns {
  /** Currency words; null for a name several currencies share (money, the currency unsaid). */
  words: Record<string, string | null>
  money: RegExp
  /** "three hundred pounds", "two hundred twelve dollars and forty cents". */
  spelled: RegExp
  /** Signs of one or two capitals ("Q", "DT") and currency names that are English words ("kip"): money
   *  only beside a figure with its cents or its thousands grouped. */
  shortSigns: ReadonlySet<string>
}
/** The names of a currency's hundredth, said after its spelled cents ("twenty cents", "fifty butut"). */
const MINOR_UNIT =
  'cents?|pence|p|butut|bututs|centavos?|centimes?|céntimos?|centesimi|kobo|pesewas?|tambala|ngwee|thebe|sen|fils|paise|satang|tiyin|cts?'
/** After spelled cents with no name for them: a word that says they counted something instead. */
const COUNTED_AFTER = /^\s+(?:[a-z]+s|units?|pcs|pieces?|each|per|a|an|of)\b/i
let patterns: MoneyPatterns | undefined
/** Built on the first reading, not at import: ICU's currency names take tens of milliseconds, off start-up. */
function moneyPatterns(): MoneyPatterns {
  if (patterns) return patterns
  // "Rp 932.400", "76 000 Ft": letter symbols ICU knows that the hand-kept list lacks.
  const signs = { ...currencyLetterSigns(currencies.codes), ...currencies.signs }
  const symbols = currencyLetterSymbols(currencies.codes)
  const letters = Object.fromEntries(Object.entries({ ...signs, ...symbols }).filter(([s]) => !(s in SYMBOLS)))
  const words: Record<string, string | null> = {
    ...currencyNames(currencies.codes),
    ...letters,
    ...vocab.currencyWords,
    ...currencies.words,
  }
  // "kip", "real", "mark": a name that is also an English word is money only beside a formatted figure.
  const everyday = Object.keys(words).filter(
    (w) => EVERYDAY_WORDS.has(w.toLowerCase()) && !(w in vocab.currencyWords) && !(w in currencies.words),
  )
  const escaped = (list: readonly string[]) => list.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')
  const WORD_RE = escaped(Object.keys(words))
  const SPELLED_WORD_RE = escaped(Object.keys(words).filter((w) => !everyday.includes(w)))
  const LETTER_RE = Object.keys(letters).map(symbolPattern).join('|')
  patterns = {
    words,
    shortSigns: new Set([...Object.keys(signs).filter((s) => !(s in SYMBOLS) && !(s in symbols)), ...everyday]),
    money: new RegExp(
      String.raw`(?:(${SYMBOL_RE}${LETTER_RE ? `|${LETTER_RE}` : ''})\s?(${NUM})${SUF}|\b(${CODE})\s?(${NUM})${SUF}(?:\b|(?<=${CJK_SCALE}))|\b(${NUM})${SUF}\s?(${SYMBOL_RE}${LETTER_RE ? `|${LETTER_RE}` : ''}|${CODE}\b|(?:${LOWER_CODES})\b|(?:${WORD_RE})(?!\w)))|\b(${NUM})${SUF}(?:\b|(?<=${CJK_SCALE}))`,
      'g',
    ),
    spelled: new RegExp(
      String.raw`\b(${SPELLED_NUMBER})\s+(${SPELLED_WORD_RE}|${CODE})\b(?:,?\s+(?:and\s+)?(${SPELLED_NUMBER})(?:\s+(${MINOR_UNIT}))?\b)?`,
      'gi',
    ),
  }
  return patterns
}
/** Dates written with dots or year first ("02.03.2026", "12.05.26", "2026.03.02"), a range of days
 *  and months whose first date has no year ("14.07–13.08.2026", "01.03-10.03"), a range of days in one
 *  month written with the ordinal dot ("6.–9.10."), and a day and month
 *  after a word that dates, in English or another language ("paid on 14.09", "since 01.09", "am 03.11",
 *  "платили на 14.10", "faktura z 11.08"): never money. */
const DAY_MONTH = String.raw`(?:0?[1-9]|[12]\d|3[01])\.(?:0[1-9]|1[0-2])`
const DATE_LIKE = new RegExp(
  String.raw`(?<=\b(?:on|by|since|from|until|till|before|after|dated)\s+(?:the\s+)?)${DAY_MONTH}\b(?![.,]?\d)|(?<=(?<![A-Za-zÀ-ÿ\u0400-\u04ff])(?:am|vom|bis|seit|le|du|au|depuis|el|del|al|desde|em|dia|il|dal|op|sinds|den|dne|dnia|od|do|na|на|от|до|с|со|по|від|з|z|ze|iz|из)\s+)${DAY_MONTH}\b(?![.,]?\d)|\b${DAY_MONTH}\s*[-–—]\s*${DAY_MONTH}(?:\.(?:\d{4}|\d{2}))?\b|\b\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})\b|\b\d{1,2}\.\s*[-–—]\s*${DAY_MONTH}\.(?!\d)|\b\d{4}[./]\d{1,2}[./]\d{1,2}\b`,
  'g',
)
const REF_BEFORE = /\b(?:ref(?:erence)?|id|no\.?|number|trace|txn|transaction)\s*(?:is\s*|was\s*)?[:#]?\s*$/i
/** Words that may follow a figure that is money; any other word after a whole number makes it a count
 *  of something ("disputing 9 laptops", "claiming 6 drums"). */
const AFTER_MONEY_WORD =
  /^\s+(?!(?:back|off|in|on|of|to|for|from|and|or|but|as|at|is|was|were|are|be|been|being|will|would|should|which|that|this|it|total|incl|including|inc|plus|net|excl|excluding|more|less|too|so|because|since|please|pls|now|already|then|than|credited|refunded|owed|outstanding|disputed|due|over|under|with|w|by|if|into|across|against|the|a|an|they|we|he|she|you|i|their|our|not|no|yet|still|only|just|all|tax|vat|gst|up|out|odd|ish|or so|balance|credit|refund|amount|deduction|adjustment|difference|overcharge|sum|worth|short|extra|approx|roughly|about|even|flat|instead|rather|vs|versus|per|each|a piece)\b)[a-z][a-z-]*/i
/** One charge named after a figure, singular ("2 delivery charges" counts charges). */
const CHARGE_AFTER = /^\s+(?:[a-z][\w-]*\s+){0,2}?(?:charge|fee|surcharge|levy|penalty)\b(?!s)/i
// "billed 500" is as often the billed quantity as money: bare integers after it are not amounts.
const MONEY_CONTEXT_BEFORE =
  /\b(?:disput\w*|contest\w*|claim\w*|full|total|amount|balance|refund\w*|credit\w*|charge[ds]?|owe[sd]?|pa(?:y|id)|short[- ]?pa(?:y|id|ying|yment)|under-?pa(?:y|id|ying)|worth|back|fee|price|cost|costs|want|wants|wanting|seeking|asking for|requesting|\$)\s+(?:all\s+(?:of\s+)?|the\s+|a\s+|an\s+|of\s+|us\s+|them\s+)?(?:full\s+|total\s+|whole\s+)?$/i
/** Two figures or more said with a lower-case "m": the message measures in metres. */
const metresSaid = (text: string): boolean => (text.match(/\d\s?m(?![\p{L}\d²³])/gu) ?? []).length >= 2
/** A time of day after a figure ("4:15pm", "11 am", "9.30 a.m."). */
const TIME_AFTER = /^(?::\d{2}\b|[.:]\d{2}\s?[ap]\.?m\b|\s?[ap]\.?m\.?(?![\p{L}]))/iu
/** A figure set after a claim in its clause as its sum ("wants INV-9 cancelled - 2,480.", "disputing one
 *  visit, 60."): the claiming words, then a comma, colon or dash just before it, and nothing after it in
 *  the sentence. */
const CLAIM_CLAUSE_BEFORE =
  /(?:\b(?:disput\w*|contest\w*|claim\w*|credit\w*|cancel\w*|refund\w*|revers\w*|waiv\w*|void\w*|taken?\s+off|knock\w*\s+off)|(?:\bnot|n't|\bnever|\bwon'?t|\brefuses? to)\s+(?:want\s+to\s+)?pay\w*)\b[^.!?\n]{0,60}?(?:,|:|\s[-–—])\s*$/i
/** A sum spoken in words, a hundred or more, with its cents said after it as a number of their own
 *  ("two thousand and sixty-one forty" is 2061.40), as "1234.50". */
function spokenSum(said: string): string | undefined {
  const whole = parseSpelledNumber(said)
  if (whole !== undefined) return whole >= 100 && Number.isInteger(whole) ? `${whole}.00` : undefined
  const words = said.split(/[\s-]+/)
  for (const k of [1, 2]) {
    const units = parseSpelledNumber(words.slice(0, -k).join(' '))
    const cents = parseSpelledNumber(words.slice(-k).join(' '))
    if (units !== undefined && units >= 100 && cents !== undefined && cents >= 10 && cents <= 99)
      return `${units}.${cents}`
  }
  return undefined
}
/** A number spoken in words with a scale in it ("thirty-four hundred", "two and a half thousand"). */
const SPELLED_SUM = new RegExp(String.raw`\b${SPELLED_NUMBER}\b`, 'gi')
const SCALE_WORD = /\b(?:hundred|thousand|million)\b/i
const CLAUSE_END_AFTER = /^\s*(?:[.;!?\n)]|$)/
/** The names of a sales tax, in the languages ledgers are written in (ПДВ and НДС are matched apart). */
const TAX_WORD =
  '(?:tax|vat|mwst|gst|hst|pst|qst|tps|tvq|ust|moms|mva|iva|tva|tvsh|btw|ppn|kdv|áfa|afa|dph|ddv|pdv|fpa|igic|sst|igv|itbms|itbis|isv|ivu|icms|ipi|iss)'
/** A tax's name and nothing else ("VAT" read where a currency code was looked for). */
const TAX_ALONE = new RegExp(`^${TAX_WORD}$`, 'i')
/** A figure that is a tax amount: the tax's name just before it ("+ VAT 75.60", "IVA: 36,00") or just
 *  after it ("7 700 TVA"). */
const TAX_JUST_BEFORE = new RegExp(String.raw`(?<![\p{L}])${TAX_WORD}\s*[:=]?\s*$`, 'iu')
const TAX_JUST_AFTER = new RegExp(String.raw`^\s*${TAX_WORD}(?![\p{L}])`, 'iu')
export const saidAsTax = (text: string, index: number, length: number): boolean =>
  TAX_JUST_BEFORE.test(text.slice(Math.max(0, index - 12), index)) ||
  TAX_JUST_AFTER.test(text.slice(index + length, index + length + 8))
/** A code after a figure that says the tax is in it ("144,00 TTC"): no currency. (After "7 700 TVA" the
 *  figure is the tax itself, no amount of the claim.) */
const TAX_MARK = /^TTC$/i
/** After a figure, the marks that say its tax is in it without a word for "with" before the tax ("702,65 TTC",
 *  "… VAT included"): read by MONEY_CONTEXT_AFTER and TAX_IN_AFTER alike. */
const TAX_MARK_AFTER = String.raw`^\s*(?:ttc|t\.t\.c\.?)(?!\w|\.\w)|^\s*${TAX_WORD}\.?\s+(?:incl\w*|inclus\w*|includ\w*|compris\w*|inbegriffen)\b`
/** After a figure: it is a total the customer wants ("57,200 incl. tax", "324 back", "60 credited"). */
const MONEY_CONTEXT_AFTER = new RegExp(
  String.raw`^\s*(?:incl\.?|including|inc\.?|inkl\.?|inklusive|inkl|inkluderet|inkludert|inklusive|incluido|incluso|incluyendo|inclus|ttc|plus|\+|w\/|with|med|mit|con|com|avec|excl\.?|net of)\s+(?:the\s+)?(?:[\w-]+\s+)?${TAX_WORD}\b|^\s*(?:in total|in all|all in|all-in|all told|all up|altogether|total|back|off|(?:in|of) (?:dispute|credit))\b|^\s*(?:з|із|с|включно з|включая)\s+(?:ПДВ|НДС)|${TAX_MARK_AFTER}`,
  'i',
)
// After a price, the unit it is per ("12.50 a unit", "/kg", "each"). "per their AP", "per the contract"
// is "according to", not a unit; nor is "a" before an infinitive ("R$ 214,50 a devolver": to be
// returned), nor "a" with no word after it (a rating in amperes, "20 A)"), nor a French or Spanish "à"
// folded to "a" before an article or a pronoun ("10,00 € à la livraison", "40 € à nous rembourser"), nor
// "an" starting a word with a letter outside ASCII ("25 análises").
const UNIT_AFTER =
  /^\s*(?:o|el|le|la|al|au|pro|je|por|par)\s+(?!(?:las|los|les|des|os|as)\b)[a-zà-ÿ]{3,}\b|^\s*\/\s*[a-zà-ÿ]{1,12}\b|^\s*(?:a(?=\s+[a-zà-ÿ]|piece\b)(?!\s+(?:l['’]|la|le|les|las|los|el|partir|nous|vous|nos|vos|notre|votre|leur|leurs|mes|ses|ces|cette|une?|ell?es?|eux|lui)(?![a-zà-ÿ]))(?!\s+(?:[a-z]{1,3}\$|\$))(?!\s+(?:refund|credit|return|discount|rebate|deduction|reimbursement|payment|paid|pay|total|difference)\b)(?!\s+(?!year|liter|litre|meter|metre|pair|quarter|user|container|pallet|order|roller|filter|heater|cylinder)[a-zà-ÿ]+(?:ar|er|ir)\b)|per(?!\s+(?:their|our|the|your|his|her|my|its|contract|agreement|email|invoice|po|customer|ap)\b)(?!\s+(?:\d{1,2}(?:st|nd|rd|th|e|er)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|\d{1,2}[./-]\d{1,2}\b|\d{1,2}(?:st|nd|rd|th)\b|first\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d))|\/|each|an)\s*(?:unit|piece|pc|item|each|case|box|hour|hr|kg|lb|month|seat|license|ea)?\b(?![à-ÿ])|^\s*(?:each|ea)\b|^\s*\/\s*(?:ea|unit|pc|hr|seat)\b|^\s*[x×]\s*\d|^\s*(?:times|multiplied\s+by)\s+(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b)/i
/** The price the customer says is right: "should be", "contract says [Widget A is]", "vs contract", "agreed". */
const EXPECTED_BEFORE =
  /(?:\b(?:price|rate)\s+(?:agreed|quoted|contracted|negotiated)\b(?:[^.;:\d]|(?<=\b(?:Mr|Mrs|Ms|Dr))\.){0,40}?\b(?:is|was|of|at)\s*(?:only\s+)?$|\b(?:always|usually|normally|typically|generally|previously)\s+(?:pay|paid|(?:been|get|got|are|were)\s+(?:charged|billed))\s*(?:only\s+)?$|\b(?:(?:should|shld|shd) (?:be|have been|cost)|s\/b|shouldve been|should've been|ought to (?:be|cost|have been)|(?:was )?(?:supposed|meant) to (?:be|cost)|agreed(?: price| rate)?(?: of| at| was| is)?|quoted(?: at)?|price (?:\d{4} )?(?:is|was|of|should be)|rate (?:\d{4} )?(?:is|was|of|should be))|\b(?:per|vs\.?|versus|instead of|not|than|under|in)?\s*(?:the |their |our |o nosso |nuestro |notre |unser )?(?<!\b(?:outside|beyond|out of)\s+(?:of\s+)?(?:the |their |our )?)(?:contract(?:ed)?|contrato|contrat|vertrag|contract|agreement|deal|quote|quotation|sow|statement of work|rate ?card|msa|po(?!\s+(?:njima|njemu|njoj|nama|vama|meni|tebi|njihovom|njihovim)\b)|purchase order|price ?list|price (?:letter|sheet|schedule|agreement))(?:['’]s)?(?: price| rate| pricing)?(?:['’]s)?(?:\s+(?:says|is|has|had|of|at|lists|shows|states|reads|was|price|rate|diz|dice|dit|sagt|zegt))?(?:\s+(?!disput|want|claim|credit|refund|back)[\w-]+){0,3}?\s*(?:is|at|=|:|of)?)\s*$/i
/** After a figure: a copula and a price ("… Wing 3 is R240.00 a unit", "Block 4 was $80"). */
const NAMED_THEN_PRICED = /^\s+(?:is|was|are|were)\s+(?:only\s+)?(?:\p{Sc}|[A-Z]{1,3}\$?\s?)\d/u
/** An order said to be for what follows ("the PO was for", "our order is for"). */
const ORDER_WAS_FOR = /\b(?:po|p\.o\.|purchase order|order)\s+(?:was|is|were|are)\s+(?:only\s+)?for\s*$/i
const COUNTED_BEFORE =
  /\b(?:received|receive|rcvd|got|get|delivered|shipped|counted|only|just|arrived|geliefert|erhalten|recebidos?|recibidos?|re[çc]us?)\s*$/i
/** "bills 410 m2 of floor coating at": a billing verb a few words before, or more where the figure is what the units were billed at. */
const BILLED_BEFORE =
  /\b(?:billed|bills|invoiced|invoices|charged|charges|charge|charging|billing|invoice says|invoice shows|we (?:billed|charged)|came (?:in |through )?at)\b(?:[^.,;]{0,20}|[^.,;]{0,40}?(?:\bat|@)\s*)$/i
/** A figure right after billed/charged in a sentence that also states the right price is the billed price. */
const BILLED_JUST_BEFORE =
  /\b(?:price|rate|cost)?\s*(?:billed|bills|invoiced|invoices|charged|charges|charging)\s+(?:(?:us|them|at|@|as)\s+)?$/i
/** "should be 40 not 49", "charged 31 instead of 28": the second figure has the other role. */
/** A price word just before a figure ("the unit price 45", "rate on 1104 - 195k"). */
export const RATE_JUST_BEFORE =
  /\b(?:rate|price|pricing|tariff|fee per \w+)(?:\s+(?:on|for|of)\s+[\w/-]+)?\s*(?:of|is|was|at|:|=|-|–|—)?\s*$/i
/** A billing verb just before a figure ("charged 28.60", "billed at $31", "invoiced for 450"). */
const CHARGED_JUST_BEFORE =
  /\b(?:charged|billed|invoiced|priced)\s+(?:at\s+|for\s+|with\s+)?(?:\p{Sc}\s?|[A-Z]{3}\s?)?$/iu
const RATE_AGAINST_AFTER =
  /^\s*(?:(?:a|an|per|each|\/)\s*[a-z]+[23²³]?\s+)?(?:instead of|rather than|vs\.?|versus|not)\s+(?:[$€£¥]|[A-Z]{1,3}\$?)?\s?\d/i
const COMPARED_BEFORE =
  /\b(?:not|instead of|vs\.?|versus|rather than|statt|anstatt|but|au lieu de|en lugar de|em vez de|in plaats van|zamiast|invece di)\s*$/i
/** After a figure, what it counts or measures ("340 pp", "12 cartons", "40 kg", "3 x", "15 %"): no sum of money. */
export const NOT_AMOUNT_AFTER =
  /^\s*(?:units?|pcs|pieces|items|cases|boxes|pallets|cartons|hours|hrs?|days|weeks|months|yards?|yds|feet|ft|cwt\b|meters?|metres?|m\b|m[²³23]\b|km\b|kg|t\b|tons?\b|tonnes?\b|toneladas?\b|l\b|ltrs?\b|lit(?:er|re)s?\b|litros?\b|gal(?:lon)?s?\b|ha\b|hectares?\b|lbs?|sheets|seats|licen[sc]es|visits|pp\b|pages|pgs?\b|copies|of\b|x\b|×|%|percent|per\s?cent\b|pct\b|(?:st|nd|rd|th)\b)/i

/** Before a figure, the part of a document it numbers ("section 4.2", "cl. 7", "Art. 12", "§ 3"). */
const PART_OF_DOCUMENT_BEFORE =
  /(?:\b(?:sections?|sec|clauses?|cl|articles?|art|paragraphs?|para|subsections?|schedules?|appendix|annex|exhibit|abschnitt|ziffer|cl[aá]usulas?|art[ií]culos?|clausola|articolo|paragrafo|artikel)\.?|§{1,2})\s*(?:no\.?\s*)?$/i

/** Words that ask for a figure ("they want 40/kg instead of 49", "expecting", "should"): it is the one held. */
const HELD_BEFORE =
  /\b(?:want\w*|ask\w*|request\w*|expect\w*|should|agreed|quoted|contract\w*|deal|promised|offered)\b/i
/** "1,600 × 17.35": a count times a price, written as an invoice line reads. */
const TIMES_COUNT_BEFORE = /\d\s*(?:\p{L}[\p{L}.]*\s+)?[x×]\s*$/u
/** The words of a clause that say whose line it is: the bill's ("fakturisano", "you billed") or the
 *  agreement's ("the contract says"). */
const BILLED_CLAUSE =
  /\b(?:bill\w*|invoic\w*|charg\w*|fakturis\w*|factur\w*|fatur\w*|fakturi\w*|berechne\w*|naplać\w*|naplac\w*)/iu
const AGREED_CLAUSE =
  /\b(?:contract\w*|agree\w*|quot\w*|should|ought|want\w*|order\w*|offer\w*|price ?list|ugovor\w*|vertrag\w*|contrat\w*|po\b|purchase order)/iu
/** The text of a sentence before a figure: since the last sentence end (a point followed by a space,
 *  not a decimal point, nor the point of an abbreviation: "incl. VAT", "approx. 40", "no. 12"). */
const sentenceBefore = (before: string): string =>
  before.split(/(?<!\b(?:incl|excl|inc|approx|ca|no|nr|pcs|qty|resp|vs))[.;!?](?=\s)|\n/i).pop() ?? before
/** A count times a price in a clause that says it was billed, and not what was agreed. */
function billedAsALine(before: string, after: string): boolean {
  if (!TIMES_COUNT_BEFORE.test(before)) return false
  // The clause around it: its sentence so far, and after it up to a comma that opens another clause.
  const clause = `${sentenceBefore(before)} ${after.split(/[.;!?,](?=\s)|\n/)[0] ?? ''}`
  return BILLED_CLAUSE.test(clause) && !AGREED_CLAUSE.test(clause)
}
/** "at 18.90", "@ 4.10", and after a count and its unit in other languages ("60 sacos a 7,10", "12
 *  Kartons zu 5,40", "100 stk à 2,50"). A count times it ("1,600 × 17.35") is TIMES_COUNT_BEFORE's. */
/** "at 45.00", "12 bags à 3,50": a price; not "works it out at", "comes out at", "put it at" (a total). */
const AT_PRICE_BEFORE =
  /(?<!\b(?:out|put (?:it|that|this|the total)|total(?:led|s)?|estimated?|valued?)\s+)(?:\bat|@)\s*$|\d\s+\p{L}[\p{L}.-]*\s+(?:a|à|zu|til|till|á|por)\s*$|\b(?:las|los|les|os|as|the)\s+\d+\s+(?:a|à|á|por)\s*$/iu

/** A sum of money, then "at": what follows is an exchange rate ("P1,226 at 13.62"), not a price. */
const RATE_OF_MONEY_BEFORE = /(?:\p{Sc}|\b[A-Z]{1,3}\$?)\s?\d[\d.,]*\s+at\s*$/u

/** A price just said, then an opening bracket: "à 1 500 (", "@ 12.50 (". */
/** An invoice's number, then an open bracket and a currency ("invoice ACX-027 (USD "). */
const INVOICE_THEN_BRACKET =
  /(?:\b(?:invoice|inv|bill)\s*(?:no\.?|#)?\s*[\p{L}\d][\p{L}\d./-]*\d|\b\p{Lu}{2,}[-/.]?\d[\p{L}\d./-]*)\s*\(\s*(?:[A-Z]{3}\s?|\p{Sc}\s?)?$/u
const PRICE_THEN_BRACKET = /(?:(?<!\p{L})(?:at|a|à|zu|por)|@)\s*\d[\d\s.,]*\s*\(\s*$/iu

/** After a price: the customer accepts it ("… a box is fine", "… each was correct"). */
const ACCEPTED_AFTER =
  /^\s*(?:(?:a|an|per|each|\/)\s*[a-z]*\s+)?(?:is|was|are|were|'s)\s+(?:fine|correct|right|ok|okay|not (?:the )?(?:issue|problem|in dispute))\b/i
const CENTS_AFTER = /^\s?(?:¢|cents?\b)/i
const PENCE = /(?<![\w.,£$€])(\d{1,3}(?:\.\d{1,2})?)p(?![\w'’])/g

/** "4.2" cents → "0.0420": a price in cents as a decimal of the unit, with four decimals (truncated). */
function centsToUnits(read: string): string {
  const [int = '0', frac = ''] = read.split('.')
  const micro = (BigInt(int) * 1_000_000n + BigInt(frac.padEnd(6, '0').slice(0, 6))) / 100n
  const digits = micro.toString().padStart(7, '0')
  return `${BigInt(digits.slice(0, -6))}.${digits.slice(-6, -2)}`
}

/** Normalises "10.770,00", "1,700", "2,000.50", "1.234,56" to "10770.00"-style decimals. */
export function normalizeNumber(raw: string, currency?: string): string | null {
  const s = raw.replace(/[\s'’]/g, '')
  // Lakh grouping: the commas group, the dot (if any) is decimal.
  if (/^\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?$/.test(s)) {
    const [int = '', frac = ''] = s.replace(/,/g, '').split('.')
    const digits = currency ? minorDigits(currency) : 2
    return digits
      ? `${BigInt(int)}.${frac.padEnd(digits, '0').slice(0, Math.max(digits, frac.length))}`
      : `${BigInt(int)}`
  }
  const lastDot = s.lastIndexOf('.')
  const lastComma = s.lastIndexOf(',')
  let intPart = s
  let frac = ''
  const sep = Math.max(lastDot, lastComma)
  if (sep >= 0) {
    const tail = s.slice(sep + 1)
    const both = lastDot >= 0 && lastComma >= 0
    const groupedOnly = /^\d{1,3}([.,]\d{3})+$/.test(s) && new Set(s.replace(/\d/g, '')).size === 1
    const zeroDecimals = currency !== undefined && minorDigits(currency) === 0
    // "KWD 12.750", "BHD 1,240.750": a currency of three minor digits writes its fils after one separator.
    const threeDecimals =
      currency !== undefined && minorDigits(currency) === 3 && tail.length === 3 && s.split(/[.,]/).length === 2
    // "2'750.000": an apostrophe for the millions, as Colombia and Peru write them, and then a mark before three
    // digits groups the thousands ("1'234.50", as the Swiss write, keeps its cents).
    const millionsMark = /\d['’]\d{3}[.,]\d{3}$/.test(raw.trim()) && !threeDecimals
    const decimal =
      !millionsMark &&
      (both || threeDecimals || (!groupedOnly && tail.length <= 3 && !(tail.length === 3 && zeroDecimals)))
    if (decimal && !(tail.length === 3 && !both && s.split(/[.,]/).length === 2 && !currency && s[sep] === ',')) {
      intPart = s.slice(0, sep)
      frac = tail
    }
  }
  intPart = intPart.replace(/[.,]/g, '')
  if (!/^\d+$/.test(intPart) || (frac && !/^\d+$/.test(frac))) return null
  const digits = currency ? minorDigits(currency) : 2
  if (frac.length < digits) frac = frac.padEnd(digits, '0')
  return frac ? `${BigInt(intPart)}.${frac}` : `${BigInt(intPart)}`
}

/** Days of payment terms said before a figure in its sentence, beside a word of terms or an agreement. */
const TERMS_DAYS_BEFORE =
  /\b\d{1,3}\s*days?\b(?=[^\d]*\b(?:agreement|contract|terms?|agreed|should\s+be|instead\s+of|not)\b)[^\d$€£¥]*$|\b(?:terms?|due)\b[^\d]*\b\d{1,3}\s*days?\b[^\d$€£¥]*$/i
/** A count's noun right before the verb that states it ("hours should be", "visits were"). */
const COUNT_SUBJECT_BEFORE =
  /\b(?:hours?|hrs?|visits?|days?|nights?|trips?|shifts?|sessions?|units?|pieces?|pcs|timer|ore|stunden)\s+(?:should\s+(?:be|have\s+been)|were|was|are|is)\s+(?:only\s+)?$/i
/** "they want those 6 off", "these 12 go back": a plural demonstrative points back at things counted. */
const POINTED_COUNT_BEFORE = /\b(?:those|these)\s+$/i

/** After a figure, a plural noun that counts things ("1,632 colonies", "50M boxes"). */
const PLURAL_NOUN_AFTER = /^\s+[a-z][\w-]*[^s\W]?s\b/i

/** After a day, the rest of a range of days in a month ("26 to 31 October", "3-7 Sept"). */
const DAY_RANGE_AFTER =
  /^\s*(?:to|till|until|through|thru|and|[-–—])\s*\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i
/** "15,-", "250.–": a whole figure whose cents are a dash. */
const DASHED_CENTS = /(\d)[,.][-–](?![\d-])/g
/** A dollar sign between a figure and two digits, with no letter or figure after: the cifrão as decimal mark. */
const CIFRAO = /(?<=\d)\$(?=\d{2}(?![\d\p{L}]))/gu

/** The dong typed as the letter "đ" after a figure ("10.260.000đ", "350k đ"), not as its sign "₫". */
const DONG_LETTER = /(?<=\d\s?[kK]?\s?)[đĐ](?!\p{L})/gu

/** A month's name just before: in English, or in the customer's language through the gloss. */
const MONTH_JUST_BEFORE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s*$/i
const yearOfAMonth = (before: string): boolean =>
  MONTH_JUST_BEFORE.test(before) || MONTH_JUST_BEFORE.test(glossToEnglish(before.slice(-24)))

export function findAmounts(typed: string, given: readonly { index: number; length: number }[] = []): AmountMention[] {
  // "33p a module": pence written onto the figure are cents of the unit, read as "33¢" (same length,
  // so every position stays the typed one).
  // "95$50", "48.310$00": the escudo's cifrão written where the decimal comma goes (Cabo Verde), read
  // as that comma (same length again).
  // "10.260.000đ": the dong's letter read as its sign (same length).
  // "€ 15,-", "kr 250,–": whole units with a dash for the cents (Dutch, German, Nordic), read without
  // the dash (spaces, the same length), so the working after the figure reads on.
  const text = typed.replace(PENCE, '$1¢').replace(CIFRAO, ',').replace(DONG_LETTER, '₫').replace(DASHED_CENTS, '$1  ')
  const out: AmountMention[] = []
  const skip = [...given, ...[...text.matchAll(DATE_LIKE)].map((d) => ({ index: d.index, length: d[0].length }))]
  const overlaps = (index: number, length: number) =>
    skip.some((s) => index < s.index + s.length && s.index < index + length)
  const { words: currencyWords, money, spelled, shortSigns } = moneyPatterns()
  const formatted = (figure: string) => /\d[.,'\s]\d/.test(figure)
  for (const m of text.matchAll(money)) {
    const index = m.index!
    if (overlaps(index, m[0].length)) continue
    const [, sym, n1, s1, code1, n2, s2, n3, s3, after, bare, s4] = m
    const suffix = s1 ?? s2 ?? s3 ?? s4
    let num: string | undefined
    let currency: string | undefined
    const before = text.slice(0, index)
    const lastPrice = out.at(-1)?.role
    const compared =
      COMPARED_BEFORE.test(before) &&
      lastPrice !== undefined &&
      lastPrice !== 'amount' &&
      index - (out.at(-1)?.index ?? 0) < 40
    if (sym && n1) {
      // "Unit R2", "row R3": a one-letter symbol takes a figure of two digits or more.
      if (/^[A-Za-z]$/.test(sym) && n1.replace(/\D/g, '').length < 2) continue
      // "Q1", "K98", "L200": a letter only the currency's own region writes is money with its cents or
      // its thousands grouped ("Q3,415.50", "K9,060.00"); alone it is a quarter, a model, a code.
      if (shortSigns.has(sym) && !formatted(n1)) continue
      // "R404A", "R22B": a product code that starts like a symbol, not an amount.
      // "R1160/26", "R2207-14": nor one whose figure runs on into a code ("R2 150/m3" is a price).
      if (/^[A-Za-z]$/.test(sym) && /^(?:[A-Za-z0-9]|[/-]\d)/.test(text.slice(index + m[0].length))) continue
      // "12kg R32", "2 x R22": right after a count in a measure, a letter and a bare figure name the product.
      if (/^[A-Za-z]$/.test(sym) && !formatted(n1) && MEASURED_COUNT_BEFORE.test(before)) continue
      ;[num, currency] = [n1, SYMBOLS[sym] ?? currencyWords[sym] ?? undefined]
      // "$2,310.00 CAD", "$ 880 AUD": a dollar sign many currencies write, then the code that says which.
      const code = sym === '$' ? /^\s?([A-Z]{2}D)\b/.exec(text.slice(index + m[0].length))?.[1] : undefined
      if (code && isIsoCurrency(code, n1)) currency = code
    } else if (code1 && n2) {
      // "incl. VAT 552 USD": a tax's name before a figure whose currency code follows it.
      const codeAfter = /^\s?([A-Z]{3})\b/.exec(text.slice(index + m[0].length))?.[1]
      const taxed =
        WITH_BEFORE_TAX.test(before) && TAX_ALONE.test(code1) && codeAfter !== undefined && isIsoCurrency(codeAfter, n2)
      // "HFS0528", "TRX 20931": a reference, not an amount in a currency nobody has.
      if (!taxed && (!isIsoCurrency(code1, n2) || /^[A-Za-z0-9]/.test(text.slice(index + m[0].length)))) continue
      // "payment ref is GBP2291": after reference words even a real code is part of the reference.
      if (REF_BEFORE.test(before)) continue
      ;[num, currency] = [n2, taxed ? codeAfter : code1]
    } else if (n3 && after) {
      // "60 L", "20 K": after a figure one letter is a unit or a scale, never the sign of a currency
      // written before its figure where it is used.
      // "41 250 F" is the CFA franc as West and Central Africa write it: only beside a figure grouped or
      // with its cents ("30 F" may be degrees).
      if (/^[A-Z]$/.test(after) && !(after in SYMBOLS) && !(after === 'F' && formatted(n3))) continue
      // "12 KM", "3 FC": a short sign after a figure is money only beside cents or grouping ("2 415,300 DT").
      if (shortSigns.has(after) && !formatted(n3)) continue
      num = n3
      // A word mapped to null ("F CFA") is money in the invoice's currency: looked up as typed first.
      const word = after in currencyWords ? currencyWords[after] : currencyWords[after.toLowerCase()]
      // A code in lower case may be a word of the message's language ("300 ang nasa resibo": Tagalog's
      // "the"): money only beside a figure written as money, scaled, or typed onto it ("75usd").
      const lower = /^[a-z]{3}$/.test(after) && !(after in currencyWords)
      if (lower && !formatted(n3) && !suffix && /\s$/.test(m[0].slice(0, m[0].length - after.length))) continue
      const code = lower ? after.toUpperCase() : after
      currency = SYMBOLS[after] ?? word ?? (isIsoCurrency(code, n3) ? code : undefined)
      // "40 francs": money in a currency the name does not settle (the invoice's stands); "144,00 TTC":
      // money said with its tax, in no currency of its own.
      if (!currency && word !== null && !TAX_MARK.test(after)) continue
    } else if (bare) {
      const typedRest = text.slice(index + m[0].length)
      // "il manque 486.–": a figure whose cents are a dash is money by how it is written, counted or not.
      const dashedCents = /^[,.][-–](?![\d-])/.test(typed.slice(index + bare.length))
      // "14.5t": the whole of a figure with one decimal is a measure; its whole part alone is nothing.
      if (!suffix && /^[.,]\d(?!\d)/.test(typedRest)) continue
      // "35 cents each": what follows the cents sign says whether it is a price.
      const rest = !suffix && CENTS_AFTER.test(typedRest) ? typedRest.replace(CENTS_AFTER, '') : typedRest
      // "received 46k", "only 12 thousand arrived": a scaled figure after a count word counts goods.
      if (suffix && (COUNTED_BEFORE.test(before) || FOREIGN_SCALE.test(suffix))) continue
      // "9ft x 60m", "a 25m hose": a lower-case m with no currency is metres, not millions, unless
      // money words stand before it.
      // Nor where other figures of the message are metres too ("180m on the invoice, 164m measured, want
      // the 16m off").
      if (suffix === 'm' && (!MONEY_CONTEXT_BEFORE.test(before) || metresSaid(text))) continue
      // "paying 0409": a whole number written with a leading zero is an identifier, never money.
      if (/^0\d/.test(bare)) continue
      // "call @ 4:15pm", "at 11 am": a time of day.
      if (!suffix && TIME_AFTER.test(rest)) continue
      // "the agreement ran March 2024 to February 2025": a year after its month.
      if (!suffix && /^(?:19|20)\d{2}$/.test(bare) && yearOfAMonth(before)) continue
      // "7.90 x 40 bags": a figure with cents times a count is a price as an invoice line writes it.
      const timesCount = /[.,]\d{2}$/.test(bare) && /^\s*[x×]\s*\d/.test(rest)
      if (/[-/]$/.test(before) || /^[-/]\d/.test(rest) || (!suffix && !timesCount && NOT_AMOUNT_AFTER.test(rest)))
        continue
      // "a 150 000 transport charge", "the 45 handling fee": a figure naming one charge is its money,
      // in a currency written without decimals as much as in any other.
      const namesCharge = CHARGE_AFTER.test(rest)
      // "disputing 9 laptops", "4 x 408 = 1,632 colonies": a whole number (its thousands grouped or not)
      // followed by a noun counts goods, it is not money.
      if (
        !suffix &&
        !namesCharge &&
        !dashedCents &&
        (/^\d+$/.test(bare) || (/^\d{1,3}(?:[,.'’\s]\d{3})+$/.test(bare) && PLURAL_NOUN_AFTER.test(rest))) &&
        AFTER_MONEY_WORD.test(rest) &&
        !overchargedBy(rest)
      )
        continue
      // "50M boxes", "20k labels": a scaled figure without a currency before a noun counts things too.
      if (suffix && AFTER_MONEY_WORD.test(rest) && PLURAL_NOUN_AFTER.test(rest)) continue
      // "26 to 31 October": the first day of a range of dates.
      if (!suffix && /^\d{1,2}$/.test(bare) && DAY_RANGE_AFTER.test(rest)) continue
      // "under section 12.5 of the MSA", "clause 9.1", "§ 3": the number of a part of a document.
      if (!suffix && PART_OF_DOCUMENT_BEFORE.test(before)) continue
      // "net 30" is payment terms, not a price; so is a whole number said against days of terms in its
      // sentence ("the bill gives 10 days where the contract grants 30").
      if (/\bnet\s*$/i.test(before)) continue
      if (!suffix && /^\d{1,3}$/.test(bare) && TERMS_DAYS_BEFORE.test(before.split(/[.!?\n]\s/).at(-1) ?? '')) continue
      // "the hours should be 10", "visits were 3": a whole number said of a count is that count.
      if (!suffix && /^\d+$/.test(bare) && (COUNT_SUBJECT_BEFORE.test(before) || POINTED_COUNT_BEFORE.test(before)))
        continue
      const decimals = /[.,]\d{2}$/.test(bare) || Boolean(suffix) || dashedCents
      // "insists on 262/thousand. Billed 272": beside a price, the figure billed is the billed price.
      const billedPrice = BILLED_JUST_BEFORE.test(before) && out.some((a) => a.role === 'unit_price')
      const unitish =
        EXPECTED_BEFORE.test(before) ||
        (AT_PRICE_BEFORE.test(before) && !RATE_OF_MONEY_BEFORE.test(before)) ||
        UNIT_AFTER.test(rest) ||
        compared ||
        billedPrice
      // "4,622,500": a figure grouped twice is a sum of money unless a word after counts something.
      // Not grouped by spaces: VAT and telephone numbers are written so.
      const millions = /^\d{1,3}([,.'’])\d{3}(?:\1\d{3})+$/.test(bare)
      if (
        !decimals &&
        !millions &&
        !unitish &&
        !namesCharge &&
        !MONEY_CONTEXT_BEFORE.test(before) &&
        !MONEY_CONTEXT_AFTER.test(rest) &&
        !(CLAIM_CLAUSE_BEFORE.test(before) && CLAUSE_END_AFTER.test(rest)) &&
        !(formatted(bare) ? resultOfProduct(before, bare) : resultOfProduct(before, bare, true)) &&
        !(formatted(bare) && TAX_ADDED_BEFORE.test(sentenceBefore(before))) &&
        !overchargedBy(rest)
      )
        continue
      num = bare
    } else continue
    // "3,996 triệu", "2,125 juta": before a scale word of the languages that write a decimal comma, one
    // comma is that (the English "1,250 million" groups its thousands, as "1.250 juta" does).
    const read =
      suffix && FOREIGN_SCALE.test(suffix) && /^\d{1,3},\d{1,3}$/.test(num)
        ? num.replace(',', '.')
        : normalizeNumber(num, currency)
    const rest = text.slice(index + m[0].length)
    // "4.2¢ a card", "46 cents each": cents, a hundredth of the unit, kept to four decimals.
    const cents = !currency && !suffix && CENTS_AFTER.test(rest)
    const value = cents
      ? read && centsToUnits(read)
      : read && scaleDecimal(read, suffixZeros(suffix), currency ? minorDigits(currency) : 2)
    if (!value) continue
    const afterSign = cents ? rest.replace(CENTS_AFTER, '') : rest
    // "1,600 × 17.35": a price with its cents times a count, not a term of working ("250 × 12 = 3.000").
    const timesCount = TIMES_COUNT_BEFORE.test(before) && /[.,]\d{2}$/.test(num) && !/^\s*=/.test(afterSign)
    const perUnit = UNIT_AFTER.test(afterSign) || AT_PRICE_BEFORE.test(before) || timesCount
    // "the PO was for 12": a whole number an order is said to be for is the count it orders, no price.
    if (!currency && /^\d+$/.test(num) && ORDER_WAS_FOR.test(before)) continue
    // "the rate for Wing 3 is R240.00": a whole number a price is then said of is part of a name.
    if (!currency && /^\d{1,3}$/.test(num) && NAMED_THEN_PRICED.test(rest)) continue
    let role: AmountMention['role'] = EXPECTED_BEFORE.test(before)
      ? 'unit_price'
      : perUnit
        ? BILLED_BEFORE.test(before) || billedAsALine(before, afterSign)
          ? 'billed_unit_price'
          : 'unit_price'
        : 'amount'
    // "credit note for 3 cylinders @ 41,500", "18 m3 @ 7.10": a price written as the invoice line reads
    // it, in a clause that names no agreement, order or quote and sets it against no other, is the
    // price billed.
    if (
      role === 'unit_price' &&
      (LINE_PRICE_BEFORE.test(before) || (FOREIGN_LINE_PRICE_BEFORE.test(before) && WORKING_GOES_ON.test(afterSign))) &&
      !RATE_AGAINST_AFTER.test(afterSign) &&
      !/^\s*(?:\p{L}+\s+){0,3}?(?:instead|rather|not|only|max(?:imum)?)\b/iu.test(afterSign) &&
      !AGREED_CLAUSE.test(sentenceBefore(before))
    )
      role = 'billed_unit_price'
    // "day rate USD 640 rather than 600", "were billed 19,40 instead of 18,10": a rate, or a figure
    // charged, set against another figure is the rate billed.
    if (
      role === 'amount' &&
      (RATE_JUST_BEFORE.test(before) || CHARGED_JUST_BEFORE.test(before)) &&
      RATE_AGAINST_AFTER.test(afterSign)
    )
      role = 'billed_unit_price'
    // "the bill has the gravel at 61.50/t instead of 58.00": a price per unit set against another, with no
    // word before it of what it should be or what is asked, is the price on the bill.
    if (
      role === 'unit_price' &&
      !compared &&
      perUnit &&
      !EXPECTED_BEFORE.test(before) &&
      !HELD_BEFORE.test(sentenceBefore(before)) &&
      RATE_AGAINST_AFTER.test(afterSign)
    )
      role = 'billed_unit_price'
    if (compared && role === 'amount' && !MONEY_CONTEXT_AFTER.test(rest))
      role = lastPrice === 'unit_price' ? 'billed_unit_price' : 'unit_price'
    else if (compared && role === lastPrice) role = lastPrice === 'unit_price' ? 'billed_unit_price' : 'unit_price'
    // "the 12.40 a crate is fine": a price the customer accepts is no figure of the claim; nor is the
    // difference per unit after the agreed price ("the 3.10 in our agreement: 15 cents too much on 400").
    if (role !== 'amount' && (ACCEPTED_AFTER.test(afterSign) || PER_UNIT_AFTER.test(afterSign))) continue
    // The dash of "€ 60,-" belongs to the figure as typed: what follows it is read after the dash.
    const raw = m[0].trim()
    const dash = /^[,.][-–]/.exec(typed.slice(index + raw.length))?.[0] ?? ''
    out.push({ raw: `${raw}${dash}`, value, ...(currency ? { currency } : {}), index, role })
  }
  for (const m of text.matchAll(spelled)) {
    const [typed, words, unit, spelledCents, minorWord] = m as unknown as [
      string,
      string,
      string,
      string | undefined,
      string | undefined,
    ]
    // "thirty dollars sixty-two", "… dalasi fifty butut": the figure after the currency is its cents,
    // unless it counts something ("forty dollars twenty units"): then the money ends at its currency.
    const rest = text.slice(m.index + typed.length)
    // "trente-six euros": the end of a number in another language is no English "six".
    if (/\p{L}-$/u.test(text.slice(Math.max(0, m.index - 2), m.index))) continue
    const centsSaid = spelledCents !== undefined && (minorWord !== undefined || !COUNTED_AFTER.test(rest))
    const raw = centsSaid || spelledCents === undefined ? typed : typed.slice(0, typed.indexOf(unit) + unit.length)
    const cents = centsSaid ? spelledCents : undefined
    if (
      overlaps(m.index, raw.length) ||
      out.some((a) => m.index < a.index + a.raw.length && a.index < m.index + raw.length)
    )
      continue
    // A word mapped to null ("CFA") is money in the invoice's currency: looked up as typed first.
    const word = unit in currencyWords ? currencyWords[unit] : currencyWords[unit.toLowerCase()]
    const currency = word ?? (unit === unit.toUpperCase() && isIsoCurrency(unit) ? unit : undefined)
    const n = parseSpelledNumber(words)
    if ((!currency && word !== null) || n === undefined) continue
    const digits = currency ? minorDigits(currency) : 2
    const minor = cents === undefined ? 0 : parseSpelledNumber(cents)
    if (minor === undefined || (digits === 2 && minor > 99)) continue
    // "ten bucks a station": spelled money per unit is a price, as it is in digits.
    const before = text.slice(0, m.index)
    const perUnit = UNIT_AFTER.test(text.slice(m.index + raw.length)) || AT_PRICE_BEFORE.test(before)
    out.push({
      raw,
      value: digits ? `${n}.${String(minor).padStart(digits, '0').slice(-digits)}` : String(n),
      ...(currency ? { currency } : {}),
      index: m.index,
      role: EXPECTED_BEFORE.test(before)
        ? 'unit_price'
        : perUnit
          ? BILLED_BEFORE.test(before)
            ? 'billed_unit_price'
            : 'unit_price'
          : 'amount',
    })
  }
  // "won't pay the fencing line - thirty-four hundred.": a sum spoken in words with no currency,
  // set after the claim as its figures are (a hundred or more: a count is said that way too).
  for (const m of SCALE_WORD.test(text) ? text.matchAll(SPELLED_SUM) : []) {
    const end = m.index + m[0].length
    if (!SCALE_WORD.test(m[0])) continue
    if (!CLAIM_CLAUSE_BEFORE.test(text.slice(0, m.index)) || !CLAUSE_END_AFTER.test(text.slice(end))) continue
    if (overlaps(m.index, m[0].length) || out.some((a) => m.index < a.index + a.raw.length && a.index < end)) continue
    const value = spokenSum(m[0])
    if (value) out.push({ raw: m[0], value, index: m.index, role: 'amount' })
  }
  out.splice(0, out.length, ...withProductsUnsaid(text, out))
  out.sort((a, b) => a.index - b.index)
  // "reams at 12.40 vs quote 11.90": beside a price stated as the right one, a mere "at" price is the billed one.
  const stated = out.filter((a) => a.role === 'unit_price' && EXPECTED_BEFORE.test(text.slice(0, a.index)))
  if (stated.length)
    for (const a of out) if (a.role === 'unit_price' && !stated.includes(a)) a.role = 'billed_unit_price'
  // "you billed 14.00" beside "contract says 12.50": the billed figure is a price, not the claim.
  if (out.some((a) => a.role === 'unit_price')) {
    for (const a of out) {
      if (
        a.role === 'amount' &&
        BILLED_JUST_BEFORE.test(text.slice(0, a.index)) &&
        !MONEY_CONTEXT_AFTER.test(text.slice(a.index + a.raw.length))
      )
        a.role = 'billed_unit_price'
    }
  }
  // Two right prices and no billed one: a price written the way the invoice line reads ("30 crates @
  // €9") is the one billed, the other is what the customer says is right ("they say €7.50 ea.").
  const prices = out.filter((a) => a.role === 'unit_price')
  if (prices.length >= 2 && !out.some((a) => a.role === 'billed_unit_price')) {
    const asLine = prices.filter((a) => LINE_PRICE_BEFORE.test(text.slice(0, a.index)))
    if (asLine.length === 1 && !EXPECTED_BEFORE.test(text.slice(0, asLine[0]!.index)))
      asLine[0]!.role = 'billed_unit_price'
  }
  // Each figure as it was typed ("182$00", not the comma it was read with).
  if (text !== typed) for (const a of out) a.raw = typed.slice(a.index, a.index + a.raw.length)
  return out
}

/** A count and "x" right before a price ("3 x 118.40 EUR", "4 bags × €12.50"). */
const COUNT_TIMES_BEFORE = /(?<![\d.,])(\d{1,5})\s*(?:\p{L}[\p{L}.]*\s*)?[x×]\s*(?:\p{Sc}\s?|[A-Z]{3}\s?)?$/u
/** After such a price, the rest of a working that says its own result ("= 490", "+ VAT = …", "x 1.1"). */
const WORKING_GOES_ON = /^\s*(?:\p{L}{1,6}\.?\s*)?(?:[=+:x×*]|plus\b)/iu
/** Words that ask for the working's sum: before it ("please credit", "they ask for") or after it ("to be credited"). */
const ASKED_BEFORE =
  /\b(?:please|pls|kindly|ask(?:s|ing)? for|want|credit|refund|claim\w*|disput\w*|so)\b[^.;\n\d]{0,20}$/i
const ASKED_AFTER = /^[^.;\n\d]{0,25}\b(?:credit(?:ed)?|refund(?:ed)?|back|off)\b/i
const ASKED_JUST_BEFORE =
  /\b(?:so|please|pls|kindly|credit|refund|claim\w*|disput\w*)\s*(?:(?:that'?s|it'?s|that is|it is)\s*)?:?\s*$/i

/**
 * "They want 3 x 118.40 EUR credited": a count times a price whose result nobody said is the
 * sum the working makes, as money, in place of the price (which is no claim, nor a price said to be
 * wrong). Not a working in brackets ("the seats (30 × 12 EUR) are on both"), which describes a
 * line. Exact to the price's own decimals.
 */
function withProductsUnsaid(text: string, found: readonly AmountMention[]): AmountMention[] {
  return found.map((a) => {
    if (a.role !== 'amount' && a.role !== 'unit_price' && a.role !== 'billed_unit_price') return a
    const before = text.slice(0, a.index)
    const count = COUNT_TIMES_BEFORE.exec(before)
    if (!count || WORKING_GOES_ON.test(text.slice(a.index + a.raw.length))) return a
    // A price read as billed is a working only where the words just before its count ask for it
    // ("…, that's 1 x GBP 14,50"): "the invoice charges 20 hours x 35,000" tells how a line bills.
    if (a.role === 'billed_unit_price' && !ASKED_JUST_BEFORE.test(text.slice(0, count.index))) return a
    if (/\([^()]*$/.test(before)) return a
    // Only a working words ask for ("please credit 3 x 118.40", "4 x 62 to be credited"); "charges 20
    // hours x 35,000" tells how the invoice bills.
    const after = text.slice(a.index + a.raw.length)
    if (!ASKED_BEFORE.test(text.slice(0, count.index)) && !ASKED_AFTER.test(after)) return a
    const value = decimalTimes(a.value, count[1]!)
    return { ...a, raw: text.slice(count.index, a.index + a.raw.length), index: count.index, value, role: 'amount' }
  })
}

/** "118.40" × "3" → "355.20": a decimal times a whole count, exact to the decimal's own places. */
export function decimalTimes(value: string, count: string): string {
  const [whole = '', frac = ''] = value.split('.')
  const product = (BigInt(`${whole}${frac}`) * BigInt(count)).toString().padStart(frac.length + 1, '0')
  return frac ? `${product.slice(0, -frac.length)}.${product.slice(-frac.length)}` : product
}

/** A count, its unit and "@" or "at" right before a price: how an invoice line reads. */
const LINE_PRICE_BEFORE = /\d[\d,.]*\s*[\p{L}][\p{L}\p{N}²³.-]*\s*(?:@|\bat)\s*$/u
/** The same with another language's "à" ("12 uur a", "10 Stück zu"), read so only in a working that goes on
 *  ("… a 39,50 + btw = 573,54"): alone, "8 sacs à 6 500" may be the price the customer holds to. */
const FOREIGN_LINE_PRICE_BEFORE =
  /\d[\d,.]*\s*[\p{L}][\p{L}\p{N}²³.-]*\s*(?<![\p{L}])(?:a|à|á|zu|til)\s*(?:EUR|€)?\s*$/iu

/** After a figure, that it is charged too much ("96 too much", "96 de más"): money, in any language. */
const TOO_MUCH_AFTER = /^\s*(?:too much|overcharged|over-?billed)\b/i
const overchargedBy = (rest: string): boolean =>
  TOO_MUCH_AFTER.test(rest) || TOO_MUCH_AFTER.test(glossToEnglish(rest.slice(0, 40)))

/** Before a figure, an approval limit ("I'm only good to 1k", "her limit is 10k", "can sign off up to
 *  5,000"): who may approve, never what is claimed. */
const LIMIT_BEFORE =
  /(?:\b(?:limit|limits|authority|threshold)\s+(?:is|was|of|at)|\b(?:good|approve|sign\s+off|sign|authori[sz]ed?|cleared)\s+(?:for\s+)?(?:up\s+)?to)\s+(?:\p{Sc}\s?|[A-Z]{3}\s?)?$/iu

/** Before or after a figure: a bound things are sorted by ("below 2,500", "over $1,000", "₹2,500 se neeche"). */
const BOUND_BEFORE =
  /\b(?:below|under|over|above|less than|more than|at least|at most|up to)\s+(?:\p{Sc}\s?|[A-Z]{3}\s?)?$/iu
const BOUND_AFTER =
  /^\s*(?:se\s+(?:neeche|niche|kam|zyada|jyada|upar|adhik)|or\s+(?:less|more|below|above|under|over))\b/i
const saidAsBound = (text: string, a: AmountMention): boolean =>
  BOUND_BEFORE.test(text.slice(Math.max(0, a.index - 20), a.index)) ||
  BOUND_AFTER.test(text.slice(a.index + a.raw.length, a.index + a.raw.length + 20))

/** After a figure, that it is the difference charged ("240 difference", "40 extra", "the difference"). */
const DIFFERENCE_AFTER = /^\s*(?:difference|diff|extra|over(?:charged)?)\b/i

/** Words before a figure that say it is the disputed total ("disputing", "want … back", "short-paid"). */
const DISPUTE_BEFORE =
  /\b(?:disput\w*|contest\w*|claim\w*|quer(?:y|ies|ied|ying)|question(?:ing|ed|s)?|want\w*|seeking|asking for|requesting|refund\w*|credit\w*|revers\w*|waive\w*|remove|short[- ]?pa\w*|under-?pa\w*|deduct\w*|withheld|held back|owe[sd]?|total|(?<!\b(?:paid|settled|transferred|remitted|sent)\s+(?:the\s+|in\s+)?)full|reclam\w*|réclam\w*|fordern|fordert|verlang\w*|exig\w*|chied\w*|vil ha|vill ha|vaativat|chtějí|istiyor\w*)\b[^.;]{0,25}$/iu

/** Words that claim a figure in someone else's text: "we are disputing $X", "please credit X", "overcharged by X". */
const CLAIM_BEFORE =
  /\b(?:disput\w*|contest\w*|claim\w*|refund\w*|credit\w*|overcharg\w*|over-?bill\w*|short[- ]?pa\w*|under-?pa\w*|deduct\w*|want\w*|seeking|asking for|requesting|(?:not|n't|never|refuse to)\s+(?:be\s+)?pay(?:ing)?)\b[^.;\n]{0,30}$/i
/** After a figure: claimed back, or refused ("… = 120.00, which we do not pay until the rest arrives"). */
const CLAIM_AFTER =
  /^\s*(?:back|off|credited|refunded|in dispute|of credit|(?:which\s+|that\s+)?(?:we|they|i)\s+(?:don'?t|do not|won'?t|will not|cannot|can'?t|refuse to)\s+pay)\b/i
/** After a figure, in a glossed text: "… incl. VAT which we want credited". */
const CLAIM_AFTER_GLOSSED =
  /^(?:[^.;\n\d]|\.(?=\s*[a-z])){0,40}\b(?:want\w*\s+(?:\w+\s+)?)?(?:credited|refunded|credit|refund)\b/i
/** A figure a thread states as context: a contract or agreed price, a quote, a value, a balance due. */
const REFERENCE_BEFORE =
  /\b(?:contract(?:ed)?|agreed|agreement|quote[ds]?|quotation|signed|framework|annual|yearly|spend|value|balance|renewal|budget)\b[^.;\n]{0,30}$/i

/** Where the figures come from: `pasted` parts of a specialist's message, or a whole text that is
 *  someone else's (`quoted`, a pasted email's body); `pointed` when the specialist's words point at them. */
export interface FigureSource {
  pasted?: readonly Span[]
  quoted?: boolean
  pointed?: boolean
}

/** Whether a figure in someone else's words is what is disputed: claimed there, or pointed at. */
function claimable(text: string, a: AmountMention, source: FigureSource): boolean {
  const inPasted = source.quoted || insideAny(source.pasted ?? [], a.index)
  if (!inPasted || source.pointed) return true
  const before = text.slice(0, a.index)
  const after = text.slice(a.index + a.raw.length)
  // The claiming words in the customer's own language too ("som vi ønsker krediteret").
  const claimed =
    CLAIM_BEFORE.test(before) ||
    CLAIM_AFTER.test(after) ||
    CLAIM_BEFORE.test(glossToEnglish(before.slice(-60))) ||
    CLAIM_AFTER_GLOSSED.test(glossToEnglish(after.slice(0, 60)))
  // A pasted email is the customer's claim: only its reference figures are left out.
  return claimed || (Boolean(source.quoted) && !REFERENCE_BEFORE.test(before))
}

/** The disputed amount among the figures: one with dispute words, else one with a currency, else the first;
 *  the specialist's own words before a pasted thread's. */
/** Whether a figure is worded as money in dispute: a currency, a claiming word before it ("disputing",
 *  "credit", "short-paid") or a money word after it ("back", "incl. VAT"). */
/** Whether a price was said as the one it should be ("should be 40", "the contract says 40"). */
export const saidAsExpected = (text: string, a: AmountMention): boolean => EXPECTED_BEFORE.test(text.slice(0, a.index))

export const saidAsMoney = (text: string, a: AmountMention): boolean =>
  Boolean(a.currency) ||
  // A sign several currencies share ("P315.00", "K4,120.00") says money, not which.
  /^\p{Lu}\s?\d/u.test(a.raw) ||
  RESULT_BEFORE.test(text.slice(0, a.index)) ||
  inWorking(text, a) > 0 ||
  DISPUTE_BEFORE.test(text.slice(0, a.index)) ||
  MONEY_CONTEXT_AFTER.test(text.slice(a.index + a.raw.length)) ||
  // A cell of a pasted sheet's column of claims ("Reduction") is money by its column.
  insideAny(claimColumn(text).claimed, a.index)

/** After a figure: it was said before tax ("410,00 € + IVA", "R1 200 ex VAT", "350 € HT", "80 netto"). */
const NET_OF_TAX_AFTER = new RegExp(
  String.raw`^\s*(?:(?:\+|plus|ex\.?|excl\.?|excluding|exclusive of|before|net of|zzgl\.?|zuzüglich|exkl\.?|ekskl\.?|hors|sans|sin|más|mas|mais|più|zonder|uden|uten|utan|bez|συν|πλέον|χωρίς)\s*(?:the\s+|o\s+|a\s+|el\s+|la\s+|le\s+|die\s+|de\s+)?(?:${TAX_WORD}\b|ΦΠΑ|φπα)|(?:HT|net|netto|nett|neto)(?![\w])|(?:\+|plus)\s*(?:ПДВ|НДС))`,
  'i',
)

/** The words for "with" or "including" before a tax's name, in the languages claims come in. */
const WITH_WORDS = String.raw`(?<![\p{L}])(?:incl\.?|including|inclusive of|with|inkl\.?|con|com|avec|mit|met|med|с|з|със|ile|με)\s+(?:the\s+)?`
/** Before a tax's name: what follows is a sum with the tax in it ("incl. VAT", "с НДС"). */
const WITH_BEFORE_TAX = new RegExp(`${WITH_WORDS}$`, 'iu')
/** Before a figure: it is given with its tax ("incl. VAT 1,044,000", "с НДС 1 044 000", "con IVA 96"). */
// Turkish writes "with" as a suffix on the tax's name ("KDV'li 600 TL", "KDV dahil"); Japanese and Korean
// say it after the tax ("消費税込みで", "부가세 포함").
const WITH_TAX_BEFORE = new RegExp(
  String.raw`(?:${WITH_WORDS}(?:${TAX_WORD}|НДС|ПДВ|ДДС|ΦΠΑ)(?![\p{L}])|\bKDV(?:['’]?li|\s+dahil)(?![\p{L}])|(?:消費)?税込み?(?:で|の|、)?|부가세\s*포함(?:해서|하면|하여)?)\s*[:=,]?\s*(?:\p{Sc}\s?|[A-Z]{3}\s?)?$`,
  'iu',
)

/** The tax's name a figure was read with ("VAT 552" of "incl. VAT 552 USD"): its length. */
const TAX_LEAD = new RegExp(String.raw`^${TAX_WORD}\s?`, 'i')
const taxLead = (raw: string): number => TAX_LEAD.exec(raw)?.[0].length ?? 0

/** Whether the figure was said net of tax: the claim is that figure plus the line's tax, which the
 *  evidence decides; taken as said it would cap the credit below what the customer is owed. */
export const saidNetOfTax = (text: string, a: AmountMention): boolean => saysAfter(NET_OF_TAX_AFTER, text, a)

/** After a figure: its tax is in it ("34.50 incl GST", "126 with VAT", "88,20 TTC"). */
const TAX_IN_AFTER = new RegExp(
  String.raw`^\s*(?:incl\.?|including|inc\.?|inkl\.?|inklusive|incluido|incluso|inclus|w\/|with|med|mit|con|com|avec)\s+(?:the\s+)?(?:[\w-]+\s+)?${TAX_WORD}\b|${TAX_MARK_AFTER}`,
  'i',
)

/** Whether a figure was said with its tax in it ("@ 34.50 incl GST"): a price so said is a unit price
 *  with the line's tax, which the ledger may hold only before tax. */
export const saidWithTax = (text: string, a: AmountMention): boolean => saysAfter(TAX_IN_AFTER, text, a)

/** What the words after a figure say, as typed or in the English of the customer's language ("без ДДС"). */
function saysAfter(re: RegExp, text: string, a: AmountMention): boolean {
  const after = text.slice(a.index + a.raw.length, a.index + a.raw.length + 60)
  if (re.test(after)) return true
  const glossed = glossToEnglish(after)
  return glossed !== after && re.test(glossed)
}

/**
 * "they want the 12 off, $96", "the 5 back, 5 x 7.20 so $36": a bare whole number followed closely, in
 * the same sentence, by a figure with its currency that is that many times a price is the count the money
 * is for, not the money. A price of one ("the 30 back, $30") says the same figure twice.
 */
function countOfPrice(text: string, a: AmountMention, amounts: readonly AmountMention[]): boolean {
  if (a.currency || !/^\d+$/.test(a.raw)) return false
  const n = BigInt(a.raw)
  if (n < 2n) return false
  const end = a.index + a.raw.length
  return amounts.some((o) => {
    if (o === a || !o.currency || o.role !== 'amount' || o.index < end || o.index - end > 40) return false
    if (/[;\n]|[.!?]\s/.test(text.slice(end, o.index))) return false
    // "the 40 back, $400 was the whole bill": a figure that is the subject of its own clause is another thing.
    if (/^\s*(?:was|is|were|are)\b/i.test(text.slice(o.index + o.raw.length))) return false
    const [whole, fraction = ''] = o.value.split('.')
    const units = BigInt(`${whole}${fraction}`)
    return units % n === 0n && units / n !== 10n ** BigInt(fraction.length)
  })
}

/** A figure said per unit, in the customer's language too ("300 de trop sur chaque sac"). */
const perUnit = (text: string, a: AmountMention): boolean =>
  saysAfter(PER_UNIT_AFTER, text, a) || saysAfter(DIFFERENCE_THEN_SUM_AFTER, text, a)
/** "the 0.05 difference now, USD 600.00": a difference said, then the sum it comes to (the words between). */
const DIFFERENCE_TO_SUM = String.raw`\s+(?:difference|gap|delta)\b[^.;\d]{0,15},\s*(?:[A-Z]{3}\s?|\p{Sc}\s?)`
/** After the difference: the sum it comes to. */
const DIFFERENCE_THEN_SUM_AFTER = new RegExp(String.raw`^${DIFFERENCE_TO_SUM}\d`, 'iu')
/** An operator beside a figure: it is a term of the customer's working ("8 h x 15 = 120 + tax", "= 120, plus
 *  the tax = 132"), said of a difference too ("that's 80 over plus VAT = 96", "40 extra + tax"). */
const OPERATOR_AFTER =
  /^\s*(?:(?:too\s+much|over(?:charged)?|extra|more|excess|difference)\s*)?(?:[x×*·+\-/=](?!\p{L})|,?\s*plus\b|times\b)/iu
/** "the 12.50 difference on the 40 crates", "a 3 euro gap across all 200", "€5 too much on each of the
 *  chairs", "15 cents too much on 400 pieces": a figure per unit,
 *  multiplied by a count in words. */
const PER_UNIT_AFTER =
  /^\s*(?:\p{L}{1,5}\s+){0,2}?(?:difference|gap|extra|more|much|high|over(?:charge)?)\s+(?:each\s+|a\s+piece\s+)?(?:(?:a|per)\s+(?!lot\b|bit\b|total\b|year\b)\p{L}{3,}\b(?!\s+(?:of|than)\b)|(?:on|for|per)\s+(?:each|every)\b|(?:on|for|across|over|per|times|x|×)\s+(?:each\s+of\s+)?(?:the\s+|all\s+|those\s+|these\s+)?(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)\b))/iu
/** Before a figure, an operator: "+ 9 800", and a tax added by name ("+ VAT 9 800", "+ НДС 16 % 9 800"). */
const OPERATOR_BEFORE = new RegExp(
  String.raw`(?:[x×*·+]|(?<=[\d)%]\s{0,2})[\-/]|\bplus|\btimes)\s*(?:(?:${TAX_WORD}|ндс|пдв|ддс|ддв|ққс|qqs)\s*(?:\d{1,2}(?:[.,]\d{1,2})?\s*%\s*)?[:=]?\s*)?$`,
  'iu',
)
/** A word for "in total" before a figure, in the languages claims come in: the working's result
 *  ("итого 71 050", "jami 4 200 000", "合计 3,200"), as a figure after "=" is. A currency may stand between. */
const TOTAL_BEFORE =
  /(?<![\p{L}])(?:(?:grand\s+)?total(?:e|t|ul)?|in\s+all|altogether|итого|итог|всего|разом|всього|барлығы|жиыны|jami|gesamt|insgesamt|summe|totaal|razem|łącznie|celkem|spolu|összesen|yhteensä|summa|i\s+alt|toplam|jumlah|jumla|tổng(?:\s+cộng)?|kabuuan|σύνολο|ukupno|укупно|общо|iš\s+viso|kopā|kokku|нийт|სულ|المجموع|الإجمالي|اجمالي|مجموع|סה"כ|कुल|รวม|ጠቅላላ|合计|總計|总计|共计|合計|합계)\s*[:=\-–]?\s*(?:\p{L}{1,4}\.?\s*|\p{Sc}\s*)?$/iu
/** "60.00 plus tax, i.e. 63.60", "1 200, soit 1 380": a figure said again in other terms, right after another;
 *  the restatement is what the speaker settles on, as a result after "=" is. */
const RESTATED_BEFORE =
  /\d[^\n\d]{0,60}?(?:\bi\.\s?e\.|\b(?:that is|that's|namely|which (?:is|makes|comes to)|cioè|oftewel|es decir|ou seja|yani|soit|dvs\.?|d\.\s?h\.|c\.-?à-?d\.|t\.\s?j\.|tzn\.|d\.w\.z\.|to jest|to znaczy))\s*[:,]?\s*(?:\p{L}{1,4}\.?\s*|\p{Sc}\s*)?$/iu
/** Before the sum: the difference it comes to ("they claim the 0.05 difference now, USD 600.00"). */
const DIFFERENCE_SUMMED_BEFORE = new RegExp(String.raw`\d[\d.,]*${DIFFERENCE_TO_SUM}$`, 'iu')
/** "x 0.25 = 300.00 + VAT, so 360.00", "+ btw, dus 363,00": a working's sum or term, then "so" and the
 *  figure it comes to. Only after an operator of the same sentence: "30 came, so 12 short" is no working. */
const CONCLUDED_BEFORE =
  /[=+][^\n.;=+]{0,40}?(?<![\p{L}])(?:so|thus|hence|dus|donc|daher|quindi|então|entonces|więc|takže|altså|så)\s*[:,]?\s*(?:\p{L}{1,4}\.?\s*|\p{Sc}\s*)?$/iu
/** "= 96,380.00", "= NRs. 96,380.00": the result, a currency written between or not. */
const RESULT_BEFORE = /=\s*(?:\p{L}{1,4}\.?\s*|\p{Sc}\s*)?$/u

/** "10 x 265 =", "0,5 t x 41 200 =": two figures multiplied just before an "=", a unit word beside either,
 *  or the tax the price holds ("3 x 1,180 incl. VAT ="). */
const PRODUCT_BEFORE = new RegExp(
  String.raw`(?<![\d.,])(${NUM})\s*(?:[\p{L}'’"“”-]{1,15}\.?\s*){0,3}[x×*@]\s*(\p{Sc}\s*)?(${NUM})\s*(?:(?:incl\.?|including|inc\.?|with|w\/)\s+${TAX_WORD}\.?\s*|\p{L}{1,8}\.?\s*)?=\s*$`,
  'iu',
)

/**
 * A bare figure after "=" that the multiplication before it gives ("10 x 265 = 2 650"): the result of
 * a working. Checked against the terms, to the cent, not assumed; the reader takes it as money only
 * written as money is (thousands grouped or cents), so "2 pallets x 36 = 72" stays a count, or as the
 * result of a price (`priced`: after "@" or a price with its currency).
 */
function resultOfProduct(before: string, figure: string, priced = false): boolean {
  const m = PRODUCT_BEFORE.exec(sentenceBefore(before))
  // Priced: a count at a price ("3 hrs @ 140 = 420", "3 x 160 CAD = 480"), whose result is money however written.
  if (priced && !(m && (m[2] || /@|\b[A-Z]{3}\s*=\s*$/.test(m[0])))) return false
  const [a, b, c] = [m?.[1], m?.[3], figure].map((n) => (n ? normalizeNumber(n) : null))
  if (!a || !b || !c) return false
  const [x, y, z] = [decimal(a), decimal(b), decimal(c)]
  const gap = decimalSub({ int: x.int * y.int, scale: x.scale + y.scale }, z)
  return decimalCmp({ int: gap.int < 0n ? -gap.int : gap.int, scale: gap.scale }, HALF_CENT) < 0
}
const HALF_CENT = decimal('0.005')
/** "(2,200 + VAT = 2,464)": a figure, its tax added, then "=": what follows is the sum with the tax. */
const TAX_ADDED_BEFORE = new RegExp(
  String.raw`\d\s*(?:\+|\bplus|\bwith)\s*(?:\d{1,2}(?:[.,]\d{1,2})?\s*%\s*)?${TAX_WORD}\s*(?:\d{1,2}(?:[.,]\d{1,2})?\s*%\s*)?=\s*$`,
  'i',
)

/**
 * Where a figure stands in written working: the result it ends with is the claim (+3), a term on the
 * way is not (-3). Outside any working, 0.
 */
function inWorking(text: string, a: AmountMention): number {
  const before = text.slice(0, a.index)
  const after = text.slice(a.index + a.raw.length)
  // A total word ends a working only after one ("… + VAT 96.00, total 576.00", "6 units à 12.40 …, total
  // 74.40"); alone ("(total 9,480.00)") it names the invoice's total, which is context.
  const endsWorking =
    TOTAL_BEFORE.test(before) &&
    /[=+×*@]|\d(?:\s*\p{L}+\.?)?\s*(?:x|à)\s+(?:\p{L}{1,4}\.?\s*|\p{Sc}\s*)?\d/u.test(
      // In its own cell: a table's cell before ("80 kg @ 25.00 = 2,000.00 | Booked …") is no working of this total.
      before.slice(-90).split('|').at(-1)!,
    )
  if (
    (RESULT_BEFORE.test(before) ||
      endsWorking ||
      RESTATED_BEFORE.test(before) ||
      CONCLUDED_BEFORE.test(before) ||
      DIFFERENCE_SUMMED_BEFORE.test(before)) &&
    !OPERATOR_AFTER.test(after)
  )
    return 3
  return OPERATOR_AFTER.test(after) ||
    OPERATOR_BEFORE.test(before) ||
    RESULT_BEFORE.test(before) ||
    PER_UNIT_TERM_BEFORE.test(before)
    ? -3
    : 0
}
/** "7 units à Fl 118,20", "12 bags @ $4.10": the price of one unit in a working, a currency between or not. */
const PER_UNIT_TERM_BEFORE = /\d(?:\s*\p{L}+\.?)?\s*(?:×|à|@)\s*(?:\p{L}{1,4}\.?\s*|\p{Sc}\s*)?$/u

/** Words of a table row that claim its figures: a sheet's "queried", "disputed", "short", "to credit" columns. */
const ROW_CLAIMS =
  /\b(?:quer(?:y|ies|ied)|disput\w*|claim\w*|credit\w*|short\w*|deduct\w*|withheld|not accepted|reject\w*|difference|diff|variance|overcharg\w*)\b/i

/** Before a figure, words that give the sum of what was just named ("amounting to", "soit"). */
const SUM_OF_BEFORE =
  /(?:amounting to|totall?ing|coming to|which comes to|i\.e\.|that is|namely|in total|soit|d'un montant de|im Betrag von|in Höhe von|von insgesamt|por un (?:total|importe) de|no valor de)\s*(?:\p{Sc}\s?|[A-Z]{3}\s?)?$/iu
/** A sentence that disputes what it names. */
const SENTENCE_DISPUTES = /\b(?:contest\w*|disput\w*|reject\w*|refus\w*|challeng\w*|quer(?:y|ies|ied|ying))\b/i
/** After a figure, that the writer accepts it ("…, which we accept"). */
const ACCEPTED_CLAUSE_AFTER =
  /^[^.;\n]{0,30}?\b(?:which|that)\s+(?:we|they|i)\s+(?:accept|agree to|will pay|do not dispute|don't dispute)\b/i

/** After a figure, in its sentence: a matter put off to another message ("the postage 22.00: we will ask
 *  about it separately", "that is a separate question", "es otro tema"). */
const DEFERRED_AFTER =
  /^[^.;\n]{0,40}?\b(?:separately|another time|later on|(?:a|another|different|separate)\s+(?:question|matter|issue|topic|mail|email|message)|otro tema|autre sujet|un autre sujet|outro assunto)\b/i

/** A figure said as paid ("we paid the principal of", "settled the balance of"). */
/** "…, CHF 310.00, we will not pay": the figure put first, then the refusal to pay it. */
const REFUSED_AFTER =
  /^\s*[,;:–—-]?\s*(?:which|that|this)?\s*(?:we|they|he|she|i|the customer|the client)\s+(?:will|shall|would|do|does|did|can|are|is)\s*(?:not|n't|never)\s+(?:going to\s+)?(?:pay|accept)\b|^\s*[,;:–—-]?\s*(?:we|they|he|she|i)\s+(?:won'?t|refuse to|cannot|can'?t)\s+pay\b/i
const PAID_BEFORE =
  /\b(?:paid|settled|remitted|transferred)\b(?:\s+[\w-]+){0,3}?\s*(?:of\s+)?(?:\p{Sc}\s?|[A-Z]{3}\s?)?$/iu

/** A figure said as what another claim already holds ("… on top of the 90 for the earlier visit", "besides
 *  the 40 credited"): what this claim adds is said elsewhere. */
const BESIDES_BEFORE =
  /\b(?:on top of|in addition to|besides|over and above|as well as|apart from|aside from|not counting)\s+(?:the\s+|our\s+|their\s+|that\s+|those\s+)?(?:\p{Sc}\s?|[A-Z]{3}\s?)?$/iu

/** Claiming words before a figure, as typed or in the English of the customer's language ("veulent 12 800"). */
/** Before a figure, words that make it a rough one ("approx", "roughly", "~", "is about"); after it, "-ish",
 *  "or so". "About" alone is the preposition ("complaining about 3,000 charged"). */
const ROUGHLY_BEFORE =
  /(?:\b(?:approx\.?|approximately|roughly|circa|ca\.|more or less|give or take|something like|in the region of)|~|(?:\b(?:is|was|comes? to|came to|of|at)|[,:—–-])\s+(?:about|around))\s*(?:\p{Sc}\s?|[A-Z]{3}\s?)?$/iu
const ROUGHLY_AFTER = /^(?:-?ish\b|\s+or so\b|\s+give or take\b)/i
export function saidRoughly(text: string, index: number, length: number): boolean {
  return (
    ROUGHLY_BEFORE.test(text.slice(Math.max(0, index - 30), index)) || ROUGHLY_AFTER.test(text.slice(index + length))
  )
}

/** Claiming words before a figure, in the customer's language too; `total` false leaves "total" out
 *  of them (a figure claimed only by "total" is weaker than one a request claims). */
function disputedBefore(text: string, a: AmountMention, total = true): boolean {
  const words = (t: string) => (total ? t : t.replace(/\btotal\b/gi, ' '))
  const before = text.slice(0, a.index)
  if (DISPUTE_BEFORE.test(words(before))) return true
  // "We contest the audits of 3 and 9 June, amounting to 840.00": the sum of what the
  // sentence disputes, said after it.
  const sentence = before.split(/[.;!?\n]\s/).at(-1) ?? ''
  if (SUM_OF_BEFORE.test(sentence) && SENTENCE_DISPUTES.test(glossToEnglish(sentence))) return true
  const near = before.slice(-60)
  const glossed = glossToEnglish(near)
  return glossed !== near && DISPUTE_BEFORE.test(words(glossed))
}

export function disputedFigure(
  text: string,
  amounts: readonly AmountMention[],
  source: FigureSource = {},
): AmountMention | undefined {
  // "the 2.50 difference on the 400 bags": a figure per unit is no amount, even alone; the core
  // sizes the claim from the prices or counts.
  // A pasted table's cells are what a sheet lists, not what is claimed, unless their row says so
  // ("Queried 185.00", "short 100.00"); the core sizes the claim from the invoice otherwise.
  const rows = tableRows(text)
  // A column the table's header names for them ("Reduction", "Disputed") holds the figures claimed.
  const claimCells = claimColumn(text).claimed
  const listedOnly = (a: AmountMention) => {
    if (insideAny(claimCells, a.index)) return false
    const row = rows.find((r) => a.index >= r.index && a.index < r.index + r.length)
    const cells = row ? text.slice(row.index, row.index + row.length) : ''
    // The row's words in the customer's language too ("dcto", "Abzug", "retenue").
    return row !== undefined && !ROW_CLAIMS.test(cells) && !ROW_CLAIMS.test(glossToEnglish(cells))
  }
  const admitted = amounts.filter(
    (a) =>
      a.role === 'amount' &&
      // A pasted sheet's claim column is what it claims, with no claiming word beside the figure.
      (insideAny(claimCells, a.index) || claimable(text, a, source)) &&
      !perUnit(text, a) &&
      !countOfPrice(text, a, amounts) &&
      !listedOnly(a) &&
      !LIMIT_BEFORE.test(text.slice(Math.max(0, a.index - 40), a.index)),
  )
  // "a garment under ₹2,500 is taxed at 5 %", "₹2,500 se neeche": a bound that sorts things, beside a
  // figure that is claimed.
  const unbounded = admitted.filter((a) => !saidAsBound(text, a))
  const candidates = unbounded.length ? unbounded : admitted
  const paidBeside = (a: AmountMention): boolean =>
    candidates.some((o) => o !== a && PAID_BEFORE.test(text.slice(Math.max(0, o.index - 40), o.index)))
  // "we dispute 7 units à 118,20, total 827,40", "a credit of 95,00 HT, soit 114,00 TTC": the claiming
  // words before a working claim the figure it ends with, in the same sentence.
  const sameSentence = (from: AmountMention, to: AmountMention) =>
    from.index < to.index && !/[;\n]|[.!?]\s+\p{Lu}\p{Ll}/u.test(text.slice(from.index + from.raw.length, to.index))
  // Each figure's claiming words and place in a working are read once (the words are glossed to read them).
  const refused = (a: AmountMention) =>
    REFUSED_AFTER.test(text.slice(a.index + a.raw.length, a.index + a.raw.length + 50))
  const disputed = new Set(candidates.filter((a) => disputedBefore(text, a) || refused(a)))
  const working = new Map(candidates.map((a) => [a, inWorking(text, a)]))
  const claimed = (a: AmountMention): boolean =>
    disputed.has(a) || (working.get(a)! > 0 && candidates.some((o) => disputed.has(o) && sameSentence(o, a)))
  // "your invoice total 5,310.00 … please credit 310.00": a figure claimed only by "total" gives way to
  // one a request claims, in its own words or as the end of a working they claim.
  const requested = new Set(candidates.filter((a) => disputed.has(a) && (disputedBefore(text, a, false) || refused(a))))
  const byRequest = (a: AmountMention): boolean =>
    requested.has(a) || (working.get(a)! > 0 && candidates.some((o) => requested.has(o) && sameSentence(o, a)))
  // "R$ 400,00 a mais, R$ 468,00 com ICMS", "3 500 de trop la journée, avec la taxe 40 250": the
  // difference worked on to another figure in the same sentence, which is the claim.
  const workedOn = (a: AmountMention): boolean => candidates.some((o) => o.index > a.index && sameSentence(a, o))
  const score = (a: AmountMention): number => {
    const after = text.slice(a.index + a.raw.length)
    return (
      (insideAny(source.pasted ?? [], a.index) ? 0 : 8) +
      (claimed(a) ? (byRequest(a) ? 4 : 3) : 0) +
      // "so 100 EUR too much", "12 boxes, so RM240 difference": the figure a working concludes with,
      // said as what is charged over.
      (!claimed(a) && (overchargedBy(after) || DIFFERENCE_AFTER.test(after)) && !workedOn(a) ? 3 : 0) +
      // "57,200 incl. tax" is a total; "480.00 + VAT" is a term of the working, whose result is the claim.
      // "702,65 TTC": the mark read with the figure says so too.
      ((saysAfter(MONEY_CONTEXT_AFTER, text, a) || TAX_MARK.test(a.raw.split(/\s+/).at(-1) ?? '')) &&
      !OPERATOR_AFTER.test(after) &&
      !saidNetOfTax(text, a)
        ? 2
        : 0) +
      // "paid the 4,380 … now a $131.40 interest charge": beside a figure said as paid, the one that
      // names a charge is what is disputed.
      (CHARGE_AFTER.test(after) && paidBeside(a) ? 2 : 0) +
      (a.currency ? 1 : 0) +
      working.get(a)! -
      // "they paid $52 last season and ask for the gap, $16.00": what was paid, beside another figure,
      // is the setting of the claim.
      (candidates.length > 1 && PAID_BEFORE.test(text.slice(Math.max(0, a.index - 40), a.index)) ? 2 : 0) -
      // "52 000,00 HT et 62 400,00 TTC": the figure before tax gives way to the one with it.
      (saidNetOfTax(text, a) ? 3 : 0) +
      // "= 900 000, with VAT 1 044 000": the figure a sentence gives again with its tax is the claim.
      (WITH_TAX_BEFORE.test(text.slice(Math.max(0, a.index - 30), a.index + taxLead(a.raw))) &&
      candidates.some((o) => sameSentence(o, a))
        ? 5
        : 0) -
      // "30 bags at 1 500 (45 000,00)": a figure in brackets after a price restates what the line came to.
      (PRICE_THEN_BRACKET.test(text.slice(Math.max(0, a.index - 24), a.index)) ? 2 : 0) -
      // "invoice KT-2291 (USD 18,400.00)": a figure in brackets after an invoice's number is what it bills.
      (INVOICE_THEN_BRACKET.test(text.slice(Math.max(0, a.index - 40), a.index)) ? 3 : 0) -
      // "roughly 9.7k with tax (9 716,40)": a figure rounded, beside the exact one it rounds, gives way to it.
      (roundsAnother(a) ? 4 : 0) -
      (BESIDES_BEFORE.test(text.slice(0, a.index)) ? 6 : 0) -
      (ACCEPTED_AFTER.test(after) || ACCEPTED_CLAUSE_AFTER.test(after) || DEFERRED_AFTER.test(after) ? 6 : 0)
    )
  }
  const exact = (a: AmountMention) => /[.,]\d{2}-?$/.test(a.raw) && !saidRoughly(text, a.index, a.raw.length)
  const rounded = (a: AmountMention) => /\d\s?k$/i.test(a.raw) || saidRoughly(text, a.index, a.raw.length)
  function roundsAnother(a: AmountMention): boolean {
    if (!rounded(a)) return false
    const v = Number(a.value)
    return candidates.some((o) => o !== a && exact(o) && Math.abs(Number(o.value) - v) <= v / 100)
  }
  // The highest score, the first said on a tie.
  let best: { a: AmountMention; score: number } | undefined
  for (const a of candidates) {
    const s = score(a)
    if (!best || s > best.score) best = { a, score: s }
  }
  return best?.a
}
