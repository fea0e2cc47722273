/**
 * What the specialist wants from this turn (start a dispute, add or correct a fact, change the
 * email's tone, request a credit memo or write-off, close it, report the customer's answer, ask),
 * with the facts the turn states. Patterns live in data/turn-patterns.json.
 */
import type { Intent, StatedFacts } from '../understanding.ts'
import type { CustomerLike } from './customer-match.ts'
import patterns from './data/turn-patterns.json' with { type: 'json' }
import { MONTH_WORD } from './dates.ts'
import { extractFacts, hasDisputeFacts, loneCountAffected } from './facts.ts'
import { glossToEnglish } from './gloss.ts'
import { bareQuantity } from './quantities.ts'

export interface TurnContext {
  today: string
  customers?: readonly CustomerLike[]
  /** Whether a dispute is already under discussion: then bare facts are info, not a new dispute. */
  hasDispute?: boolean
  /** The reason already known, so a bare "45 units" in a correction lands in the right field. */
  reasonCode?: string
}

export interface TurnResult {
  intent: Intent
  facts: StatedFacts
  tone?: 'neutral' | 'warm' | 'firm'
  /** The words that decided the intent. */
  evidence: string
}

const compile = (list: readonly string[]): RegExp[] => list.map((p) => new RegExp(p, 'im'))
const INTENTS = Object.fromEntries(
  Object.entries(patterns.intents).map(([k, v]) => [k, compile(v as string[])]),
) as Record<string, RegExp[]>
const ORDER = patterns.order as Intent[]
const NEGATION = new RegExp(patterns.negation, 'i')
const REPORTED = new RegExp(patterns.reported)
const DEFERRAL = new RegExp(patterns.deferral, 'i')
const TONES = Object.entries(patterns.tone).map(([tone, p]) => ({
  tone: tone as 'neutral' | 'warm' | 'firm',
  re: new RegExp(p, 'i'),
}))
const ACTIONS = new Set<Intent>(['request_credit_memo', 'request_write_off', 'mark_resolved', 'customer_accepted'])

/** An action asked for is one the speaker asks for now: not negated ("let us not raise it"), not
 *  someone else's request reported ("the customer wants us to credit it"), not for later or on a
 *  condition ("mark it resolved once they pay"). Anything else is information, never a request. */
function isOwnRequestNow(text: string, m: RegExpExecArray, intent: Intent): boolean {
  // For "customer accepted" the negation may sit inside the match ("the customer has not accepted").
  const before = text.slice(0, m.index + (intent === 'customer_accepted' ? m[0].length : Math.min(m[0].length, 12)))
  if (NEGATION.test(before)) return false
  // "customer accepted" is itself a report of what the customer did: only its negation matters, and a part
  // of the bill agreed to beside one still disputed ("she agrees the crew did April; they only dispute May").
  if (intent === 'customer_accepted') return !STILL_DISPUTED.test(text.slice(m.index + m[0].length))
  if (REPORTED.test(text.slice(0, m.index).replace(/^(?:ok|okay|so|right),?\s+/i, ''))) return false
  return !DEFERRAL.test(text.slice(m.index + m[0].length))
}

/** "now they only query the last fortnight", "they still contest the call-out": a claim that goes on. */
const STILL_DISPUTED =
  /\b(?:only|still|now)\s+(?:dispute|disputes|disputing|contest|contests|contesting|query|queries|querying|claim|claims|claiming)\b/i

/** "how long do credit memos take?" asks about an action; it does not request it. */
const WH_QUESTION = /^\s*(?:what|why|how|when|where|who|which|whose)\b/i

function matchIntent(text: string): { intent: Intent; evidence: string } | null {
  const wh = WH_QUESTION.exec(text)
  if (wh) return { intent: 'question', evidence: wh[0].trim() }
  for (const intent of ORDER) {
    for (const re of INTENTS[intent] ?? []) {
      const m = re.exec(text)
      if (!m) continue
      if (ACTIONS.has(intent) && !isOwnRequestNow(text, m, intent)) continue
      return { intent, evidence: m[0].trim() }
    }
  }
  return null
}

