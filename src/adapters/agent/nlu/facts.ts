/**
 * Every fact one message states, gathered into the conversation's StatedFacts: invoices, amounts,
 * quantities, unit price, dates, PO, ERP, teams, the customer and the reason. What was SAID, never
 * a figure the product decides.
 */
import { fold } from './fold.ts'
import { glossToEnglish } from './gloss.ts'
import type { StatedFacts } from '../understanding.ts'
import type { ReasonCode } from '../../../core/ledger.ts'
import {
  type AmountMention,
  decimalTimes,
  disputedFigure,
  findAmounts,
  normalizeNumber,
  RATE_JUST_BEFORE,
  saidAsExpected,
  saidAsMoney,
  saidNetOfTax,
  saidRoughly,
} from './amounts.ts'
import { classifyReason, LATER_READING_AT, laterReasonModel, type ReasonResult } from './classify-reason.ts'
import type { ReasonModel } from './reason-model.ts'
import { type CustomerLike, matchCustomer } from './customer-match.ts'
import factReasons from './data/fact-reasons.json' with { type: 'json' }
import { findDates, findDeadline, findPaymentDate } from './dates.ts'
import { findInvoiceDate, findInvoicePeriod } from './invoice-clues.ts'
import { bareInvoiceNumbers, findInvoiceRefs, type InvoiceRef, invoiceMentions, PO_STAND_IN } from './invoice-refs.ts'
import { withoutSetAsideClauses, withoutStance } from './stance.ts'
import { findErp, findFeeType, findPaymentReference, findPoNumber, findTeams, withoutSetAside } from './mentions.ts'
import { insideAny, ownWordsPointToPasted, splitPasted } from './pasted-text.ts'
import { findQuantities, loneCount, MONEY_AFTER_SOURCE, saidInHours } from './quantities.ts'
import { escapeRegExp } from '../../../core/escape-regexp.ts'

const MONEY_AFTER = new RegExp(`^${MONEY_AFTER_SOURCE}`, 'i')

export interface FactsContext {
  today: string
  customers?: readonly CustomerLike[]
  /** Whose words these are: a customer's email states facts but never asks us for goodwill. */
  speaker?: 'specialist' | 'customer'
}

export interface ExtractedFacts {
  facts: StatedFacts
  reason: ReasonResult
}

/** Below this a customer match is a guess not worth acting on. */
const CUSTOMER_MIN_SCORE = 0.8
/**
 * The reason of a message. A deduction carries its own ("short-paid 310, remittance says 2 CASES
 * LEAKING"): the words the remittance or deduction note gives are the customer's reason, and the
 * short payment around them is only how it was taken, never a payment claim.
 */
function reasonOf(typed: string, model?: ReasonModel): ReasonResult {
  // "(PO 4700018240)", "on PO 88-12": a purchase order named by its number is where the charge was
  // ordered, no sign that one is missing; so is a PO the ledger knows, unless its clause says what is
  // wrong with it ("PO 1001-97 doesn't exist on their side").
  // "paid 20551 short": the invoice paid short, no count short of anything.
  const named = typed.replace(PO_REFERENCE, ' ').replace(PAID_SHORT, (m) => `short-paid${' '.repeat(m.length - 10)}`)
  const text = named.replace(PO_STAND_IN, (po, at: number) => {
    const clause = named.slice(at + po.length).split(/[.;!?\n]/)[0] ?? ''
    // In the customer's language too ("… a été annulé chez eux").
    return PO_FAULT.test(clause) || PO_FAULT.test(glossToEnglish(clause)) ? po : ' '
  })
  const read = (t: string): ReasonResult =>
    classifyReason(withoutSetAsideClauses(withoutStance(withoutSetAside(t))), model)
  // A form's reason field ("Motivo: Mercancía dañada") is a pick from a list; the customer's own words
  // say what happened ("nothing arrived damaged, 12 boxes are missing"). The words overrule the field
  // when a phrase of theirs names a reason; a guess of the model at them does not.
  const unfielded = text.replace(REASON_FIELD, ' ')
  const ownWords = unfielded !== text ? read(unfielded) : undefined
  let whole = ownWords?.code && ownWords.matchedPattern ? ownWords : read(text)
  // A long letter names its contract, order and prices on the way to its claim: where the whole reads
  // only as a guess, the sentences that make the claim ("We contest the audit …", "… bitten um
  // Gutschrift") name the reason by a phrase, when they do.
  if (!whole.matchedPattern) {
    const claimed = claimSentences(text)
    const said = claimed ? read(claimed) : undefined
    if (said?.code && said.matchedPattern) whole = said
  }
  // "they won't pay for the last week", "not paying that bill": a refusal to pay is how many a
  // claim ends, never a claim of having paid; read as one, the reason is what the rest says.
  const unrefused = text.replace(REFUSES_TO_PAY, ' ')
  if (whole.code === 'already_paid' && unrefused !== text) whole = read(unrefused)
  // "they've paid the rest", "paid for 380", "still haven't paid it", "never paid a pallet fee before": a
  // payment of the part not disputed, or one not made, is the setting of the claim; a reading the model
  // took from it alone gives way to what the rest says (or to none, and the facts or a question decide).
  if (whole.code === 'already_paid' && !whole.matchedPattern) {
    const unpaidContext = text.replace(PAID_AS_CONTEXT, ' ')
    if (unpaidContext !== text) {
      // What the rest says by a phrase stands; the model's guess at what is left is no reading.
      const rest = read(unpaidContext)
      if (rest.code !== 'already_paid') whole = rest.matchedPattern ? rest : { ...rest, code: null, evidence: '' }
    }
  }
  // "we settled it in full but ask for the levy back": a payment made before a refund is asked is
  // the setting of the claim, not the claim; the rest says what is contested.
  const unpaid = text.replace(PAID_BEFORE_REFUND, ' ')
  if (whole.code === 'already_paid' && unpaid !== text) {
    const rest = read(unpaid)
    if (rest.code) whole = rest
  }
  const note = DEDUCTION_NOTE.exec(text)?.[1] ?? (SHORT_PAID.test(text) ? QUOTED_NOTE.exec(text)?.[1] : undefined)
  const own = note ? classifyReason(note, model) : undefined
  if (own?.code && (own.matchedPattern || own.confidence >= REASON_MIN_CONFIDENCE)) {
    // A note in shorthand ("PUMP IDLE 4/11") that the model only guesses at gives way to a phrase of the
    // message around it naming another reason ("… told AP the pump went off hire that morning").
    const phrased = whole.code && whole.matchedPattern && whole.code !== own.code && whole.code !== 'already_paid'
    return !own.matchedPattern && phrased ? whole : own
  }
  // "2231 was short-paid by us, see the remittance lines … the agreed rate is 40 not 45": a short payment
  // read as a payment claim says why in the sentences and lines with no word of the payment.
  if (whole.code === 'already_paid' && SHORT_PAID.test(text)) {
    // Clauses too: "they paid 600 less because the crew was absent", "… less on 5102, their note: …" give their
    // reason in the sentence of the payment.
    const parts = text.split(
      /(?<=[.!?])\s+|\n+|\s(?=(?:because|since|due to|owing to)\b)|[,;]\s+(?=(?:(?:their|the|his|her|our)\s+)?(?:note|reason|remark|memo)s?\b)/i,
    )
    const why = parts.filter((x) => !PAYMENT_WORD.test(x)).join(' ')
    const rest = why.trim() && why.length < text.length ? read(why) : undefined
    if (rest?.code && rest.code !== 'already_paid' && (rest.matchedPattern || rest.confidence >= REASON_MIN_CONFIDENCE))
      return rest
    // "took 96.00 off what they sent, remit note 'QX 4 BNR RTN'": a short payment whose
    // reason is in words nothing here reads is no claim of having paid; the reason is asked.
    if (!CLAIMS_PAID.test(text)) return { ...whole, code: null, evidence: '', matchedPattern: false }
  }
  return whole
}
/** Words that claim the invoice was paid, not that part of it was held back. */
const CLAIMS_PAID =
  /\b(?:already|fully|in full|twice|both)\s+(?:been\s+)?(?:paid|settled)\b|\b(?:paid|settled)\s+(?:it\s+|this\s+|that\s+)?(?:in full|already|twice|in its entirety)\b|\bproof of payment\b/i