export function classifyTurn(text: string, context: TurnContext): TurnResult {
  const { facts } = extractFacts(text, context)
  const matched = matchIntent(text)
  let intent: Intent = matched?.intent ?? 'unknown'
  const evidence = matched?.evidence ?? ''
  const result: TurnResult = { intent, facts, evidence }

  if (intent === 'email_tone') {
    result.tone = TONES.find((t) => t.re.test(text))?.tone ?? 'neutral'
    return result
  }
  if (intent === 'correction') {
    // "60, not 90" with no word saying which fact: the engine finds the fact that held 90. Correcting
    // a dispute under discussion, the figure after "not" is the one said before, not a count billed.
    const pair = readCorrectionPair(text)
    const got = facts.quantityReceived
    const billed = facts.quantityBilled
    // "…, and it was 4 crates, not 6": the pair may come after another one (an invoice number corrected).
    const restates =
      got !== undefined &&
      billed !== undefined &&
      new RegExp(String.raw`\b${got}\s+(?:[a-z][\w-]*\s*){0,2},?\s*not\s+${billed}\b`, 'i').test(text)
    const pairRestates = pair !== undefined && got === Number(pair.now) && billed === Number(pair.was)
    if (
      context.hasDispute &&
      !facts.hoursCounted &&
      facts.quantityAffected === undefined &&
      (pairRestates || restates)
    ) {
      delete facts.quantityReceived
      delete facts.quantityBilled
      if (facts.reason?.source === 'facts') delete facts.reason
      // The pair read as the correction finds the fact it restates in the engine; another pair is set here.
      if (!pairRestates && got !== undefined) {
        if (context.reasonCode === 'damaged_goods') facts.quantityAffected = got
        else facts.quantityReceived = got
      }
    }
    // "actually it's 45 units": a bare figure restates what was received unless the claim is about
    // affected units (damage) — then it restates those.
    if (facts.quantityReceived === undefined && facts.quantityAffected === undefined) {
      const n = !pair || pair.field === 'count' ? bareQuantity(text) : undefined
      // "sorry wrong number, it is 0004509": the number named an invoice, not a count.
      const ids = [...facts.invoiceRefs, ...(facts.invoiceCandidates ?? [])].map((r) => r.replace(/\D/g, ''))
      // "it's 420 per drop": a figure read as a price or an amount is not also a count.
      const figures = [facts.expectedUnitPrice, facts.billedUnitPrice, facts.amount?.value].filter(
        (v) => v !== undefined,
      )
      if (
        n !== undefined &&
        !ids.some((id) => id !== '' && Number(id) === n) &&
        !figures.some((v) => Number(v) === n)
      ) {
        if (context.reasonCode === 'damaged_goods') facts.quantityAffected = n
        else facts.quantityReceived = n
      }
    }
    return result
  }
  // "They don't know what the $40 handling charge on R-77 is. Could you find out?": a claim stated in
  // its own sentences, then a request to look at it. The question asks us to act on the claim.
  // "we are exempt, why is VAT charged on the May invoice?", "what is this $40 pallet charge on 5512??
  // we never asked for it": a question that challenges a charge is the customer's claim, put as a question.
  const claimBeforeQuestion =
    intent === 'question' &&
    (statesClaimOutsideQuestions(text, context) ||
      (CHALLENGES_CHARGE.test(text) && facts.reason !== undefined && facts.reason.source !== 'model'))
  // Asking about the contract is not saying the dispute is about the contract; a question that reports
  // what someone else holds ("the buyer insists it is paid, why is it still open?") still states it.
  if (intent === 'question' && !claimBeforeQuestion && facts.reason && !REPORTS_A_CLAIM.test(text)) delete facts.reason
  // "4 boxes" after a damage claim or a claim of work not done, investigated or still waiting for its
  // invoice: the one count a reply gives is the count affected, as it is beside the claim in one message.
  if (
    (context.reasonCode === 'damaged_goods' || context.reasonCode === 'service_not_rendered') &&
    // A reason guessed by the model from the noun alone ("cartons") states no new claim.
    (!facts.reason || facts.reason.source === 'model') &&
    !facts.amount
  )
    loneCountAffected(facts, text)
  const factual = hasDisputeFacts(facts)
  if (intent === 'question' && factual && (claimBeforeQuestion || !/\?\s*$/.test(text))) intent = 'provide_info'
  if (intent === 'greeting' && factual) intent = context.hasDispute ? 'provide_info' : 'new_dispute'
  if (intent === 'unknown' && factual)
    intent = context.hasDispute ? 'provide_info' : facts.reason ? 'new_dispute' : 'provide_info'
  if (intent === 'unknown' && /^\s*hi\b|^\s*hello\b|^\s*hey\b/i.test(text)) intent = 'greeting'
  result.intent = intent
  return result
}