/** Words of the payment itself, in a sentence or a remittance line. */
const PAYMENT_WORD =
  /\b(?:paid|pay(?:ing|ment)?|pmt|pd|remit\w*|ach|wire[ds]?|cheque|check|bacs|eft|gross|net|ded(?:uct\w*)?|short(?:[- ]?paid)?)\b/i
/** "paid 20551 short", "paid inv. 77-B short": a payment short of the invoice it names. */
const PAID_SHORT = /\bpaid\s+(?:(?:invoice|inv\.?)\s*)?#?\s*[\w/-]*\d[\w/-]*\s+short\b/gi
/** A payment not made, or made of a part: "haven't paid", "never paid", "paid the rest", "paid for 380"
 *  (a count; "paid 1,640.00" is money paid). */
export const PAID_AS_CONTEXT =
  /\b(?:(?:have|has|had|did|do|does)(?:n'?t|\s+not)|not|never|yet to)\s+(?:yet\s+|ever\s+)?(?:been\s+)?(?:paid|pay)\b|\b(?:paid|settled)\s+(?:for\s+)?(?:the\s+|what\s+)?(?:rest|balance|remainder|undisputed\w*|other\s+\w+)\b|\bpaid\s+for\s+(?:the\s+)?\d[\d,]*(?!\d|[.,]\d)(?!\s*(?:[$€£¥]|[A-Z]{3}\b))/gi
/** A payment said before "but" and a request for the money back. */
const PAID_BEFORE_REFUND =
  /\b(?:(?:have|has|had|'ve)\s+)?(?:already\s+)?paid\b[^.;!?]{0,60}?(?=\bbut\s+(?:[^.;!?]{0,80}?\b(?:so|and)\s+)?(?:[\w'’]+\s+){0,2}(?:want|ask\w*|request\w*|claim\w*|expect\w*)\b[^.;!?]{0,30}\b(?:refund\w*|back|credit\w*|returned|reimburs\w*)\b)/gi
/** The sentences of a text of four or more that make its claim: a verb of disputing or of asking for
 *  credit, as typed or in the English of the customer's language. Undefined for a shorter text, which
 *  is its claim. */
function claimSentences(text: string): string | undefined {
  const sentences = text.split(/(?<=[.!?])\s+|\n+/).filter((x) => x.trim())
  if (sentences.length < 4) return undefined
  const claims = sentences.filter((x) => CLAIM_VERB.test(x) || CLAIM_VERB.test(glossToEnglish(x)))
  return claims.length && claims.length < sentences.length ? claims.join(' ') : undefined
}
const CLAIM_VERB =
  /\b(?:contest\w*|disput\w*|reject\w*|refus\w*|credit(?:ed)?|credit note|refund\w*|complain\w*|claim(?:ing|s)?|deduct\w*|(?:won't|will not|cannot|can't|do not|don't) (?:pay|accept)|beanstand\w*|bestreit\w*|gutschrift|reklamier\w*|réclam\w*|reclam\w*)\b/i

/** A form's reason field, a line of its own whose value is a few words with no figure ("Reason / Motivo:
 *  Price / Precio", "Type of claim: Damaged product"). */
const REASON_FIELD =
  /^[^\S\n]*(?:\p{L}+\s*\/\s*)?(?:reason|motivo|motif|grund|raz[oó]n|causa|category|categor[ií]a|catégorie|kategorie|dispute type|claim type|issue type|type of (?:claim|dispute|issue)|tipo de (?:reclamo|reclamação|reclamacao|disputa|problema|ocorrência))(?:\s*\/\s*[\p{L} ]{1,25})?\s*:[^\S\n]*(?:\p{L}+[^\S\n/,&-]*[/,&-]?[^\S\n]*){1,6}$/gimu
const PO_REFERENCE =
  /\(\s*(?:PO|P\.O\.|purchase order|OC|order)\s*(?:no\.?|number|#)?\s*:?\s*[\w/-]*\d[\w/-]*\s*\)|\b(?:on|under|for|against|via|per|order|comanda|pedido|commande|bestelling|auftrag|ordine|zamówienie)\s+(?:(?:their|our|the|your|its)\s+)?(?:PO|P\.O\.|purchase order)\s*(?:no\.?|number|#)?\s*:?\s*[\w/-]*\d[\w/-]*/gi
/** A PO word and the number it names: "PO 7100229", "P.O. # 7781", "purchase order no. 55120". */
const PO_WORD_NUMBER =
  /(?:\b(?:PO|P\.O\.|LPO)|\b[Pp]urchase [Oo]rder)\s*(?:[Nn]o\.?|[Nn]umber|#|[Nn]r\.?)?\s*[:.]?\s*(\d[\d/-]{3,}\d)(?!\d|[.,]\d)/g
const REFUSES_TO_PAY =
  /\b(?:won'?t|won’t|will not|wo not|not going to|aren'?t going to|are not going to|refuses? to|refused to|do(?:es)?n'?t want to|do(?:es)? not want to|can'?t be expected to|(?:is|are|am|'re|’re)\s+not)\s+(?:be\s+)?(?:pay(?:ing)?|settl(?:e|ing))\b(?:\s+(?:for|on))?|\b(?:can'?t|can’t|cannot|can not|unable to|won'?t)\s+(?:pass|process|approve|release|post|clear|book)\s+(?:it|this|that|them|the (?:invoice|bill))?\s*(?:through\s+)?for\s+payment\b/gi
/** What is wrong with a PO, said after it: it does not exist, is not theirs, is wrong. */
const PO_FAULT =
  /\b(?:not|no|never|wrong|missing|invalid|incorrect|unknown|exist|theirs|cancell?ed|closed|expired|replaced|superseded)\b|n't\b|(?<!\p{L})(?:не|нет|неверн\p{L}*)(?!\p{L})/iu
const DEDUCTION_NOTE =
  /\b(?:remit(?:tance)?(?:\s+(?:advice|note|memo|line|detail|text))?|deduction\s+(?:note|reason|code)|payment\s+(?:memo|note|reference)|reason\s+given|avis\s+de\s+paiement|aviso\s+de\s+pago)(?:\s+just|\s+only)?\s*(?:says|said|reads|states|shows|gives|:|-)\s*['"“‘«]?\s*([^'"”’»\n]{3,120})/i
/** Words of a payment short of the invoice: "deducted", "short", "une retenue" (figures-against-lines.ts
 *  reads the same words against the invoice). */
export const SHORT_PAYMENT_WORDS = [
  'short(?:[- ]?paid|[- ]?payment)?|deduct(?:ed|ion|s)?|withheld|held back|retenue|retenido|descontad[oa]s?|d[ée]duit',
  // "knocked £96.40 off their payment", "took 3% off 7710".
  String.raw`(?:knock(?:ed|s)?|t(?:ook|aken?|akes))\s+(?:[^\s;]+\s+){1,3}?off\b(?=[^.;\n]{0,40}\b(?:pay\w*|remit\w*|invoice|bill|\d))`,
  // "paid INV-4 except the 900 freight", "paid all but the surcharge", "paid only the goods and left
  // the freight open", "only the handling is still open": a payment of part, the rest in dispute.
  String.raw`paid\b[^.;\n]{0,40}?\b(?:except|apart from|other than|save for|all but|but not)`,
  // "they paid 600 less", "the remittance came in 96.00 less than invoiced".
  String.raw`(?:paid|remitted|sent|transferred|came\s+in|arrived)\s+(?:[^\s;]+\s+){1,2}?less\b`,
  String.raw`paid only|(?:left|leaving|keeps?|kept)\b[^.;\n]{0,40}?\b(?:open|unpaid|outstanding)`,
  String.raw`only\b[^.;\n]{0,40}?\b(?:is|are|remains?|stays?)\s+(?:still\s+)?(?:open|unpaid|outstanding)`,
  // A remittance's own arithmetic: "less debit note 540.00 …, net paid 9,420.00".
  String.raw`less\s+(?:our\s+|a\s+|the\s+)?(?:debit note|deduction|claim)|net\s+(?:paid|payment|remitted|amount paid)`,
].join('|')
/** How likely the words' next reading must be to stand for "already paid" in a short payment. */
const SHORT_PAID_NEXT = 0.15
/** A payment short of the invoice: those words, or "paid 41,207.50 of 43,530.00". */
const SHORT_PAID = new RegExp(String.raw`\b(?:${SHORT_PAYMENT_WORDS}|paid\s+\S+\s+of)\b`, 'i')
/** The words a short payment carries in quotes: its remittance note ("with the note 'VOLUME REBATE NOT APPLIED'"). */
const QUOTED_NOTE = /(?<![\p{L}\d])['"“‘«]\s*([^'"”’»\n]{3,120}?)\s*['"”’»](?![\p{L}])/u

/** A reason the model alone proposes is taken as stated only above this. */
export const REASON_MIN_CONFIDENCE = 0.6
/** The words' own reading, overruled by the facts, is kept from here. */
const WORDS_KEPT_AT = REASON_MIN_CONFIDENCE - 0.1

const FACT_RULES = factReasons.rules as {
  fact: keyof StatedFacts
  equals?: string
  reason: ReasonCode
  strong?: boolean
  /** Facts that, stated too, make this one no sign of the reason. */
  unless?: (keyof StatedFacts)[]
}[]
/** Readings a stated price comparison overrules: none of them is about a price. */
const PRICE_OVERRULES = new Set<ReasonCode>(['contract_terms', 'quantity_discrepancy', 'unrecognized_charge', 'other'])
/** A fee for paying late by its name: "interest", "late fee", "penalty". */
export const INTEREST = /\b(?:interest|finance charge|late (?:charge|fee|payment (?:fee|charge))|penalt(?:y|ies))\b/i
/** Words of a fee for paying late: without one, "late" is said of something else. */
const FEE_WORDS = new RegExp(
  String.raw`${INTEREST.source}|\b(?:late payment|overdue|paid late|days late|surcharge)\b`,
  'i',
)
/** Model-only readings a stated count comparison overrules: none of them is about units. */
export const COUNT_OVERRULES = new Set<ReasonCode>([
  'pricing_error',
  'contract_terms',
  'late_fee',
  'unrecognized_charge',
  'duplicate_billing',
  'other',
])
/** Below this a model-only reason gives way to a strong fact (data/fact-reasons.json). */
const MODEL_OUTRANKED_BELOW = 0.9

/** The reason the facts imply ("should be 40 not 49" → pricing_error), per data/fact-reasons.json. */
export function reasonFromFacts(
  facts: StatedFacts,
  only: 'any' | 'strong' = 'any',
): { code: ReasonCode; fact: string } | undefined {
  for (const rule of FACT_RULES) {
    if (only === 'strong' && !rule.strong) continue
    const v = facts[rule.fact]
    if (v === undefined || v === '' || (Array.isArray(v) && !v.length)) continue
    if (rule.equals !== undefined && v !== rule.equals) continue
    if (rule.unless?.some((f) => facts[f] !== undefined)) continue
    return { code: rule.reason, fact: rule.fact }
  }
  return undefined
}

/** Goodwill in the words specialists use for it: "goodwill", "Kulanz", "geste commercial", "gesto comercial",
 *  "coulance", "di cortesia", "de cortesía". */
const GOODWILL =
  /\bgood-?will\b|\bkulanz\w*|\bgestes? commercia(?:l|ux)\b|\bgestos? comercia(?:l|is|les)\b|\bcoulance\b|\b(?:credito|sconto|abbuono|storno) di cortesia\b|\b(?:cr[eé]dito|descuento|bonificaci[oó]n|nota de cr[eé]dito) de cortes[ií]a\b/i

/** "offer them $75 of goodwill": the amount in the sentence that asks for goodwill (not a percent). */
function goodwillAmount(text: string, amounts: readonly AmountMention[]): AmountMention | undefined {
  for (const sentence of text.matchAll(/[^.!?\n]+/g)) {
    if (!GOODWILL.test(sentence[0])) continue
    const from = sentence.index
    const to = from + sentence[0].length
    const inside = amounts.filter((a) => a.index >= from && a.index < to && a.role === 'amount')
    if (inside.length === 1) return inside[0]
    // "we can do 40 as goodwill": a bare figure right beside the word, never a percent.
    const near =
      /(\d[\d.,]*)(?!\s*%|[\d.,])\s*(?:as|in|of)?\s*(?:a\s+)?good-?will|good-?will\s+(?:credit\s+|gesture\s+)?(?:of\s+|for\s+)?(\d[\d.,]*)(?![\d.,]|\s*%)/i.exec(
        sentence[0],
      )
    const raw = near?.[1] ?? near?.[2]
    const value = raw ? normalizeNumber(raw) : null
    if (raw && value && near) return { raw, value, index: from + near.index, role: 'amount' }
  }
  return undefined
}

const IDENTIFIER = /(?<![\w/-])(?=[\w/-]*\d)(?=[\w/-]*[A-Za-z])[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)+(?![\w/-])/g

const RATE = /^\d+(?:[.,]\d+)?\/[a-zà-ÿ]{1,12}[23²³]?$/
const DIGIT_IDENTIFIER = /(?<![\w/.,-])(?:\d{3,}[-/]\d{2,}|\d{2,}[-/]\d{3,})(?:[-/]\d+)*(?![\w/-])/g

/**
 * A price's role said in another language ("o rolo deveria custar R$ 52, cobraram 58": should be,
 * billed) is read from the gloss: the same figures in the same order, with the roles the English
 * words give them. Figures the gloss does not hold one for one keep the roles read as typed.
 */
function withGlossedRoles(text: string, glossed: string, amounts: AmountMention[]): AmountMention[] {
  if (glossed === fold(text) || !amounts.length) return amounts
  const inEnglish = findAmounts(glossed)
  let from = 0
  const used = new Set<number>()
  const mapped = amounts.map((a) => {
    const at = inEnglish.findIndex((g, i) => i >= from && g.raw === a.raw && g.value === a.value)
    if (at < 0) return a
    from = at + 1
    used.add(at)
    return { ...a, role: inEnglish[at]!.role }
  })
  // A price only the English words make one ("… за договором 1 450": by the contract 1 450), found
  // once in the typed text where no figure was read.
  const added = inEnglish.flatMap((g, i) => {
    if (used.has(i) || g.role === 'amount' || !/^[\d\s.,]+$/.test(g.raw)) return []
    const index = text.indexOf(g.raw)
    if (index < 0 || text.indexOf(g.raw, index + 1) >= 0) return []
    if (mapped.some((a) => index < a.index + a.raw.length && a.index < index + g.raw.length)) return []
    return [{ ...g, index }]
  })
  return [...mapped, ...added].sort((a, b) => a.index - b.index)
}

/** "they paid 18.2k", "paid only 1,940.00", "settled 4 100": the figure is what was paid. */
const PAID_JUST_BEFORE =
  /\b(?:paid|settled|transferred|remitted|wired)\s+(?:us\s+|only\s+|just\s+|in\s+)?(?:[^\s\d]{1,4}\s?)?$/i

export function extractFacts(text: string, context: FactsContext): ExtractedFacts {
  const explicit = findInvoiceRefs(text)
  const refSpans = explicit.map((r) => ({ index: r.index, length: r.length }))
  const facts: StatedFacts = { invoiceRefs: [] }
  const po = findPoNumber(text)
  if (po) {
    facts.poNumber = po
    const at = text.toUpperCase().indexOf(po)
    if (at >= 0) refSpans.push({ index: at, length: po.length })
  }
  // "PO 7100223 on the bill is not ours … ordered on PO 7100229": every number a PO word names is a reference,
  // the one taken as the claim's PO or not, never a price.
  for (const m of text.matchAll(PO_WORD_NUMBER))
    refSpans.push({ index: m.index + m[0].length - m[1]!.length, length: m[1]!.length })
  for (const m of text.matchAll(/\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}(?:\/\d{4})?\b/g)) {
    refSpans.push({ index: m.index, length: m[0].length })
  }
  // The message in English words, read again where the typed words are another language's.
  const glossed = glossToEnglish(text)
  // "We have not paid it … ref TR/5518", "not paying": a payment not made has no reference of its own.
  const paymentReference = findPaymentReference(
    text,
    glossed.replace(PAID_AS_CONTEXT, ' ').replace(REFUSES_TO_PAY, ' '),
  )
  if (paymentReference) {
    facts.paymentReference = paymentReference
    const at = text.indexOf(paymentReference)
    if (at >= 0) refSpans.push({ index: at, length: paymentReference.length })
  }
  for (const d of findDates(text, context.today)) refSpans.push({ index: d.index, length: d.raw.length })
  // Any document identifier (letters and digits joined by "-" or "/": "SO88213/B", "A-2026-0314",
  // "2026/INV/00972") is a reference: none of its digits is money or a price.
  // Digits joined by "-" or "/" with a group of three or more ("2026/0403", "4471-22") number a
  // document too; dates were taken above.
  const identifiers = [...text.matchAll(IDENTIFIER), ...text.matchAll(DIGIT_IDENTIFIER)]
    // "$110/hr", "262/milheiro": a rate (a figure per a unit word), not a document number.
    .filter((m) => !RATE.test(m[0]) && !/[$€£¥]\s?$/.test(text.slice(0, m.index)))
    .map((m) => ({
      index: m.index,
      length: m[0].length,
    }))
  refSpans.push(...identifiers)

  const amounts = withGlossedRoles(text, glossed, findAmounts(text, refSpans))
  // A lone integer read as money ("paid 30119") may still be an invoice number: the ledger decides.
  // A figure grouped in thousands ("150 000") is never an invoice number, nor two; nor one said with
  // a currency's name or sign that several currencies share ("360 pesos": no code, still money).
  const moneyLike = amounts.filter(
    (a) =>
      a.currency ||
      /[.,]\d{1,3}$/.test(a.raw) ||
      /\d[\s'’]\d{3}\b/.test(a.raw) ||
      /[^\d\s.,'’]/u.test(a.raw) ||
      a.role !== 'amount',
  )
  const bare = bareInvoiceNumbers(text, [
    ...refSpans,
    ...moneyLike.map((a) => ({ index: a.index, length: a.raw.length })),
  ])
  const invoices = invoiceMentions(text, bare)
  facts.invoiceRefs = invoices.refs.filter((r) => r.kind !== 'bare').map((r) => r.normalized)
  const candidates = invoices.refs.filter((r) => r.kind === 'bare').map((r) => r.normalized)
  if (candidates.length) facts.invoiceCandidates = candidates
  if (invoices.related) facts.relatedInvoiceRef = invoices.related.normalized

  const goodwill = context.speaker === 'customer' ? undefined : goodwillAmount(text, amounts)
  if (goodwill) facts.goodwillAmount = goodwill.value
  // A figure quoted from a pasted thread is context unless the specialist's own words point to it.
  const { own, pasted } = splitPasted(text)
  // "billed it on 2207/KTB … he paid 2207 already": a bare figure typed elsewhere in the message as part
  // of a reference is that invoice, not money.
  const typedAsReference = (digits: string) =>
    new RegExp(String.raw`(?<![\d.,])${digits}(?=[/-][A-Za-z0-9])|[A-Za-z][-/]?${digits}(?![\d.,])`).test(text)
  const amount = disputedFigure(
    text,
    amounts.filter((a) => a !== goodwill && !(!a.currency && /^\d{3,}$/.test(a.raw) && typedAsReference(a.raw))),
    { pasted, quoted: context.speaker === 'customer', pointed: pasted.length > 0 && ownWordsPointToPasted(own) },
  )
  // A price in the older messages of a pasted thread ("-----Original Message-----") is context where the
  // newest message says figures of its own.
  const ownFigures = amounts.some((a) => !insideAny(pasted, a.index))
  const priceOf = (role: AmountMention['role']) =>
    amounts.find((a) => a.role === role && !(ownFigures && insideAny(pasted, a.index)))
  const unitPrice = priceOf('unit_price')
  // "$120 x 3 is US$360", "$6 x 9 = $54 plus GST": a figure worked out against a count into the figure said
  // after it, with no word that it is the price it should be, is a figure per unit of the claim's working (a
  // difference of prices as often as a price): no price expected of its own.
  const worked = unitPrice && !saidAsExpected(text, unitPrice) && workedIntoAmount(text, unitPrice)
  if (unitPrice && !worked) facts.expectedUnitPrice = unitPrice.value
  const billedPrice = priceOf('billed_unit_price')
  if (billedPrice) facts.billedUnitPrice = billedPrice.value
  // Beside the price agreed, a figure said as "the unit price" in any language ("unit price 45 on
  // the invoice, agreed price 41") is the price billed, not the amount in dispute.
  const billedAsPrice =
    unitPrice &&
    !billedPrice &&
    amount &&
    amount.value !== unitPrice.value &&
    RATE_JUST_BEFORE.test(glossToEnglish(text.slice(Math.max(0, amount.index - 30), amount.index)))
  if (billedAsPrice) facts.billedUnitPrice = amount.value
  // Beside a unit price, a bare figure with no word of money around it is another price (the one
  // withdrawn: "they first wrote 4,10, now 4,30 per bag"), not the amount in dispute.
  const besidePrice = (unitPrice || billedPrice) && amount && !saidAsMoney(text, amount)
  // "approx 14.2k with the tax, by their sums": a figure said as a rough one is no amount to credit;
  // the evidence sizes the claim (a wrong figure is worse than one worked out).
  const rough = amount && saidRoughly(text, amount.index, amount.raw.length)
  if (amount && !saidNetOfTax(text, amount) && !besidePrice && !billedAsPrice && !rough)
    facts.amount = {
      value: amount.value,
      raw: amount.raw,
      ...(amount.currency ? { currency: amount.currency } : {}),
      ...(PAID_JUST_BEFORE.test(glossToEnglish(text.slice(Math.max(0, amount.index - 30), amount.index)))
        ? { paid: true }
        : {}),
    }

  // Invoice, PO, price and date figures are not quantities: hide them before counting units.
  // Invoice refs are hidden with the words that introduced them ("invoice #3310" → "it").
  const refSpan = (r: InvoiceRef) => {
    const start = r.kind === 'bare' ? -1 : text.lastIndexOf(r.raw, r.index)
    const from = start >= 0 && start + r.raw.length >= r.index + r.length ? start : r.index
    return { index: from, length: r.index + r.length - from, with: 'it' }
  }
  // A lone number said as the count compared ("164 hrs that month not 172", "38 out of 40", "went down to
  // 180") is a count,
  // whatever invoice it might also name.
  // So is one said in hours ("912 standard hours").
  const comparedCount = (r: InvoiceRef) =>
    r.kind === 'bare' &&
    (/(?:\bnot|\binstead of|\brather than|\bout of|\bof the|\b(?:down|reduced|cut|dropped) to)\s+$/i.test(
      text.slice(0, r.index),
    ) ||
      /^\s*(?:[a-z]+\s+)?(?:hours?|hrs?)\b/i.test(text.slice(r.index + r.length)))
  const hidden = [
    ...[...invoices.refs.filter((r) => !comparedCount(r)), ...(invoices.related ? [invoices.related] : [])].map(
      refSpan,
    ),
    // A figure with cents ("64.00 billed") is money, never a count of units.
    ...amounts
      .filter((a) => a.role !== 'amount' || a.currency || /[.,]\d{2}$/.test(a.raw))
      .map((a) => ({ index: a.index, length: a.raw.length, with: 'price' })),
  ]
  // No digit of a document number is a count ("FT 2026/0404 is short" is not 404 short).
  for (const id of identifiers)
    if (!hidden.some((h) => id.index < h.index + h.length && h.index < id.index + id.length))
      hidden.push({ ...id, with: 'it' })
  let masked = text
  for (const h of hidden.sort((a, b) => b.index - a.index)) {
    masked = `${masked.slice(0, h.index)}${h.with}${masked.slice(h.index + h.length)}`
  }
  masked = (po ? [po] : [])
    .reduce((t, raw) => t.split(raw).join('it'), masked)
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, 'then')
  const q = findQuantities(
    masked,
    amounts.filter((a) => a.currency || /[.,]\d{2}$/.test(a.raw)).map((a) => Number(a.value)),
  )
  if (q.quantityReceived !== undefined) facts.quantityReceived = q.quantityReceived
  if (q.quantityAffected !== undefined) facts.quantityAffected = q.quantityAffected
  if (q.quantityBilled !== undefined) facts.quantityBilled = q.quantityBilled
  if (q.productWords) facts.productWords = q.productWords
  // "16 horas … unas 10 horas en total": a count received and a count billed both said in hours are
  // hours counted against hours, whichever rule read them.
  const inHours = (n: number) => saidInHours(glossed, n)
  if (
    q.hours ||
    (q.quantityReceived !== undefined &&
      q.quantityBilled !== undefined &&
      inHours(q.quantityReceived) &&
      inHours(q.quantityBilled))
  )
    facts.hoursCounted = true
  // "got 2 meters, not 3 – USD 410 per meter": beside counts compared, a price said with no word that
  // it should be otherwise is the price billed, context for the count, not a price in dispute.
  if (
    q.quantityReceived !== undefined &&
    q.quantityBilled !== undefined &&
    unitPrice &&
    !billedPrice &&
    !saidAsExpected(text, unitPrice)
  )
    delete facts.expectedUnitPrice
  // "the labour hours should be 6, not 9": a figure read as a count of hours is not also a price.
  if (
    facts.expectedUnitPrice !== undefined &&
    q.quantityReceived !== undefined &&
    unitPrice &&
    !unitPrice.currency &&
    /^\d+$/.test(unitPrice.raw) &&
    Number(unitPrice.raw) === q.quantityReceived
  )
    delete facts.expectedUnitPrice
  // A bare whole number beside counts of goods is a count too ("disputing 24 - only 20 arrived"): with
  // no currency, decimals or money word it is not money, and a wrong disputed amount costs more than
  // deriving it from the evidence.
  const counted = [facts.quantityReceived, facts.quantityAffected, facts.quantityBilled].some((n) => n !== undefined)
  // "18,800 stems, not 20k": a scaled figure without a currency is the same kind of count.
  const raw = facts.amount?.raw ?? ''
  const wholeCount =
    /^\d+$/.test(raw) ||
    (/^\d+(?:[.,]\d+)?\s?(?:k|thousand)$/i.test(raw) && !MONEY_AFTER.test(text.slice(text.indexOf(raw) + raw.length)))
  if (counted && facts.amount && !facts.amount.currency && wholeCount) {
    const n = Number(facts.amount.value)
    // The same figure the counts were read from is not a second count.
    const counts = [facts.quantityReceived, facts.quantityAffected]
    if (
      facts.quantityBilled === undefined &&
      facts.quantityReceived !== undefined &&
      Number.isInteger(n) &&
      !counts.includes(n)
    )
      facts.quantityBilled = n
    delete facts.amount
  }

  const deadline = findDeadline(text, context.today)
  if (deadline) facts.deadline = deadline
  // "la pagamos el 3 de marzo", "maksettiin 4.5.": a payment said in another language is read from the gloss.
  const paymentDate = findPaymentDate(text, context.today) ?? findPaymentDate(glossed, context.today)
  if (paymentDate) facts.paymentDate = paymentDate
  const invoiceDate = findInvoiceDate(text, context.today)
  if (invoiceDate) facts.invoiceDate = invoiceDate
  // "a fatura de outubro": a month named in another language is read from the gloss.
  const invoicePeriod = findInvoicePeriod(text, context.today) ?? findInvoicePeriod(glossed, context.today)
  if (invoicePeriod) facts.invoicePeriod = { from: invoicePeriod.from, to: invoicePeriod.to }
  const feeType = findFeeType(text)
  if (feeType) facts.feeType = feeType
  const erp = findErp(text)
  if (erp) facts.erp = erp
  const teams = findTeams(text)
  if (teams.length) facts.teams = teams

  const customer = context.customers?.length ? matchCustomer(text, context.customers) : null
  if (customer && customer.score >= CUSTOMER_MIN_SCORE) {
    facts.customerId = customer.id
    facts.customerText = customer.matched
  }

  // "Dan Kassawa encore …": the customer's name, as the message writes it, says nothing of the claim
  // (glossed, "Dan" would be the Czech "daň", a tax).
  const named = facts.customerText?.trim()
  const unnamed = named && named.length >= 3 ? text.replace(new RegExp(escapeRegExp(named), 'giu'), ' ') : text
  const reason = reasonOf(unnamed)
  // The date of a payment short of the invoice is when the deduction was taken, no claim of having paid.
  const shortPaid = SHORT_PAID.test(text)
  // "7701 and 7712 both bill 12 seats at 40": a price billed, said of two invoices the words call a
  // double billing, is what each bills, not a price claim.
  const invoicesSaid = new Set([...facts.invoiceRefs, ...(facts.invoiceCandidates ?? [])]).size
  const billedOnBoth = reason.code === 'duplicate_billing' && invoicesSaid >= 2 && facts.expectedUnitPrice === undefined
  const fromFacts = (strength?: 'strong') => {
    const r = reasonFromFacts(facts, strength)
    if (r?.fact === 'billedUnitPrice' && billedOnBoth) return undefined
    return r?.code === 'already_paid' && shortPaid ? undefined : r
  }
  const strong = fromFacts('strong')
  const modelOnly = reason.code && !reason.matchedPattern
  // A model-only guess on a short aside ("actually it's 45 units") must not overwrite a stated reason.
  // Both prices said, and no count: the message compares prices, whatever words surround it.
  // The count billed may be said with them ("charges 7.90 x 40 bags"): it multiplies, it is not in dispute.
  const comparesPrices =
    facts.expectedUnitPrice !== undefined &&
    facts.billedUnitPrice !== undefined &&
    facts.quantityReceived === undefined &&
    facts.quantityAffected === undefined
  // Such a comparison is a price dispute (DOMAIN.md) even where a phrase reads as terms, a count or
  // an unknown charge ("38 an hour on the rate card, they billed 42").
  // A late fee guessed from "late" of something else ("the late paddock") is no reading against them either.
  const priceOverReading =
    comparesPrices &&
    strong?.code === 'pricing_error' &&
    reason.code !== null &&
    (PRICE_OVERRULES.has(reason.code) ||
      // The model's guess from the words around the prices ("can you look into it?") is no reading against them.
      !reason.matchedPattern ||
      (reason.code === 'late_fee' && !FEE_WORDS.test(glossToEnglish(text))))
  // Likewise a count said against the count billed ("9 hours, the invoice charges 12", "2 sessions,
  // not 3") is about units, whatever the model makes of the words around it; the invoice's line
  // later decides goods or service (locate-claim.ts).
  // A price billed said with them ("24 m3 @ 6.50") multiplies the counts; it compares nothing.
  const comparesCounts =
    (facts.quantityReceived !== undefined || facts.quantityAffected !== undefined) &&
    facts.quantityBilled !== undefined &&
    facts.expectedUnitPrice === undefined
  const counts = comparesCounts ? reasonFromFacts(facts) : undefined
  if (
    strong &&
    strong.code !== reason.code &&
    ((modelOnly && reason.confidence < MODEL_OUTRANKED_BELOW) || priceOverReading)
  ) {
    facts.reason = {
      code: strong.code,
      confidence: 0.7,
      evidence: strong.fact,
      source: 'facts',
      // What the words read, kept where it is near the bar a reading of theirs needs, for when the
      // ledger shows the facts were no claim (locate-claim.ts).
      ...(reason.code && reason.confidence >= WORDS_KEPT_AT ? { words: reason.code } : {}),
    }
  } else if (counts && modelOnly && reason.code !== counts.code && COUNT_OVERRULES.has(reason.code!)) {
    facts.reason = { code: counts.code, confidence: 0.7, evidence: counts.fact, source: 'facts' }
  } else if (reason.code && (reason.matchedPattern || reason.confidence >= REASON_MIN_CONFIDENCE)) {
    facts.reason = {
      code: reason.code,
      confidence: reason.confidence,
      evidence: reason.evidence,
      source: reason.matchedPattern ? 'pattern' : 'model',
    }
  } else {
    // No confident reason: the facts stated may imply one ("should be 40 not 49" is about price);
    // else the model trained on later phrasings too, when it is sure (classify-reason.ts).
    const implied = fromFacts()
    const later = implied ? undefined : reasonOf(unnamed, laterReasonModel())
    // "of the 24 kettles, 4 came with the lids not closing": a count affected of the count billed, with no
    // count received, is said alike of units short and of units damaged; it does not choose between
    // the two, the words do, where they lean to damage.
    const affectedOnly =
      implied?.code === 'quantity_discrepancy' &&
      facts.quantityReceived === undefined &&
      facts.quantityAffected !== undefined &&
      reason.code === 'damaged_goods'
    if (affectedOnly)
      facts.reason = {
        code: 'damaged_goods',
        confidence: reason.confidence,
        evidence: reason.evidence,
        source: 'model',
      }
    else if (implied) facts.reason = { code: implied.code, confidence: 0.7, evidence: implied.fact, source: 'facts' }
    else if (later?.code && (later.matchedPattern || later.confidence >= LATER_READING_AT))
      facts.reason = { code: later.code, confidence: later.confidence, evidence: later.evidence, source: 'model' }
  }
  // "we deducted 1,200 and settled the balance", "remittance: paid 9,400 less 600": in a payment short
  // of the invoice, "paid" is how the deduction was taken, not the claim. The words' next reading
  // stands where they have one, else what the facts imply, else none (the reason is asked). Not where
  // the message gives no figure at all: the ledger's payment is then what sizes the deduction.
  const figured = facts.amount || facts.quantityReceived !== undefined || facts.quantityAffected !== undefined
  if (shortPaid && figured && facts.reason?.code === 'already_paid') {
    const next = reason.alternatives.find((a) => a.code !== 'already_paid' && a.confidence >= SHORT_PAID_NEXT)
    const implied = fromFacts()
    if (next)
      facts.reason = { code: next.code, confidence: next.confidence, evidence: 'short payment', source: 'model' }
    else if (implied) facts.reason = { code: implied.code, confidence: 0.7, evidence: implied.fact, source: 'facts' }
    else delete facts.reason
  }
  // "4471 repeats 4460, and they already paid 4460": a payment of the invoice another is said to
  // repeat is why the repeat is not owed; the claim is the double billing.
  if (
    facts.reason?.code === 'already_paid' &&
    facts.relatedInvoiceRef &&
    reason.alternatives.some((a) => a.code === 'duplicate_billing' && a.confidence >= 0.2)
  )
    facts.reason = { ...facts.reason, code: 'duplicate_billing' }
  // "billed 20 t of crushed granite, the weighbridge says 17": what arrived against what was
  // billed, with no count said damaged but the one billed, is a shortfall; a damage word there names the
  // product.
  if (
    facts.reason?.code === 'damaged_goods' &&
    facts.reason.source === 'pattern' &&
    facts.quantityReceived !== undefined &&
    facts.quantityBilled !== undefined &&
    facts.quantityReceived < facts.quantityBilled &&
    (facts.quantityAffected === undefined || facts.quantityAffected === facts.quantityBilled)
  ) {
    facts.reason = { code: 'quantity_discrepancy', confidence: 0.7, evidence: 'quantityReceived', source: 'facts' }
    delete facts.quantityAffected
  }
  // "5 drums of the acid arrived leaking": in a damage claim the one count given is the count affected.
  if (facts.reason?.code === 'damaged_goods') loneCountAffected(facts, text)
  // "all 10 came, but 3 of them were cracked": the units that came are the setting of a damage
  // claim, not a shortfall; the count affected is the claim.
  // "15 of the 50 delivered were overripe": one figure read both as what came and as what was
  // damaged is, in a damage claim, the count damaged.
  if (
    facts.reason?.code === 'damaged_goods' &&
    facts.quantityAffected !== undefined &&
    facts.quantityReceived !== undefined &&
    (facts.quantityBilled === undefined || facts.quantityReceived === facts.quantityAffected)
  )
    delete facts.quantityReceived
  return { facts, reason }
}

/** Where no count was read, the one count a message gives ("5 drums of the acid arrived leaking",
 *  "4 boxes" as a reply) is the count affected: for a claim whose reason says units were affected. */
export function loneCountAffected(facts: StatedFacts, text: string): void {
  if (
    facts.quantityAffected !== undefined ||
    facts.quantityReceived !== undefined ||
    facts.quantityBilled !== undefined
  )
    return
  const lone = loneCount(text)
  if (!lone || lone.count <= 0) return
  facts.quantityAffected = lone.count
  if (lone.productWords && !facts.productWords) facts.productWords = lone.productWords
}

/** Whether the facts carry anything about a dispute (not just chit-chat). */
export function hasDisputeFacts(f: StatedFacts): boolean {
  return Boolean(
    f.invoiceRefs.length ||
      f.relatedInvoiceRef ||
      f.reason ||
      f.amount ||
      f.quantityReceived !== undefined ||
      f.quantityAffected !== undefined ||
      f.expectedUnitPrice ||
      f.customerId ||
      f.deadline ||
      f.paymentDate ||
      f.erp ||
      f.poNumber ||
      f.teams?.length,
  )
}

/** "150 x 4 is 600", "35 × 5 = 175": a figure, times a count, equal to the money figure said after it. */
function workedIntoAmount(text: string, a: AmountMention): boolean {
  const m =
    /^\s*(?:[x×*]|times)\s*(\d{1,4})\b\s*(?:=|is|are|makes|comes to)\s*(?:[A-Z]{0,3}\p{Sc}|\p{Sc})?\s*(\d[\d,]*(?:\.\d{1,2})?)/u.exec(
      text.slice(a.index + a.raw.length),
    )
  return m !== null && decimalTimes(a.value, m[1]!) === normalizeNumber(m[2]!)
}