/** Someone's claim reported or quoted: a speaker, a verb of saying, or their words in quotation marks. */
const REPORTS_A_CLAIM =
  /\b(?:they|customer|client|buyer|(?<!\b(?:does|do|did|would|will|to|can|could)\s)say(?!\s*\?)|says|saying|said|insists?|insisted|claims?|claimed|tells?|told|reports?|reported|complain(?:s|ed)?|argues?|argued|contests?|contested|maintains?|wants?|wanted|demands?|demanded)\b|["“”«»‘]|(?<![\p{L}])'[^'\n]{3,}'(?![\p{L}])/iu

const CHALLENGES_CHARGE =
  /\bwhy\s+(?:is|are|was|were|do|does|did|have|has)\s+(?:there|we|they|you|i|it|us|them)\b[^?]{0,80}\b(?:charg\w*|bill\w*|invoic\w*|on\s+(?:the|this|that|our|their|my)\s+(?:[\w-]+\s+){0,2}?(?:invoice|bill|statement))|^\W*what(?:'s|\s+is|\s+are)\s+(?:this|that|these|those)\b[^?]{0,60}\b(?:charges?|fees?|surcharges?|lines?|items?)\b/i

/** Sentences: split after ., ? or ! followed by a space (never inside "15.60" or "F/26/0093"). */
const sentences = (text: string): string[] =>
  text
    .split(/(?<=[.?!])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean)

const isQuestionSentence = (s: string): boolean => (INTENTS.question ?? []).some((re) => re.test(s))

/** An invoice spoken of by its word, in any language the gloss reads ("la facture de la formation"). */
const NAMES_A_BILL = /\b(?:invoices?|bills?)\b/i
/** A reason read this surely needs no number beside it to be the claim a question follows. */
const SURE_REASON = 0.9

/**
 * Whether the sentences that are not questions state a claim on their own: a reason, an invoice or
 * a figure, the way a claim is told before "could you look into it?" or "should we reissue it?". An
 * invoice named by its word counts when the reason is sure: the engine finds it from the words.
 */
function statesClaimOutsideQuestions(text: string, context: TurnContext): boolean {
  const all = sentences(text)
  const told = all.filter((s) => !isQuestionSentence(s))
  if (!told.length || told.length === all.length) return false
  const { facts } = extractFacts(told.join(' '), context)
  return Boolean(
    facts.reason &&
      (facts.invoiceRefs.length ||
        facts.invoiceCandidates?.length ||
        facts.customerId ||
        facts.amount ||
        facts.poNumber ||
        facts.quantityReceived !== undefined ||
        facts.quantityAffected !== undefined ||
        (facts.reason.confidence >= SURE_REASON && NAMES_A_BILL.test(glossToEnglish(told.join(' '))))),
  )
}

/** Which fact a corrected figure restates, when the words say it. */
export type CorrectedField = 'amount' | 'price' | 'count'

/** "1,250 not 1,520", "not 90, it's 60", "60, not 90": the figure said now and the one it replaces. */
export interface CorrectionPair {
  now: string
  was: string
  field?: CorrectedField
}

// Whole figures only: "not 75. So 735" never reads as 7 and 5.
// A decimal comma too ("7,35 not 7,10"), as prices are written in most of Europe.
// Not a day of a range or a date ("26-30 June, not 1-5 July"): a day is never a corrected figure.
const FIGURE = String.raw`[$€£]?\s?(?<![\d.,]|\d\s?[-–]\s?|${MONTH_WORD}\s)(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+,\d{2}(?![\d])|\d+(?:\.\d{1,2})?)(?![\d]|[.,]\d|\s?[-–]\s?\d|\s?(?:st|nd|rd|th)\b|\s${MONTH_WORD})`
const NOW_NOT_WAS = new RegExp(
  String.raw`${FIGURE}\s*(?:[a-z][a-z0-9²³]*,?\s+){0,2}?,?\s*(?:and\s+)?not\s+(?:the\s+)?${FIGURE}`,
  'i',
)
const NOT_WAS_NOW = new RegExp(
  String.raw`\bnot\s+${FIGURE}\s*(?:[a-z]+\s+)?[.,;:-]?\s*(?:but\s+|it'?s\s+|it\s+(?:is|was)\s+|rather\s+)?${FIGURE}`,
  'i',
)
const FIELD_WORDS: [CorrectedField, RegExp][] = [
  [
    'price',
    /\b(?:unit price|price|rate|per (?!their|the|our|your|his|her|my|contract|agreement|email|invoice)[a-z]+|each|apiece)\b/i,
  ],
  [
    'amount',
    /\b(?:amount|total|overcharged?|overbill(?:ed|ing)?|credit|difference|disputed|short[- ]?paid|dollars)\b/i,
  ],
  [
    'count',
    /\b(?:units?|pcs|pieces|boxes|sacks|bags|cases|cartons|crates|packs|bottles|cans|tins|pallets|rolls|drums|items|visits|hours|nights|days|received|got|delivered|arrived|count|quantity|damaged|missing|kgs?|kilos?|kilograms?|tonnes?|tons?|litres?|liters?|metres?|meters?|m2|m3|m²|m³|cubes?|gallons?|lbs?)\b/i,
  ],
]

/** The figure a correction gives and the figure it withdraws, with the fact named if the words name one. */
export function readCorrectionPair(text: string): CorrectionPair | undefined {
  const a = NOW_NOT_WAS.exec(text)
  const b = a ? undefined : NOT_WAS_NOW.exec(text)
  const m = a ?? b
  if (!m?.[1] || !m[2]) return undefined
  const [nowRaw, wasRaw] = a ? [m[1], m[2]] : [m[2], m[1]]
  const plain = (raw: string) => (/^\d+,\d{2}$/.test(raw) ? raw.replace(',', '.') : raw.replace(/,/g, ''))
  const now = plain(nowRaw)
  const was = plain(wasRaw)
  if (now === was) return undefined
  // The words of the pair itself speak first ("940 kg, not 910" is a count, whatever "the disputed
  // quantity" later in the message says); then the message's.
  const field = (FIELD_WORDS.find(([, re]) => re.test(m[0])) ?? FIELD_WORDS.find(([, re]) => re.test(text)))?.[0]
  return { now, was, ...(field ? { field } : {}) }
}

/** Which fact a figure was said as, from the words around it where it was said ("overcharged by 90"). */
export function fieldAround(text: string, raw: string): CorrectedField | undefined {
  const digits = raw.replace(/,/g, '')
  for (const m of text.matchAll(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g)) {
    if (m[0].replace(/,/g, '') !== digits) continue
    // The words of its own sentence: "… the agreed rate is 980. They ask for $160 back" says nothing of a rate at 160.
    const before =
      text
        .slice(Math.max(0, m.index - 30), m.index)
        .split(/[.!?;](?=\s)/)
        .at(-1) ?? ''
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 20).split(/[.!?;](?=\s|$)/)[0] ?? ''
    const around = `${before}${m[0]}${after}`
    const field = FIELD_WORDS.find(([, re]) => re.test(around))?.[0]
    // "6 pallets = $312": a figure written as money is no count, whatever noun stands near it.
    const money =
      /(?:\p{Sc}|\b[A-Z]{3})\s?$/u.test(text.slice(Math.max(0, m.index - 4), m.index)) ||
      /^\s?[A-Z]{3}\b/.test(text.slice(m.index + m[0].length))
    if (money && field === 'count') return 'amount'
    if (field) return field
  }
  return undefined
}
