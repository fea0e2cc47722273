/**
 * Which invoice, which customer and which lines a message is about, read against the ledger: every
 * number, description, correction and choice in the message becomes candidates that the core scores
 * with the rest of the claim (src/core/ground-claim.ts). One clear reading is taken; otherwise the
 * specialist is asked, with the options named. The invoice's own lines then settle a reason the text
 * leaves open (goods or service, a late fee for "interest").
 */
import {
  affectedInBilledMeasure,
  countsAgainstLines,
  feeAgainstFees,
  heldBack,
  lineAtPriceSaid,
  linesPricedInPairs,
  pricesAgainstLines,
  productNumbersSaid,
  saidMoney,
  saysShortPaid,
} from './figures-against-lines.ts'
import { corroborates } from './invoice-corroboration.ts'
import { shape as referenceShape } from './ledger-references.ts'
import { classifyReason, reasonPattern } from './nlu/classify-reason.ts'
import { fold } from './nlu/fold.ts'
import { glossToEnglish } from './nlu/gloss.ts'
import { findDates, monthNames, numericDateReadings, weekdayNumber } from './nlu/dates.ts'
import { countsAsDigits, suffixZeros, ungrouped } from './nlu/numbers.ts'
import { findQuantities, saysDamage } from './nlu/quantities.ts'
import { feeLines, isWholeTax, matchSku } from '../../core/claim-scope.ts'
import { billedJustAbove, containersOf, countInLineUnits } from '../../core/line-units.ts'
import { lineFigures, linesBillingUnits, unitsComeTo, unitsComingTo } from '../../core/invoice-math.ts'
import {
  decimal,
  decimalSub,
  decimalToString,
  isZeroAmount,
  minorDigits,
  parseMoney,
  toDecimal,
} from '../../core/money.ts'
import {
  type AgreedPrice,
  type GroundingClues,
  billedWithin,
  billsTheSame,
  chargeEqualTo,
  groundPayment,
  isRate,
  numberMatch,
  readFigureAgainstInvoice,
  reasonFromTheInvoice,
} from '../../core/ground-claim.ts'
import { groundDescription } from '../../core/described-invoice.ts'
import { addDays, daysBetween, weekday } from '../../core/dates.ts'
import { escapeRegExp } from '../../core/escape-regexp.ts'
import type { Fee, InvoiceLine, ReasonCode, ServiceLog } from '../../core/ledger.ts'
import { customersToMatch } from '../../services/customers-to-match.ts'
import { groundInvoiceReference, type RankedInvoice } from '../../services/ground-claim.ts'
import type { InvoiceRecord } from '../../services/ports.ts'
import { readAll } from '../../services/read-all.ts'
import type { Services } from '../../services/services.ts'
import type { ToolContext } from '../../../tools/index.ts'
import type { Question, QuestionTopic } from './chat-types.ts'
import { type ConversationState, figure } from './conversation-state.ts'
import { type CustomerMatch, matchCustomersInText } from './nlu/customer-match.ts'
import {
  billedCounts,
  describeMessage,
  findInvoiceAmount,
  findInvoicePick,
  type InvoiceClues,
  readInvoiceClues,
} from './nlu/invoice-clues.ts'
import { type AmountMention, findAmounts, saidNetOfTax, saidWithTax } from './nlu/amounts.ts'
import { withoutSettledRows } from './nlu/claim-column.ts'
import { insideAny, quotedHistory, tableRows } from './nlu/pasted-text.ts'
import { findInvoiceRefs, type InvoiceRef, isOriginal, ORDER_WORDS_BEFORE } from './nlu/invoice-refs.ts'
import { COUNT_OVERRULES, INTEREST, PAID_AS_CONTEXT, REASON_MIN_CONFIDENCE } from './nlu/facts.ts'
import { findFeeType } from './nlu/mentions.ts'
import { clausesMatching, clausesOf, IN_ORDER, leavesInvoiceOpen, withoutClauses } from './nlu/stance.ts'
import type { StatedFacts, Understanding } from './understanding.ts'

export interface Located {
  number?: string
  /** The lone number that turned out to be the invoice ("they paid 30119"). */
  fromCandidate?: string
  /** The other invoice of several named ("cancel the second one": the first). */
  related?: string
  reply?: string
  question?: Question
  /** The invoices offered to choose from (kept so a later turn can pick among them). */
  offered?: string[]
}

export interface LocatorDeps {
  services: Services
  ask: (topic: QuestionTopic, override?: { text?: string; quickReplies?: string[] }) => Question
}

/** Facts another reader may add (an issue date or period said of the invoice). */
type DatedFacts = StatedFacts & { invoiceDate?: string; invoicePeriod?: { from: string; to: string } }

/** Currency marks several currencies write: said beside an invoice in another, they may mean its own. */
const SHARED_MARK = /^(?:\$|£|¥|￥|rs|₨|kr|fr|f|sh|shs|ksh|c\$|﷼|)$/i
/** A scale word after a figure ("2.5k", "3 lakh"): no part of the currency's mark. */
const SCALE_AFTER = /(?:k|m|mn|bn|thousand|million|billion|lakhs?|lacs?|crores?|mil)$/i
/** The quick reply we offer for an invoice: its number, issue date and total. */
export const invoiceChoice = (i: { number: string; issueDate: string; total: string; currency: string }): string =>
  `${i.number} (${i.issueDate}, ${i.total} ${i.currency})`
/** A number read only as an invoice's sequence without its padding ("148" of VF-0148/26): core/ground-claim.ts. */
const LOOSE_NUMBER = 0.7
const CHOICE = /^\s*\S+ \(\d{4}-\d{2}-\d{2}, -?\d+(?:\.\d+)? [A-Z]{3}\)\s*$/

/** A message that is one of our invoice quick replies: its total is not a disputed amount. */
export function isInvoiceChoice(message: string): boolean {
  return CHOICE.test(message)
}

const canonical = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '')

const MONTH_WORDS =
  /\b(jan(?:uary)?|feb(?:ruary)?|March|april|June?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|May)\b/gi
const MONTH_INDEX = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** The months a message names (1-12); "may" and "march" count only capitalised, as verbs they are not months. */
function monthsIn(typed: string): number[] {
  const out = new Set<number>()
  // Months named in another language ("a de outubro") are read from the gloss.
  const glossed = glossToEnglish(typed)
  const message = glossed === typed ? typed : `${typed}\n${glossed}`
  for (const m of message.matchAll(MONTH_WORDS)) {
    const w = m[1] ?? ''
    if (/^(?:may|march)$/.test(w)) continue
    out.add(MONTH_INDEX.indexOf(w.slice(0, 3).toLowerCase()) + 1)
  }
  return [...out]
}

/** Invoices in the order they were issued (the number breaks a tie). */
const byIssue = (a: InvoiceRecord, b: InvoiceRecord): number =>
  a.issueDate.localeCompare(b.issueDate) || a.number.localeCompare(b.number)

/** A figure with one comma before three digits: "418,000" (thousands) or "937,250" (fils). */
const COMMA_THREE = /(?<![\d.,])(\d{1,3}),(\d{3})(?![\d]|[.,]\d)/
/** Thousands grouped by spaces, then three digits after a mark: "2 480,375". */
const SPACED_THREE = /(?<![\d.,])(\d{1,3}(?:[\s\u00a0\u202f]\d{3})+)[.,](\d{3})(?![\d])/
/** The same with a dot: "12.480" (fils, as those currencies write them, or thousands). */
const DOT_THREE = /(?<![\d.,])(\d{1,3})\.(\d{3})(?![\d]|[.,]\d)/

/**
 * Whether a text groups thousands with commas, in a currency whose fils take three digits: a figure
 * grouped twice ("2,310,000"), fils written with a dot beside a comma figure ("x 7.250 = 58,000"),
 * or a comma figure that, read as thousands and not as fils, is one of the invoice's own figures
 * ("4 x 212,000" where a line is priced 212000.000).
 */
function commasGroupThousands(text: string, invoice: InvoiceRecord): boolean {
  const commaThree = [...text.matchAll(new RegExp(COMMA_THREE.source, 'g'))]
  if (!commaThree.length) return false
  if (/\d{1,3}(?:,\d{3}){2,}(?!\d)/.test(text) || /(?<![\d.,])\d+\.\d{3}(?![\d.,])/.test(text)) return true
  const onInvoice = (v: string) => figureOnInvoice(invoice, v)
  return commaThree.some(
    (m) =>
      (onInvoice(`${m[1]}${m[2]}`) && !onInvoice(`${m[1]}.${m[2]}`)) ||
      // "3,400 colour pages": a count, which has no fils, so the comma groups.
      COUNT_AFTER.test(text.slice(m.index + m[0].length)),
  )
}

/** A charge of the invoice (its total, a line with or without its tax, a fee), a unit price, or a whole
 *  number of a line's units at that price. */
function figureOnInvoice(invoice: InvoiceRecord, v: string): boolean {
  const m = parseMoney(v, invoice.currency)
  const charge = m.ok ? chargeEqualTo(invoice, m.value) : null
  return (
    (charge !== null && !(charge.kind === 'line' && charge.part === 'tax')) ||
    (invoice.total !== undefined && sameFigure(invoice.total, v)) ||
    invoice.lines.some((l) => sameFigure(l.unitPrice, v)) ||
    unitsOfALine(invoice, v)
  )
}

/** A figure followed by things counted, in the plural ("pages", "colour pages"): never a currency, its
 *  fils or a word that joins ("937,250 pour la facture", "418,000 dinars"). */
const COUNT_AFTER =
  /^\s+(?!(?:pour|para|por|for|of|de|du|des|la|le|les|el|los|las|en|in|on|to|and|et|y|with|avec|con|as|is|was|are)\b)(?:\p{L}+\s+){0,3}?(?!(?:dinars?|dirhams?|rials?|riyals?|fils|millimes?|baisas?|euros?|dollars?|francs?|pounds?|shillings?|dinaras?)\b)\p{L}{3,}s\b/iu

/** Whether a figure is a whole number of one line's units at its price ("3 drums, 540,000" at 180000.000). */
function unitsOfALine(invoice: InvoiceRecord, value: string): boolean {
  const said = parseMoney(value, invoice.currency)
  if (!said.ok || said.value.minor <= 0n) return false
  return invoice.lines.some((l) => {
    const price = parseMoney(l.unitPrice, invoice.currency)
    if (!price.ok || price.value.minor <= 0n || said.value.minor % price.value.minor !== 0n) return false
    const units = said.value.minor / price.value.minor
    return units >= 1n && units <= BigInt(Math.ceil(l.quantity))
  })
}

/** Two decimals equal whatever their grouping or trailing zeros ("770", "770.00"). */
const sameFigure = (a: string, b: string): boolean => figure(a) === figure(b)

export function createLocator(deps: LocatorDeps) {
  const { services, ask } = deps
  const ledger = services.store.ledger

  const options = (ranked: readonly RankedInvoice[]): string[] => ranked.slice(0, 4).map(invoiceChoice)
  const listed = (ranked: readonly RankedInvoice[]): string =>
    ranked
      .slice(0, 4)
      .map((r) => `- ${r.number}: ${r.customerName}, issued ${r.issueDate}, total ${r.total} ${r.currency}`)
      .join('\n')

  function askAmong(ranked: readonly RankedInvoice[], lead: string): Located {
    return {
      offered: ranked.slice(0, 4).map((r) => r.number),
      reply: `${lead}\n\n${listed(ranked)}`,
      question: ask('invoice', {
        text: ranked.length === 1 ? `Is it ${ranked[0]!.number}?` : 'Which invoice is disputed?',
        quickReplies: options(ranked),
      }),
    }
  }

  /** The refs of the message with their positions: explicit ones, then lone numbers the NLU kept. */
  function refsOf(u: Understanding, message: string): { explicit: InvoiceRef[]; bare: InvoiceRef[] } {
    const explicit = findInvoiceRefs(message).filter((r) =>
      u.facts.invoiceRefs.some((n) => canonical(n) === canonical(r.normalized)),
    )
    for (const n of u.facts.invoiceRefs) {
      if (!explicit.some((r) => canonical(r.normalized) === canonical(n))) {
        // Where the ledger found it typed ("7.318" for NF 7.318), else where it is typed whole.
        const at = u.references?.find((r) => r.invoiceNumber === n)
        const index = at?.index ?? Math.max(0, message.toUpperCase().indexOf(n))
        explicit.push({ raw: n, normalized: n, kind: 'full', index, length: at?.length ?? n.length })
      }
    }
    // A number written with leading zeros ("0004509 gloves") is an identifier, never a count.
    const padded = [...message.matchAll(/(?<![\w.,/-])0\d{3,}(?![\w.,/-]\d)/g)].map((m) => m[0])
    // The invoice that stays ("0712 is the right one") is known too: never a candidate for the disputed one.
    const kept = u.facts.relatedInvoiceRef ? [u.facts.relatedInvoiceRef] : []
    const known = new Set([...u.facts.invoiceRefs, ...kept, ...explicit.map((r) => r.normalized)].map(canonical))
    const candidates = [...new Set([...(u.facts.invoiceCandidates ?? []), ...padded])].filter(
      (n) => ![...known].some((k) => k.endsWith(canonical(n))),
    )
    const bare = candidates.map((n) => {
      const index = Math.max(0, message.indexOf(n))
      return { raw: n, normalized: n, kind: 'bare' as const, index, length: n.length }
    })
    return { explicit: explicit.sort((a, b) => a.index - b.index), bare }
  }

  async function conflict(invoice: InvoiceRecord, matched: readonly CustomerMatch[]): Promise<Located | null> {
    // A word of another customer's name that is a word of what this invoice bills ("Cocoa mass" on a
    // line; Cocoa Growers Union) names the goods, not that customer.
    const billed = new Set(invoice.lines.flatMap((l) => wordStems(fold(`${l.description} ${l.sku}`))))
    const named = matched.filter((c) => {
      const words = wordStems(fold(c.matched))
      return !words.length || !words.every((w) => billed.has(w))
    })
    if (!named.length || named.some((c) => c.id === invoice.customerId)) return null
    const owner = (await ledger.getCustomer(invoice.customerId))?.name ?? invoice.customerId
    const other = named[0]!
    return {
      reply:
        `${invoice.number} is ${owner}'s invoice, but the message names ${other.name.replace(/\.$/, '')}. ` +
        'I will not investigate until we know which is right: a credit on the wrong invoice is hard to undo.',
      question: ask('invoice', {
        text: `Is it ${invoice.number} of ${owner}, or an invoice of ${other.name}?`,
        quickReplies: [`${invoice.number} (${owner})`, other.name],
      }),
    }
  }

  /** Picks one of several named invoices by the ordinal or role said ("the second", "the later one"). */
  function pickOne(found: readonly InvoiceRecord[], clues: InvoiceClues, message = ''): InvoiceRecord | undefined {
    const pick = clues.pick
    if (!pick) return undefined
    if (pick.kind === 'ordinal') {
      // "The second one, 4417": an ordinal said before any invoice is named counts the billings in the
      // order they were issued, not the order this message goes on to name them in.
      const at = (order: readonly InvoiceRecord[]) => (pick.index < 0 ? order.at(-1) : order[pick.index])
      const issued = at([...found].sort(byIssue))
      if (ORDINAL_FIRST.test(message)) return issued
      // "5506 repeats 5502, void the second": counted as said it is 5502, as issued
      // 5506. Orders that disagree leave the ordinal saying nothing; the other rules decide or ask.
      const said = at(found)
      return said === issued ? said : undefined
    }
    if (pick.kind === 'except') {
      const named = pick.index < 0 ? found.at(-1) : found[pick.index]
      const others = found.filter((f) => f !== named)
      return named && others.length === 1 ? others[0] : undefined
    }
    const byDate = [...found].sort(byIssue)
    if (pick.kind === 'latest') return byDate.at(-1)
    if (pick.kind === 'earliest') return byDate[0]
    const inside = found.filter((i) => i.issueDate >= pick.from && i.issueDate <= pick.to)
    // "the October one" of a September bill issued in October and an October bill: a month one was
    // issued in and another served in picks neither.
    const served = found.filter(
      (i) =>
        i.servicePeriodStart !== undefined &&
        i.servicePeriodStart <= pick.to &&
        (i.servicePeriodEnd ?? i.servicePeriodStart) >= pick.from,
    )
    const one = inside.length === 1 ? inside[0] : !inside.length && served.length === 1 ? served[0] : undefined
    return one && served.every((i) => i === one) ? one : undefined
  }

  async function take(
    invoice: InvoiceRecord,
    named: readonly CustomerMatch[],
    state: ConversationState,
    extra: Partial<Located> = {},
  ): Promise<Located> {
    // The one customer an earlier turn named, where no invoice was taken yet ("Paradores say …", then
    // "yes, 31879"): an invoice of another customer is as much a clash as one named in the same turn.
    const clash = await conflict(invoice, named.length ? named : await namedEarlier(state))
    if (clash) return clash
    state.facts.customerId = invoice.customerId
    // Two invoices of one claim, one disputed and one kept, with no other reason given: billed twice.
    if (extra.related && !state.facts.reasonCode) state.facts.reasonCode = 'duplicate_billing'
    // "two identical invoices of 22 July … cancel RX-4127": billed twice, and one other invoice of the
    // customer bills the same on the same day: that is the one it repeats (the core compares the two).
    if (!extra.related && !state.facts.relatedInvoiceNumber && state.facts.reasonCode === 'duplicate_billing') {
      const twin = await twinOf(invoice)
      // "we got 2 invoices for the Q2 clean; we already paid 0846": the one said paid, where the other is not
      // named at all, is the original it repeats.
      const told = state.description.join('\n')
      if (twin && !extra.fromCandidate && !mentionsOf(twin, told).length && saidToStand(invoice, told))
        return { number: twin.number, ...extra, related: invoice.number }
      if (twin && (twin.issueDate === invoice.issueDate || bothDatesNamed(state.description, invoice, twin)))
        return { number: invoice.number, ...extra, related: twin.number }
    }
    return { number: invoice.number, ...extra }
  }

  /** The customer the conversation's earlier turns named, when they named exactly one and no invoice was taken. */
  async function namedEarlier(state: ConversationState): Promise<CustomerMatch[]> {
    if (state.facts.invoiceNumber || !state.facts.customerId || !state.description.length) return []
    const text = state.description.join('\n')
    const matches = matchCustomersInText(text, await customersToMatch(ledger, text))
    return matches.length === 1 && matches[0]!.id === state.facts.customerId ? matches : []
  }

  /** Which invoice the turn is about; remembers the invoices offered when it asks. */
  async function findInvoice(
    u: Understanding,
    state: ConversationState,
    ctx: ToolContext,
    message: string,
  ): Promise<Located> {
    const found = await locate(u, state, ctx, message)
    // "R034 already paid, the other one to cancel": the other invoice of the claim, named again as the
    // one that stands, is no new choice: the claim stays on the invoice it was about.
    const other = found.number && found.number === state.facts.relatedInvoiceNumber ? found.number : undefined
    const stands = other && state.facts.invoiceNumber ? await ledger.getInvoice(other) : null
    const located = stands && saidToStand(stands, message) ? {} : found
    if (located.offered?.length) state.offered = located.offered
    else if (located.number) state.offered = []
    // "the one for 890.00": the invoice's total described it; it is not the amount in dispute.
    const total = findInvoiceAmount(message)
    const said = u.facts.amount?.value
    if (located.number && total && said && sameFigure(said, total) && state.facts.disputedAmount === said) {
      const invoice = await ledger.getInvoice(located.number)
      if (invoice && sameFigure(invoice.total ?? invoice.computedTotal, total)) delete state.facts.disputedAmount
    }
    return located
  }

  async function locate(
    u: Understanding,
    state: ConversationState,
    ctx: ToolContext,
    message: string,
  ): Promise<Located> {
    const facts = u.facts as DatedFacts
    const { explicit, bare } = refsOf(u, message)
    const clues = readInvoiceClues(message, ctx.today, [...explicit, ...bare])
    const date = facts.invoiceDate ?? clues.date
    const period = facts.invoicePeriod ?? clues.period
    const describes = Boolean(date || period || clues.amount || clues.productWords?.length)
    const customers = await customersToMatch(ledger, message)
    // A customer's initials inside a number the ledger knows ("SHC" of ACX-SHC-008) name the invoice, not the customer.
    const named = matchCustomersInText(withoutSpans(message, u.references ?? []), customers)
    // "the second one", "the March one": a choice among the invoices offered in an earlier turn.
    if (!explicit.length && !bare.length && state.offered.length >= 2) {
      const offered = (await Promise.all(state.offered.map((n) => ledger.getInvoice(n)))).filter(
        (i): i is InvoiceRecord => i !== null,
      )
      // "the 2nd one (48)": a number said that only one of them carries decides, whatever order the
      // ordinal counts in (the specialist's own list, not the one offered).
      const chosen =
        offeredByDigits(offered, message, u.facts.relatedInvoiceRef) ?? chooseAmong(offered, message, ctx.today, clues)
      if (chosen) return take(chosen, named, state)
    }
    if (state.facts.invoiceNumber && !explicit.length && !bare.length && !describes) return {}

    // Words that are part of a named customer's name never describe the product ("… Freight Systems").
    const nameWords = new Set(named.flatMap((c) => c.name.toLowerCase().match(/\p{L}+/gu) ?? []))
    const productWords = [
      ...(clues.productWords ?? []),
      ...(clues.claimWords ?? []),
      ...(u.facts.productWords?.split(/\s+/) ?? []),
    ]
      .map((w) => w.toLowerCase())
      .filter((w) => w.length >= 3 && !nameWords.has(w))
    // A message that names no customer describes an invoice of the conversation's customer.
    const customerIds = named.length ? named.map((c) => c.id) : state.facts.customerId ? [state.facts.customerId] : []
    const base: GroundingClues = {
      ...(customerIds.length ? { customerIds } : {}),
      ...(date ? { date } : {}),
      ...(period ? { period } : {}),
      ...(clues.amount ? { amount: clues.amount } : {}),
      ...(productWords.length ? { productWords: [...new Set(productWords)] } : {}),
    }

    const withdrawn = new Set(clues.withdrawn)
    // The number as the ledger writes it ends with the part the words read ("F/26-1051" of "QT/F/26-1051").
    const isWithdrawn = (n: string) => [...withdrawn].some((w) => canonical(n).endsWith(w))
    const active = clues.corrected
      ? [clues.corrected]
      : explicit.map((r) => r.normalized).filter((n) => !isWithdrawn(n))
    const found: InvoiceRecord[] = []
    /** Where each found invoice was first named: "the second one" counts in the order they were said. */
    const saidAt = new Map<string, number>()
    let unclear: RankedInvoice[] | undefined
    let missing: string | undefined
    const paid = u.facts.paymentReference ?? state.facts.paymentReference
    // The payment's reference, or a part of it read as a number ("TRF/2025/3317" of "KBL/TRF/2025/3317").
    const isPaymentReference = (ref: string): boolean =>
      paid !== undefined && canonical(ref).length >= 4 && canonical(paid).includes(canonical(ref))
    // "their order is KP-7731, not KP-7713": a number no invoice carries, written the way the PO of the
    // invoice in hand is, is the customer's order number, not another invoice nobody can find.
    // So is one said in a claim that the invoice lacks its PO ("the packing slip shows WX-2210, our bill
    // does not"), unless it is written the way the invoice in hand is numbered.
    const shapedLikeItsPo = async (ref: string): Promise<boolean> => {
      const current = state.facts.invoiceNumber ? await ledger.getInvoice(state.facts.invoiceNumber) : null
      if (!current) return false
      if (current.poNumber) return referenceShape(current.poNumber) === referenceShape(ref)
      return u.facts.reason?.code === 'missing_po' && referenceShape(current.number) !== referenceShape(ref)
    }
    for (const ref of active) {
      // A number names the invoice on its own; the customer only corroborates a partial one.
      const g = await groundInvoiceReference(ledger, { ...base, numbers: [ref] })
      const top = g.ranked[0]
      const exact = top && (numberMatch(ref, top.number)?.score ?? 0) >= 0.95
      // The one invoice a loosely typed number may name ("no. 77" for QX-0077/26), taken when the
      // message says something else the invoice bills and nothing speaks against it.
      // A number typed in full in the invoice's own shape ("7-00419" beside 7-00407) is another number, not
      // a loose way of typing it: asked about, never replaced.
      const loose =
        g.kind === 'ambiguous' &&
        g.ranked.length === 1 &&
        top &&
        referenceShape(ref) !== referenceShape(top.number) &&
        (numberMatch(ref, top.number)?.score ?? 0) >= LOOSE_NUMBER &&
        top.against.every((a) => a.startsWith('no line matches'))
          ? await ledger.getInvoice(top.number)
          : null
      const pickedNumber =
        g.kind === 'resolved'
          ? g.best.number
          : exact
            ? top.number
            : loose && (onlySequence(g.ranked, ref) || corroborates(loose, [...state.description, message].join('\n')))
              ? loose.number
              : undefined
      // "their transfer of the 3rd, ref KLM EFT 4410": an invoice a later turn names inside the reference of the
      // payment said for the claim is what that payment was made for, evidence of the claim; the claim stays
      // on the invoice the conversation holds.
      const held = state.facts.invoiceNumber
      if (pickedNumber && held && held !== pickedNumber && isPaymentReference(ref)) continue
      // "seems it landed on 4471-B on our side": of a payment the claim says was made, the
      // invoice a later turn says it was applied to is where it went, not the invoice claimed paid.
      if (pickedNumber && held && held !== pickedNumber && state.facts.reasonCode === 'already_paid') {
        const at = explicit.find((r) => r.normalized === ref)?.index
        if (at !== undefined && APPLIED_TO_BEFORE.test(message.slice(Math.max(0, at - 40), at))) continue
      }
      if (pickedNumber) {
        const inv = await ledger.getInvoice(pickedNumber)
        if (inv && !found.some((f) => f.number === inv.number)) {
          found.push(inv)
          saidAt.set(inv.number, explicit.find((r) => r.normalized === ref)?.index ?? Number.MAX_SAFE_INTEGER)
        }
      } else if (isPaymentReference(ref)) {
        // The payment's own reference ("réf. KBL/TRF/2025/3317") need not be an invoice's: the
        // invoice is then found the other ways, from the customer and what the message describes.
      } else if (g.kind === 'ambiguous') unclear ??= g.ranked
      else if (!(await shapedLikeItsPo(ref))) missing ??= ref
    }
    // "no. 0702 (series AB-26)": a series said apart from its serial names several invoices; the one of
    // them whose serial the message says on its own is the one meant (as among invoices offered).
    const bySerial = !found.length && unclear && unclear.length > 1 ? offeredByDigits(unclear, message) : undefined
    const inv = bySerial ? await ledger.getInvoice(bySerial.number) : null
    if (inv) {
      found.push(inv)
      saidAt.set(inv.number, bare.find((b) => serialOf(inv.number) === String(Number(b.normalized)))?.index ?? -1)
      unclear = undefined
    }
    // "INV-77/0124 and 0125": a short number said beside a full one is its sibling in the same
    // series, the full number with its last digits replaced.
    // Not in a correction ("it's …0123, 0116 was fine"), where the short one is the number withdrawn.
    const siblingsSaid = found.length && u.intent !== 'correction' && !state.facts.invoiceNumber
    for (const b of siblingsSaid ? bare : []) {
      const digits = b.normalized.replace(/\D/g, '')
      if (digits.length < 2 || digits !== b.normalized || withdrawn.has(canonical(b.normalized))) continue
      for (const f of [...found]) {
        if (!/\d$/.test(f.number) || f.number.endsWith(digits)) continue
        const sibling = await ledger.getInvoice(`${f.number.slice(0, -digits.length)}${digits}`)
        if (sibling && sibling.customerId === f.customerId && !found.some((x) => x.number === sibling.number)) {
          found.push(sibling)
          saidAt.set(sibling.number, message.indexOf(b.normalized))
        }
      }
    }
    let fromCandidate: string | undefined
    if (!found.length && !unclear && (!state.facts.invoiceNumber || active.length || u.intent === 'correction')) {
      // Lone numbers ("the late charge on 40019") count only when they name an invoice by all their digits.
      for (const b of bare) {
        if (withdrawn.has(canonical(b.normalized))) continue
        const g = await groundInvoiceReference(ledger, { ...base, numbers: [b.normalized] })
        const top = g.ranked[0]
        const score = top ? (numberMatch(b.normalized, top.number)?.score ?? 0) : 0
        // "the $40 pallet charge on 031": the one invoice a short number may name, taken when the
        // message says something else it bills, as a loosely typed number is.
        const loose =
          g.kind === 'ambiguous' && g.ranked.length === 1 && top && score >= LOOSE_NUMBER
            ? await ledger.getInvoice(top.number)
            : null
        // "la 418", "na 512": a number after the article of the word for the invoice left unsaid.
        const articled = ARTICLE_BEFORE.test(message.slice(Math.max(0, b.index - 10), b.index))
        const number =
          g.kind === 'resolved'
            ? g.best.number
            : score >= 0.95
              ? top?.number
              : loose &&
                  ((articled && onlySequence(g.ranked, b.normalized)) ||
                    corroborates(loose, [...state.description, message].join('\n')))
                ? loose.number
                : undefined
        const inv = number ? await ledger.getInvoice(number) : null
        if (inv && !found.some((f) => f.number === inv.number)) {
          found.push(inv)
          saidAt.set(inv.number, message.indexOf(b.normalized))
          fromCandidate ??= b.normalized
        }
      }
    }
    // A number that named an invoice (or was withdrawn as one) is not money: "disputes 718233".
    // The invoice another is said to repeat ("4471 is a double-up of 4460") is named too.
    const namedInvoices = new Set(
      [...found.map((f) => f.number), ...(u.facts.relatedInvoiceRef ? [u.facts.relatedInvoiceRef] : [])].map(canonical),
    )
    const numbers = [
      ...explicit.map((r) => canonical(r.normalized)),
      ...clues.withdrawn,
      ...bare.map((b) => canonical(b.normalized)).filter((b) => [...namedInvoices].some((n) => n.endsWith(b))),
    ]
    const amount = u.facts.amount
    // "they paid 3001, cancel 3009", "he paid 2207 already" (of 2207/KTB): a bare figure that is how one of
    // the invoices named ends, or its serial, is that invoice; so is the serial of an invoice the
    // conversation is already about ("they'll pay 3968 when it falls due", a turn later).
    const serials = [
      ...found.map((f) => f.number),
      ...[state.facts.invoiceNumber, state.facts.relatedInvoiceNumber].filter((n): n is string => Boolean(n)),
    ].map(serialOf)
    const endsANamed =
      !!amount?.raw &&
      !amount.currency &&
      /^\d{3,}$/.test(amount.raw) &&
      ([...namedInvoices].some((n) => n.endsWith(amount.raw!)) || serials.includes(String(Number(amount.raw))))
    if (
      amount?.raw &&
      (numbers.includes(canonical(amount.raw)) || endsANamed) &&
      state.facts.disputedAmount === amount.value
    )
      delete state.facts.disputedAmount

    // "wrong number – it's 0419; 0418 is the other job": a correction naming the invoice under
    // discussion and one other moves the claim to the other.
    const current = state.facts.invoiceNumber
    if (u.intent === 'correction' && current && found.length === 2 && found.some((f) => f.number === current)) {
      const other = found.find((f) => f.number !== current)!
      return take(other, named, state, fromCandidate ? { fromCandidate } : {})
    }
    // Invoices a pasted thread named only in its older messages ("> our reminder for SI-77/0192") are
    // its history; the newest message's own are the claim's.
    const history = quotedHistory(message)
    const newest = found.filter((f) => !insideAny(history, saidAt.get(f.number) ?? -1))
    if (history.length && newest.length && newest.length < found.length) found.splice(0, found.length, ...newest)
    if (found.length >= 2) {
      const ordered = [...found].sort((a, b) => (saidAt.get(a.number) ?? 0) - (saidAt.get(b.number) ?? 0))
      const chosen = oneOfSeveral(ordered, u, state, message, ctx.today, clues)
      if (!chosen) {
        const ranked = await Promise.all(found.map((i) => rankedOf(i)))
        const names = found.map((f) => f.number).join(' and ')
        return askAmong(
          ranked,
          EACH_OF_THEM.test(message)
            ? `The claim is made of each of ${names}. I investigate one invoice at a time: which first? The other follows in the next turn.`
            : `The message names ${names}.`,
        )
      }
      // Of the others, the one that bills the same as the chosen one is what it repeats ("we credited 0426
      // and re-invoiced, but got 0431 and 0433").
      const related = found.find((f) => f !== chosen && billsTheSame(chosen, f)) ?? found.find((f) => f !== chosen)
      return take(chosen, named, state, related ? { related: related.number } : {})
    }
    // "the same 40 crates as the May invoice KL-2205, billed twice": an earlier invoice of the customer,
    // named in a claim of double billing on the invoice in hand, is the one it repeats; the claim
    // stays on the later one.
    const held = state.facts.invoiceNumber ? await ledger.getInvoice(state.facts.invoiceNumber) : null
    const one = found.length === 1 ? found[0] : undefined
    if (
      one &&
      held &&
      one.number !== held.number &&
      u.intent !== 'correction' &&
      u.facts.reason?.code === 'duplicate_billing' &&
      one.customerId === held.customerId &&
      one.issueDate < held.issueDate
    )
      return take(held, named, state, { related: one.number })
    if (found[0]) return take(found[0], named, state, fromCandidate ? { fromCandidate } : {})
    if (unclear?.length) {
      const typed = active.join(', ')
      return askAmong(
        unclear,
        unclear.length === 1
          ? `No invoice is numbered exactly "${typed}", and the closest one does not fit the rest of the message well enough to take it:`
          : `"${typed}" could be more than one invoice:`,
      )
    }

    const customerNamed = named[0]?.id ?? state.facts.customerId
    if (!found.length && !unclear) {
      // "on PO KX-PO-118", "their purchase order 4500-778": the invoice(s) that carry the customer's PO.
      const po = [u.facts.poNumber, missing].find((p): p is string => Boolean(p))
      const onPo = po ? await invoicesOnPo(po) : []
      if (onPo.length === 1 && onPo[0]) return take(onPo[0], named, state)
      if (onPo.length > 1) {
        // The PO's invoices are read like invoices named one by one: "billed twice on PO 77" is a
        // double billing among them, "the one for 40 units" picks by what it bills.
        const chosen = oneOfSeveral([...onPo].sort(byIssue), u, state, message, ctx.today, clues)
        if (chosen) {
          const twin = onPo.length === 2 ? onPo.find((i) => i !== chosen) : undefined
          const billedTwice = (state.facts.reasonCode ?? u.facts.reason?.code) === 'duplicate_billing'
          return take(chosen, named, state, twin && billedTwice ? { related: twin.number } : {})
        }
        return askAmong(await Promise.all(onPo.map((i) => rankedOf(i))), `PO ${po} is on more than one invoice:`)
      }
      // "their last invoice": the customer's latest, by issue date.
      if (customerNamed && !state.facts.invoiceNumber && LATEST_OF_CUSTOMER.test(message)) {
        const latest = (await ledger.findInvoices({ customerId: customerNamed, limit: 1 })).items[0]
        if (latest) return take(latest, named, state)
      }
      // "on order 124", "del pedido 091": the customer's own order number said short; of the named
      // customer's invoices, the one whose PO ends in that number.
      const orders = customerNamed && !state.facts.invoiceNumber ? shortOrdersSaid(message) : []
      if (orders.length) {
        const invoices = await readAll((p) => ledger.findInvoices({ customerId: customerNamed!, ...p }))
        const onOrder = invoices.filter((i) => i.poNumber && orders.includes(lastNumberOf(i.poNumber)))
        if (onOrder.length === 1) return take(onOrder[0]!, named, state)
      }
    }
    // One customer and no invoice named: the conversation's dates, months, figures and words read
    // against that customer's invoices ("the bill we mailed them in early May for the gaskets").
    // A number that was typed and found nowhere is asked about, never replaced by a guess.
    // The customer's PO number is not an invoice number: it describes, it is not a miss.
    const notPo = (n: string) => {
      if (u.facts.poNumber && canonical(n) === canonical(u.facts.poNumber)) return false
      const at = message.toUpperCase().indexOf(n.toUpperCase())
      return at < 0 || !ORDER_BEFORE.test(message.slice(Math.max(0, at - 40), at))
    }
    // "asking about 7-00419": digits joined the way the customer's invoice numbers are, found nowhere in the
    // ledger, are a number typed that names no invoice, whatever the readers took them for.
    if (!missing && !found.length && !explicit.length && !state.facts.invoiceNumber) {
      const documents = new Set((u.references ?? []).map((r) => canonical(message.slice(r.index, r.index + r.length))))
      for (const m of message.matchAll(NUMBER_TYPED)) {
        const typed = m[0]
        if (documents.has(canonical(typed)) || !notPo(typed) || isPaymentReference(typed)) continue
        if ((await shapedAsAnInvoice(typed, customerNamed)) && !(await ledger.getInvoice(typed))) {
          missing = typed
          break
        }
      }
    }
    const typedUnknown =
      (missing !== undefined && notPo(missing)) ||
      explicit.some((r) => notPo(r.normalized) && !isPaymentReference(r.normalized)) ||
      bare.some((b) => /\d{4}/.test(b.normalized))
    // Where the conversation says the invoice is not known yet ("we lack the number of that bill so far"), words
    // alone do not pick one; a date, a month or a figure still does.
    const leftOpen = leavesInvoiceOpen([...state.description, message].join('\n'))
    const described =
      customerNamed && !state.facts.invoiceNumber && !typedUnknown && (!leftOpen || date || period || clues.amount)
        ? await describedInvoice(customerNamed, [...state.description, message].join('\n'), ctx.today)
        : undefined
    // "invoiced twice for the single boiler, once in May and again in June": the one invoice
    // a description fits and the one other of the customer's that bills the same are the pair, read
    // like two invoices named (the later is the copy unless the words say otherwise).
    const takeDescribed = async (inv: InvoiceRecord): Promise<Located> => {
      const twin =
        (state.facts.reasonCode ?? u.facts.reason?.code) === 'duplicate_billing' ? await twinOf(inv) : undefined
      const chosen = twin ? oneOfSeveral([inv, twin].sort(byIssue), u, state, message, ctx.today, clues) : undefined
      if (twin && chosen) return take(chosen, named, state, { related: (chosen === inv ? twin : inv).number })
      return take(inv, named, state)
    }
    if (described) return takeDescribed(described)
    // "KT-5512, maybe it's the hinge one?": a number of the ledger's own invoice shape, typed in full, that
    // names no invoice is asked about; the words beside it are the writer's guess, never a replacement for
    // it. A PO or other reference typed beside a description ("their PO is QL/88-310") is no such number.
    const typedMissing = missing !== undefined && notPo(missing) && (await shapedAsAnInvoice(missing, customerNamed))
    // "got the March valuation twice … same 48 310,00": with the customer known and nothing else describing an
    // invoice, the sum said may be an invoice's own total: the one invoice of that total, or the one pair
    // of it billed twice, is the one meant (several of that total describe none).
    const totalSaid = !clues.amount && !describes && !typedUnknown && !state.facts.invoiceNumber && u.facts.amount
    if (totalSaid && customerIds.length) {
      const invoices = (
        await Promise.all(customerIds.map((c) => readAll((p) => ledger.findInvoices({ customerId: c, ...p }))))
      ).flat()
      const ofTotal = invoices.filter((i) => sameFigure(i.total ?? i.computedTotal, totalSaid.value))
      const [a, b] = [...ofTotal].sort(byIssue)
      if (a && !b) return takeDescribed(a)
      const twice = (state.facts.reasonCode ?? u.facts.reason?.code) === 'duplicate_billing'
      if (a && b && ofTotal.length === 2 && twice && billsTheSame(a, b)) {
        const chosen = oneOfSeveral([a, b], u, state, message, ctx.today, clues)
        if (chosen) return take(chosen, named, state, { related: (chosen === a ? b : a).number })
      }
    }
    if (describes && !typedMissing) {
      const g = await groundInvoiceReference(ledger, base)
      if (g.kind === 'resolved') {
        const inv = await ledger.getInvoice(g.best.number)
        if (inv) return takeDescribed(inv)
      }
      // "billed twice, the one of the 4th is the duplicate": among the invoices the description fits,
      // the one pair of one customer that bills the same thing is the double billing, read like two
      // invoices named one by one.
      const reason = state.facts.reasonCode ?? u.facts.reason?.code
      if (reason === 'duplicate_billing' && g.ranked.length >= 2) {
        const fits = (await Promise.all(g.ranked.slice(0, 6).map((r) => ledger.getInvoice(r.number)))).filter(
          (i): i is InvoiceRecord => i !== null,
        )
        const pairs = fits.flatMap((a, i) =>
          fits
            .slice(i + 1)
            .filter((b) => a.customerId === b.customerId && billsTheSame(a, b))
            .map((b) => [a, b]),
        )
        if (pairs.length === 1) {
          const pair = [...pairs[0]!].sort(byIssue)
          const chosen = oneOfSeveral(pair, u, state, message, ctx.today, clues)
          const twin = pair.find((i) => i !== chosen)
          if (chosen) return take(chosen, named, state, twin ? { related: twin.number } : {})
        }
      }
      // The only invoice the description fits ("the September service bill, 1,440"), when the
      // message also names a figure it bills or a word of its lines, and nothing but a product word
      // speaks against it, is the one meant.
      // Not when the conversation says the invoice is not known yet: the one that fits is then offered.
      const only = g.ranked.length === 1 && !leftOpen ? g.ranked[0] : undefined
      if (only?.why.length && only.against.every((a) => a.startsWith('no line matches'))) {
        const inv = await ledger.getInvoice(only.number)
        if (inv && (only.why.length >= 2 || corroborates(inv, [...state.description, message].join('\n'))))
          return takeDescribed(inv)
      }
      // A later turn describing the work ("5 crew shifts … on the 3rd, 4th and 5th") in words the invoice of the
      // conversation also fits goes on with that invoice; only a description that fits another alone changes it.
      const current = state.facts.invoiceNumber
      if (current && g.ranked.some((r) => r.number === current)) return {}
      if (g.ranked.length)
        return askAmong(g.ranked, 'More than one invoice fits that description, or none fits it well:')
    }
    if (missing)
      return { reply: `I can't find an invoice "${missing}" in the ledger, so I have nothing to investigate yet.` }
    const customerId = named[0]?.id ?? state.facts.customerId
    if (state.facts.invoiceNumber || !customerId) return {}
    const open = (await ledger.findInvoices({ customerId, limit: 50 })).items.filter(
      (i) => i.status !== 'paid' && i.status !== 'void',
    )
    // The customer's one open invoice is the one meant, unless the conversation says it is not known yet or
    // asks what is needed; or unless invoices they have paid bill the same products and nothing in the claim
    // points to the open one: "you charge us too much for storage" may be about any storage invoice, paid or
    // not; a claim about paying, a contract that has ended or a month named ("the October maintenance") is
    // about the one still open.
    let alike: InvoiceRecord[] = []
    if (open.length === 1 && open[0] && !leftOpen) {
      const one = open[0]
      const reason = state.facts.reasonCode ?? u.facts.reason?.code
      const said = glossToEnglish([...state.description, message].join('\n'))
      if (
        reason === 'already_paid' ||
        reason === 'late_fee' ||
        reason === 'contract_terms' ||
        MONTH_SAID.test(said) ||
        findDates(said, ctx.today).length
      )
        return take(one, named, state)
      const skus = new Set(one.lines.map((l) => canonical(l.sku)))
      alike = (await readAll((p) => ledger.findInvoices({ customerId, ...p }))).filter(
        (i) => i.number !== one.number && i.status !== 'void' && i.lines.some((l) => skus.has(canonical(l.sku))),
      )
      if (!alike.length) return take(one, named, state)
    }
    const offered = [...open, ...alike.sort(byIssue).reverse()].slice(0, 6).map((i) => i.number)
    return { offered, question: ask('invoice', { quickReplies: offered }) }
  }

  /** Whether a typed number has the shape of the customer's invoice numbers (of any, with no customer). */
  async function shapedAsAnInvoice(typed: string, customerId: string | undefined): Promise<boolean> {
    const some = (await ledger.findInvoices({ ...(customerId ? { customerId } : {}), limit: 20 })).items
    // Its series letters may differ ("0057/26/BRX" beside "0041/26/KEN": another branch's, or a slip): the
    // digits and separators are the shape; a bare number has no separators to hold one to.
    const digitsShape = (n: string) => referenceShape(n).replace(/\p{L}+/gu, 'L')
    return some.some(
      (i) =>
        referenceShape(i.number) === referenceShape(typed) ||
        (/\p{L}/u.test(typed) && /[/.-]/.test(typed) && digitsShape(i.number) === digitsShape(typed)),
    )
  }

  /** The one other invoice of the same customer that bills the same as this one, if exactly one does. */
  async function twinOf(invoice: InvoiceRecord): Promise<InvoiceRecord | undefined> {
    const all = await readAll((p) => ledger.findInvoices({ customerId: invoice.customerId, ...p }))
    const twins = all.filter((i) => i.number !== invoice.number && i.status !== 'void' && billsTheSame(invoice, i))
    return twins.length === 1 ? twins[0] : undefined
  }

  /** The one invoice of the customer the message describes, when one clearly fits (core/described-invoice.ts). */
  async function describedInvoice(
    customerId: string,
    message: string,
    today: string,
  ): Promise<InvoiceRecord | undefined> {
    const invoices = await readAll((p) => ledger.findInvoices({ customerId, ...p }))
    if (invoices.length < 2) return undefined
    const customer = await ledger.getCustomer(customerId)
    const nameWords = new Set(
      fold(customer?.name ?? '')
        .toLowerCase()
        .match(/\p{L}[\p{L}\p{M}-]{3,}/gu) ?? [],
    )
    const g = groundDescription(invoices, describeMessage(message, today, nameWords))
    return g.kind === 'resolved' ? invoices.find((i) => i.number === g.best.number) : undefined
  }

  /**
   * The one of several invoices the claim is about, `found` in the order they were said. Two that bill
   * the same thing, named with no reason or only "paid", are a double billing. Billed twice with no
   * word on which to cancel, the later billing is the duplicate (DOMAIN.md: the others named are
   * evidence); said otherwise ("cancel the first"), the pick decides. Mutates the reason read.
   */
  function oneOfSeveral(
    found: readonly InvoiceRecord[],
    u: Understanding,
    state: ConversationState,
    message: string,
    today: string,
    clues: InvoiceClues,
  ): InvoiceRecord | undefined {
    const relatedRef = u.facts.relatedInvoiceRef ? canonical(u.facts.relatedInvoiceRef) : undefined
    const notRelated = relatedRef ? found.filter((f) => !canonical(f.number).endsWith(relatedRef)) : found
    // "A and B both charge 22.00 a box": where the ledger shows two different billings, the
    // model's "two invoices, so billed twice" is no reading of a claim made of each; the specialist
    // says which, and why. Not where the message asks to undo one of them, or keeps one ("they want
    // 7712's 310.00 removed"): that is a claim of billing twice, which the ledger then answers.
    const [a, b] = found
    if (
      EACH_OF_THEM.test(message) &&
      found.length === 2 &&
      !toBeUndone(found, message) &&
      !otherThanKept(found, message) &&
      a &&
      b &&
      !(billsTheSame(a, b) || billedWithin(a, b) || billedWithin(b, a)) &&
      u.facts.reason?.source === 'model' &&
      u.facts.reason.code === 'duplicate_billing' &&
      state.facts.reasonCode === 'duplicate_billing'
    ) {
      delete state.facts.reasonCode
      u.facts.reason = undefined
    }
    const stated = u.facts.reason?.code ?? state.facts.reasonCode
    // Two invoices named that bill the same thing: billed twice, unless a phrase said otherwise (a
    // model's guess from "only one delivery" or "we paid" gives way to what the ledger shows).
    // Both must be named by number: invoices found through their PO are not said to be two billings.
    // A price said only as what is billed ("40 hours at $30"), no other price beside it, is a guess too.
    const guessed =
      (u.facts.reason?.source === 'model' ||
        (u.facts.reason?.source === 'facts' && u.facts.reason.evidence === 'billedUnitPrice')) &&
      stated !== 'duplicate_billing' &&
      found.every((inv) => mentionsOf(inv, message).length > 0)
    const [x, y] = found
    if (
      found.length === 2 &&
      x &&
      y &&
      (!stated || stated === 'already_paid' || stated === 'other' || guessed) &&
      !PAID_TWICE.test(glossToEnglish(message)) &&
      (billsTheSame(x, y) || billedWithin(x, y) || billedWithin(y, x))
    ) {
      // The ledger shows the two bill the same: the reason is no longer a guess.
      state.facts.reasonCode = 'duplicate_billing'
      state.facts.reasonGuessed = false
      if (u.facts.reason) u.facts.reason = { ...u.facts.reason, code: 'duplicate_billing' }
    }
    const duplicate =
      (u.facts.reason?.code ?? state.facts.reasonCode) === 'duplicate_billing' && found.length === 2
        ? [...found].sort(byIssue)[1]
        : undefined
    return (
      pickOne(found, clues, message) ??
      toBeUndone(found, message) ??
      notSaidFine(found, message) ??
      // Not where the claim is that an invoice was paid: the one paid is then the claim's.
      (stated !== 'already_paid' ? otherThanKept(found, message) : undefined) ??
      namedOutsideBrackets(found, message) ??
      namedOutsideTable(found, message) ??
      namedInSubject(found, message) ??
      (notRelated.length === 1 ? notRelated[0] : undefined) ??
      duplicate ??
      askedAbout(found, message) ??
      chooseAmong(found, message, today, clues) ??
      // "… do the 733 one first": a number said on its own that is the serial of one of them.
      offeredByDigits(found, message, u.facts.relatedInvoiceRef)
    )
  }

  /** One of several invoices, by what the turn says of it: an ordinal or role ("the second", "the
   *  latest"), a month it was issued in or served, its total, or a product only it bills. Each clue
   *  said must fit; when more or none fit, there is no choice (the specialist is asked). */
  function chooseAmong(
    found: readonly InvoiceRecord[],
    message: string,
    today: string,
    clues: InvoiceClues,
  ): InvoiceRecord | undefined {
    if (found.length < 2) return undefined
    const pick = clues.pick ?? findInvoicePick(message, today)
    const picked = pick ? pickOne(found, { ...clues, pick }) : undefined
    if (picked) return picked
    let left = [...found]
    let said = false
    const months = monthsIn(message)
    if (months.length) {
      said = true
      left = left.filter((i) =>
        months.some(
          (m) =>
            Number(i.issueDate.slice(5, 7)) === m ||
            (i.servicePeriodStart &&
              Number(i.servicePeriodStart.slice(5, 7)) <= m &&
              m <= Number((i.servicePeriodEnd ?? i.servicePeriodStart).slice(5, 7))),
        ),
      )
    }
    // "the one dated 14 March": the issue date said, when one of them carries it.
    const dated = clues.date ? left.filter((i) => i.issueDate === clues.date) : []
    if (dated.length) {
      said = true
      left = dated
    }
    if (clues.amount) {
      said = true
      const amount = clues.amount
      left = left.filter((i) => sameFigure(i.total ?? i.computedTotal, amount))
    }
    // "your invoice bills 45 cartons": a count billed that only some of them bill.
    const counts = billedCounts(message)
    const countedIn = left.filter((i) => i.lines.some((l) => counts.includes(l.quantity)))
    if (countedIn.length && countedIn.length < left.length) {
      said = true
      left = countedIn
    }
    const words = [...(clues.productWords ?? []), ...(clues.claimWords ?? [])].filter((w) => w.length >= 3)
    if (words.length) {
      const billing = left.filter((i) => words.some((w) => matchSku(i.lines, w).length))
      // Product words narrow only when they tell the invoices apart.
      if (billing.length && billing.length < left.length) {
        said = true
        left = billing
      }
    }
    return said && left.length === 1 ? left[0] : undefined
  }

  async function rankedOf(i: InvoiceRecord): Promise<RankedInvoice> {
    const customerName = (await ledger.getCustomer(i.customerId))?.name ?? i.customerId
    return {
      number: i.number,
      customerId: i.customerId,
      customerName,
      issueDate: i.issueDate,
      currency: i.currency,
      total: i.total ?? i.computedTotal,
      score: 1,
      why: [],
      against: [],
    }
  }

  /** The lines the claim is about: those the product words name, else those the conversation's words
   *  name when they pick out some, not all, of the invoice's lines ("the valve price"). Words of the
   *  customer's name and words that only describe the invoice ("a clean invoice") name no line. */
  async function claimLines(state: ConversationState, typed: string): Promise<{ sku?: string; lines?: number[] }> {
    // Rows a pasted table's claim column says are not disputed name no line of the claim.
    const message = withoutSettledRows(typed)
    const description = state.description.map(withoutSettledRows)
    const number = state.facts.invoiceNumber
    const invoice = number ? await ledger.getInvoice(number) : null
    if (!invoice) return {}
    const customer = await ledger.getCustomer(invoice.customerId)
    const ignored = new Set(wordStems(customer?.name ?? ''))
    // A whole invoice billed again: words naming what it bills find the invoice, they do not make
    // the claim a part of it.
    if (state.facts.reasonCode === 'duplicate_billing') {
      // The other invoice named, else any invoice of the customer's that bills the same: the ledger
      // says whether the whole invoice was billed twice, whichever words the message used for it.
      const related = state.facts.relatedInvoiceNumber
      // Only an invoice on the same purchase order can bill the same (billsTheSame): read those.
      const others = related
        ? [await ledger.getInvoice(related)]
        : (
            await ledger.findInvoices({
              customerId: invoice.customerId,
              ...(invoice.poNumber ? { poNumber: invoice.poNumber } : {}),
              limit: 200,
            })
          ).items
      if (others.some((o) => o && o.number !== invoice.number && billsTheSame(invoice, o))) return {}
      // The invoice said to repeat it comes to the same total: the claim is the whole invoice, even
      // where the ledger shows different work on the two (the check then says so).
      const twin = related ? others[0] : undefined
      if (twin?.total && invoice.total && sameFigure(twin.total, invoice.total)) return {}
    }
    // A purchase order is missing from the document, not from one of its lines: every line
    // ("our booking system rejects it" names no line of systems).
    if (state.facts.reasonCode === 'missing_po') return {}
    // "the bill shows the tax, 26.40": a tax said at what the whole invoice carries is about every
    // line, whatever word names the invoice ("the rental invoice").
    const stated = state.facts.disputedAmount
    if (state.facts.reasonCode === 'tax_error' && invoice.lines.length > 1 && isWholeTax(stated, invoice)) return {}
    // "never happened … they still got the invoice for it (1,580.00)": units not owed, disputed at the
    // invoice's whole total, are every line's, whatever word named what it bills; each line's own
    // evidence then decides how much of it is owed.
    const total = invoice.total ?? invoice.computedTotal
    if (
      stated &&
      total &&
      invoice.lines.length > 1 &&
      state.facts.reasonCode &&
      UNIT_REASONS.has(state.facts.reasonCode) &&
      sameFigure(stated, total)
    )
      return {}
    // "the contract ended in June when the site closed, but the July invoice came anyway": a period billed
    // outside the contract is outside it on every line, and a word of the message that a line's description
    // shares ("site", "yard") narrows nothing; only a figure said for part of the invoice does.
    if (state.facts.reasonCode === 'contract_terms' && !stated && (await periodOutsideTheContract(invoice))) return {}
    // "rent 80.00 instead of 75.00 and tea 12.40 instead of 11.90": a price claim that sets the prices
    // of several lines each against a figure of its own is about those lines, whatever words name them.
    if (state.facts.reasonCode === 'pricing_error') {
      const paired = linesPricedInPairs(message, invoice.lines, invoice.currency)
      if (paired.length > 1) return { lines: paired }
    }
    /** The whole counts the conversation says. */
    const countsSaid = (): number[] => [
      ...new Set(
        (ungrouped([...description, message].join(' ')).match(/(?<![\d.,/-])\d{1,6}(?![\d/-]|[.,]\d)/g) ?? [])
          .map(Number)
          .filter((n) => n > 0),
      ),
    ]
    /** The sets of two lines and more that one of the counts comes to on each, at their prices, equal to the sum. */
    const sumOnLines = (sum: string, counts: readonly number[]): number[][] => {
      const parsed = parseMoney(sum, invoice.currency)
      return parsed.ok
        ? counts.map((n) => linesBillingUnits(invoice, n, parsed.value)).filter((r) => r !== undefined)
        : []
    }
    const said = state.facts.sku
    const billed = state.facts.quantityBilled
    const counted = state.facts.quantityReceived ?? state.facts.quantityAffected
    /** The line bills the count said, in its own units ("44k" on a line priced per thousand). */
    const billsCount = (l: InvoiceLine) => billed !== undefined && countInLineUnits(billed, l) === l.quantity
    // "36k billed", "150 cracked": among lines, the one line that bills that count, else the one line
    // that bills as many units as the count (never 150 cracked of 3 pumps), each in its own units.
    const byTheCount = (lines: readonly InvoiceLine[]): InvoiceLine | undefined => {
      const bills = lines.filter(billsCount)
      if (bills.length === 1) return bills[0]
      const room = (bills.length ? bills : lines).filter(
        (l) =>
          counted !== undefined &&
          (state.facts.quantityReceived !== undefined
            ? countInLineUnits(counted, l) < l.quantity
            : countInLineUnits(counted, l) <= l.quantity),
      )
      return room.length === 1 ? room[0] : undefined
    }
    // Of lines a word names alike ("cans" of two oils), the one whose product code the message says ("15w40").
    const codesSaid = new Set(codesIn([...description, message].join(' ')))
    const byCode = (lines: readonly InvoiceLine[]): InvoiceLine | undefined => {
      const coded = lines.filter((l) => codesIn(`${l.sku} ${l.description ?? ''}`).some((c) => codesSaid.has(c)))
      return coded.length === 1 ? coded[0] : undefined
    }
    // Of lines the word names alike ("6 cars" on an inspection and a fire test), the one whose other
    // words the message says ("the fire service testing"), when only one has the most of them.
    const byOtherWords = (lines: readonly InvoiceLine[]): InvoiceLine | undefined => {
      // Glossed only here: claimLines runs several times a turn, this only for lines a word names alike.
      const messageWords = new Set(wordStems(glossToEnglish([...description, message].join(' '))))
      const said = lines.map((l) => ({
        l,
        n: wordStems(`${l.sku} ${l.description ?? ''}`).filter((w) => !ignored.has(w) && messageWords.has(w)).length,
      }))
      const most = Math.max(...said.map((x) => x.n))
      const top = said.filter((x) => x.n === most)
      return most > 0 && top.length === 1 ? top[0]!.l : undefined
    }
    // Of lines a word names alike ("4 scanners … got 3" on a hand scanner and a desk scanner billed 4
    // each), the one line whose units short come to the amount said ("that's 1 x GBP 14,50").
    const byUnitsShort = (lines: readonly InvoiceLine[]): InvoiceLine | undefined => {
      const short = billed !== undefined && counted !== undefined ? billed - counted : undefined
      const parsed = stated ? parseMoney(stated, invoice.currency) : undefined
      if (!short || short < 1 || !parsed?.ok) return undefined
      const fit = lines.filter((l) => unitsComeTo(l, short, parsed.value, invoice.currency))
      return fit.length === 1 ? fit[0] : undefined
    }
    if (said) {
      const kept = said
        .split(/\s+/)
        .filter((w) => !ignored.has(wordStems(w)[0] ?? w.toLowerCase()))
        .join(' ')
      // Words that name several lines ("wraps" in "Wrap application run" and "Printed wraps") are told apart by the count.
      for (const w of kept ? [kept, ...kept.split(/\s+/).filter((x) => x.length >= 3)] : []) {
        const lines = matchSku(invoice.lines, w)
        if (!lines.length) continue
        const one =
          lines.length > 1
            ? (byTheCount(lines) ?? byCode(lines) ?? byOtherWords(lines) ?? byUnitsShort(lines))
            : undefined
        if (one) return { lines: [one.line] }
        // "70 bottles came, we billed 75": a word of "Bottle rental" (40 billed) names no count of 75;
        // the one line that bills 75 does.
        const other = billed !== undefined && !lines.some(billsCount) ? invoice.lines.filter(billsCount) : []
        return other.length === 1 ? { lines: [other[0]!.line] } : { sku: w }
      }
    }
    // A disputed fee names its own lines; the core finds them. "We billed freight on 38": of the
    // lines, the one that bills the count said is the charge.
    if (state.facts.feeType && !invoice.fees?.length && billed !== undefined) {
      const named = matchSku(invoice.lines, state.facts.feeType.replace(/_/g, ' '))
      const bills = (named.length ? named : invoice.lines).filter(billsCount)
      if (bills.length === 1) return { lines: [bills[0]!.line] }
    }
    if (invoice.lines.length < 2 || state.facts.feeType) return {}
    // "they refuse to pay the crane hire, 3,150.00": an amount in dispute that is exactly
    // what one line comes to (with or without its tax) is that line, whatever words name it.
    if (stated && !WHOLE_INVOICE.test(message)) {
      const line = lineBilling(invoice, stated)
      if (line !== undefined) return { lines: [line] }
      // "so 4 x 31 = $124": a count times the price one line bills names that line, before any other
      // reading of the sum (6 units on two other lines may come to 372 too).
      // Only a working that comes to the sum claimed, with or without the line's tax ("postage (2 x 12) fine"
      // beside a claim of 500 is how another line bills).
      const claimedSum = parseMoney(stated, invoice.currency)
      const priced = [...message.matchAll(COUNT_TIMES_PRICE)].flatMap((m) => {
        const price = saidMoney(m[2]!, invoice.currency)
        const at = price ? invoice.lines.filter((l) => sameFigure(l.unitPrice, toDecimal(price))) : []
        if (at.length !== 1 || !claimedSum.ok) return []
        return unitsComeTo(at[0]!, Number(m[1]), claimedSum.value, invoice.currency) ? [at[0]!.line] : []
      })
      if (new Set(priced).size === 1) return { lines: [priced[0]!] }
      // "30 units never sent, on both lines, 579.15": a count the message says, on the lines it
      // comes to at their prices; one such reading only.
      const readings = sumOnLines(stated, countsSaid())
      if (readings.length === 1) return { lines: readings[0]! }
      // "3 rigger days, 2 118,50 € incl. VAT" beside hoist hours: a count said that comes to the sum on one
      // line alone, at its price, names that line.
      // One unit may be the count here: the sum is the one claimed, not a price quoted.
      const one = claimedSum.ok ? unitsComingTo(invoice, claimedSum.value, countsSaid(), 1) : undefined
      if (one) return { lines: [one.line] }
    }
    // "the retainer, 12,500 plus VAT": a figure said before tax is no amount in dispute (the line's
    // tax decides it), but when it is exactly what one line bills net it names that line; so does the
    // price of one unit of a line ("nobody came on the 9th, 60 + tax" of visits at 60), when no other
    // line bills at that price.
    if (!stated && !WHOLE_INVOICE.test(message)) {
      const figures = findAmounts(message)
      const nets = figures
        .filter((a) => saidNetOfTax(message, a))
        .flatMap((a) => lineBilling(invoice, a.value) ?? linePricedAt(invoice, a.value) ?? [])
      if (nets.length === 1) return { lines: nets }
      // "the OT on 3312: 14 hrs @ 35.85": the price said as billed, that one line alone bills, names it.
      const billedAt = figures
        .filter((a) => a.role === 'billed_unit_price')
        .flatMap((a) => linePricedAt(invoice, a.value) ?? [])
      if (new Set(billedAt).size === 1) return { lines: [billedAt[0]!] }
    }
    // A price claim that says the price one line is billed at is about that line, whatever words
    // name it: the ledger says which line is billed so.
    if (!said && (state.facts.reasonCode === 'pricing_error' || state.facts.expectedUnitPrice !== undefined)) {
      const at = lineAtPriceSaid([...description, message].join('\n'), invoice.lines, invoice.currency)
      if (at !== undefined) return { lines: [at] }
    }
    const text = [...description, message]
      .join(' ')
      .replace(INVOICE_ADJECTIVE, ' ')
      // "their service agreement ended": the word before an agreement names the contract, not a line.
      .replace(CONTRACT_NAME, ' ')
      // A month or year names the invoice's period ("the October invoice"), not one of its lines.
      .replace(monthOrYearPattern(), ' ')
    // "void it in full", "the whole invoice", "VAT on every line": every line.
    if (WHOLE_INVOICE.test(text) || EVERY_LINE.test(text)) return {}
    // "two lines, VAT on both": both of an invoice of two lines are every line.
    if (invoice.lines.length === 2 && BOTH_LINES.test(text)) return {}
    // "28 of the 31 patrols", "8 hours not 14": the count billed names the one line that bills it.
    const byCount = invoice.lines.filter(billsCount)
    const said2 = new Set([...wordStems(text), ...esPlurals(text)].filter((w) => !ignored.has(w)))
    // The words of a line the message says: its SKU's and description's stems, and its short words.
    // Product codes said ("15W-40", "5w30"), matched however they are punctuated.
    const codes = new Set(codesIn(text))
    // A word of the line said in a cognate ("inspecciones" of "Inspection"): the same first six letters.
    // Not an English verb form ("collected" says what was done, not which line).
    const saidLong = [...said2].filter((w) => w.length >= 7 && !/(?:ed|ing)$/.test(w))
    // A two-letter name written in capitals in both ("the PA" of "PA package").
    const capitalsSaid = new Set(twoCapitals(text))
    // A word said that ends a compound word of the line ("terminals" of "Kortterminal"): Germanic languages
    // join their nouns and the last one names the thing. Five letters at least, and three more before it.
    const saidHeads = [...said2].filter((w) => w.length >= 5)
    const headSaid = (w: string) => w.length >= 8 && saidHeads.some((x) => w.length - x.length >= 3 && w.endsWith(x))
    const wordsSaid = (l: (typeof invoice.lines)[number]) => [
      ...[...wordStems(`${l.sku} ${l.description ?? ''}`), ...shortWords(l.description ?? '')].filter(
        (w) => said2.has(w) || (w.length >= 7 && saidLong.some((x) => alike(x, w))) || headSaid(w),
      ),
      ...codesIn(`${l.sku} ${l.description ?? ''}`).filter((c) => codes.has(c)),
      ...twoCapitals(l.description ?? '').filter((c) => capitalsSaid.has(c)),
    ]
    const byWords = invoice.lines.filter((l) => wordsSaid(l).length > 0)
    // "neither the survey nor the survey crew's ferry took place, $800 and $350, $1,150 all told": lines the words name,
    // one unit of each coming to the sum said, are the claim's, whatever else the message says of them.
    if (stated && byWords.length > 1) {
      const each = sumOnLines(stated, [1])
      const lines = byWords.map((l) => l.line)
      if (each.length === 1 && each[0]!.join() === lines.join()) return { lines }
    }
    // "5 % on the trips and 18 % on the escorts": a tax claim also names lines by the rates they
    // carry, unless it compares rates ("18 % instead of 5 %"), where one rate is not billed.
    const rates = state.facts.reasonCode === 'tax_error' && !COMPARES_RATES.test(text) ? claimedPercents(text) : []
    const byRate = invoice.lines.filter((l) => l.taxRate && rates.some((p) => isRate(p, l.taxRate!)))
    let named = invoice.lines.filter((l) => byWords.includes(l) || byRate.includes(l))
    // "sorry – the washing is fine, it's the ironing": a line this turn says is in order is not the claim's,
    // whatever an earlier turn said of it.
    // "… the hosting (6 at 75.00), which we accept, and …": a sentence accepting
    // what it names, however many commas it holds.
    const accepted = message
      .split(/(?<!\b(?:i\.e|e\.g|etc|incl|approx|viz|cf|vs)\.)(?<=[.!?])\s+|\n+/i)
      .map((x) => ACCEPTED_BEFORE.exec(x)?.[1])
      .filter((x): x is string => Boolean(x))
    const inOrder = [...clausesMatching(message, IN_ORDER), ...accepted].join(' ')
    if (inOrder) {
      const stands = new Set(wordStems(inOrder))
      const rest = new Set(wordStems(accepted.reduce((t, x) => t.replace(x, ' '), withoutClauses(message, IN_ORDER))))
      const fine = (l: InvoiceLine) =>
        wordStems(`${l.sku} ${l.description ?? ''}`).some((w) => stands.has(w) && !rest.has(w))
      // Every line the words name said to be in order: no line is named by the claim's own words.
      named = named.filter((l) => !fine(l))
    }
    if (byCount.length === 1 && (!named.length || named.includes(byCount[0]!))) return { lines: [byCount[0]!.line] }
    // "4 tins crushed" in words naming no line: the one line whose delivery recorded that many damaged.
    const affected = state.facts.quantityAffected
    if (state.facts.reasonCode === 'damaged_goods' && affected !== undefined && !named.length) {
      const deliveries = (await ledger.deliveries({ invoiceNumber: invoice.number, limit: 200 })).items
      const skus = new Set(deliveries.filter((d) => d.damagedQuantity === affected).map((d) => d.sku))
      const recorded = invoice.lines.filter((l) => skus.has(l.sku))
      if (recorded.length === 1) return { lines: [recorded[0]!.line] }
    }
    // "of the 6 visits billed only 4 came": a figure of the message that one line bills, above the
    // count received or affected, names that line when no words do.
    if (counted !== undefined && !byCount.length && !named.length) {
      // Not a count said of units in order ("the 800 sheets all arrived fine").
      const claimed = ungrouped(withoutClauses(text, IN_ORDER))
      const figures = new Set((claimed.match(/(?<![\d.,/-])\d{1,6}(?![\d/-]|[.,]\d)/g) ?? []).map(Number))
      const billedHere = invoice.lines.filter((l) => figures.has(l.quantity) && l.quantity > counted)
      if (billedHere.length === 1) return { lines: [billedHere[0]!.line] }
    }
    // A count or the days a service was missed ("of the 6 visits only 4 came", "not on the 14th and
    // 16th") are about one line: among the lines the words name (and bill that count, when several
    // do), the one the message names by words the others do not share ("the safety inspections" where
    // both lines also carry the site's name), not one a passing word also names ("the technician").
    if ((counted !== undefined || billed !== undefined || state.facts.serviceDates?.length) && named.length > 1) {
      const pool = named.some((l) => byCount.includes(l)) ? named.filter((l) => byCount.includes(l)) : named
      if (pool.length === 1) return { lines: [pool[0]!.line] }
      // "the fitter never came on the 14th, our staff laid the tiles": of the lines named, with days said,
      // the one the service log keeps (a visit, a shift) is the service the days are about.
      if (state.facts.serviceDates?.length) {
        const logs = (await ledger.serviceLogs({ invoiceNumber: invoice.number, limit: 200 })).items
        const logged = pool.filter((l) => logs.some((g) => g.sku === l.sku))
        if (logged.length === 1) return { lines: [logged[0]!.line] }
      }
      // Of the lines the words name, the one line the count fits ("1,730 came" of 1,900 and 600).
      const fits = counted !== undefined ? byTheCount(pool) : undefined
      if (fits) return { lines: [fits.line] }
      // The words the count itself was said with ("310 engraved") name the line before any other word.
      const countWords = wordStems(said ?? '')
      const ofCount = pool.filter((l) =>
        wordStems(`${l.sku} ${l.description ?? ''}`).some((w) => countWords.some((c) => alike(c, w))),
      )
      if (ofCount.length === 1) return { lines: [ofCount[0]!.line] }
      // The SKU's short parts count too when said as words ("PM" of SVC-PM).
      const saidWords = new Set(text.toLowerCase().match(/[a-z0-9]+/g) ?? [])
      const hits = pool.map(
        (l) =>
          new Set([
            ...wordsSaid(l),
            ...(l.sku.toLowerCase().match(/[a-z0-9]{2,}/g) ?? []).filter((w) => saidWords.has(w)),
          ]),
      )
      const own = hits.map((h) => [...h].filter((w) => hits.some((o) => !o.has(w))).length)
      const most = Math.max(...own)
      const top = pool.filter((_, i) => own[i] === most)
      if (most >= 1 && top.length === 1) return { lines: [top[0]!.line] }
    }
    // "cleared Bay 4 too … the clearing line": of the lines the words name, the one named by
    // a word no other has, when every other is named only by words it shares with that one ("bay").
    // Not where lines are also named by their tax rates, nor "the kegs and the CO2" (each its own word).
    if (named.length > 1 && named.every((l) => byWords.includes(l) && !byRate.includes(l))) {
      const hits = named.map((l) => new Set(wordsSaid(l)))
      const owning = named.filter((_, i) => [...hits[i]!].some((w) => hits.every((o, j) => j === i || !o.has(w))))
      const owner = owning.length === 1 ? named.indexOf(owning[0]!) : -1
      if (owner >= 0 && hits.every((h) => [...h].every((w) => hits[owner]!.has(w))))
        return { lines: [named[owner]!.line] }
    }
    // "they refuse the 1st to 4th April meals, $1,200" where "meals" names one of two lines billing 1,050 in
    // full: an amount in dispute above all the named lines bill, tax included, is not theirs alone.
    const statedMoney = stated ? parseMoney(stated, invoice.currency) : undefined
    const namedGross = named.reduce((n, l) => n + lineFigures(l, invoice.currency).gross.minor, 0n)
    const beyondNamed = statedMoney?.ok === true && statedMoney.value.minor > namedGross
    if (named.length && named.length < invoice.lines.length && !beyondNamed) return { lines: named.map((l) => l.line) }
    // No word names a line: the count may fit only one ("180 jars smashed" of 3,000 jars and a capping machine).
    if (!named.length && !byCount.length) {
      const one = byTheCount(invoice.lines)
      if (one) return { lines: [one.line] }
    }
    // "their contract says 17 a unit", no line named: a price dispute is about a line billed above
    // that price by a margin such disputes have (under half again as much), not about lines billed at
    // many times it, which bill other things. One such line is the claim's.
    const expected = state.facts.expectedUnitPrice
    // Words that name every line ("per tonne" on each) do not tell them apart.
    const undecided = !named.length || named.length === invoice.lines.length
    if (expected !== undefined && undecided) {
      const near = invoice.lines.filter((l) => billedJustAbove(l, expected))
      if (near.length === 1) return { lines: [near[0]!.line] }
    }
    // "the tech did not come": a service not rendered is about the invoice's only service line.
    if (state.facts.reasonCode === 'service_not_rendered' && !named.length) {
      const services = await serviceLines(invoice)
      if (services.length === 1) return { lines: services }
    }
    return {}
  }

  /** The lines the claim is about: those the conversation settled, else those its words name. */
  async function linesOfTheClaim(state: ConversationState, message: string): Promise<number[] | undefined> {
    const settled = state.facts.lines
    return settled?.length ? settled : (await claimLines(state, message)).lines
  }

  /** The invoice's lines that bill a service: a visit log and no delivery, or service words. */
  async function serviceLines(invoice: InvoiceRecord): Promise<number[]> {
    const logs = (await ledger.serviceLogs({ invoiceNumber: invoice.number, limit: 200 })).items
    const deliveries = (await ledger.deliveries({ invoiceNumber: invoice.number, limit: 200 })).items
    return invoice.lines
      .filter((l) => {
        if (deliveries.some((d) => d.sku === l.sku)) return false
        return logs.some((g) => g.sku === l.sku) || SERVICE_WORDS.test(`${l.sku} ${l.description ?? ''}`)
      })
      .map((l) => l.line)
  }

  /** Settles what the text leaves open from the invoice itself (mutates the conversation's facts). */
  async function groundFacts(
    u: Understanding,
    state: ConversationState,
    message: string,
    today: string,
  ): Promise<void> {
    const number = state.facts.invoiceNumber
    const invoice = number ? await ledger.getInvoice(number) : null
    if (!invoice) return
    const customer = await ledger.getCustomer(invoice.customerId)
    if (minorDigits(invoice.currency) === 3) {
      filsAsWritten(u, state, invoice, message)
    }
    await datesAreNotAmounts(u, state, invoice)
    productNumbersAreNoCounts(u, state, invoice, message)
    pricesAreNoCounts(u, state, invoice)
    roundedFigureOfTheLedger(u, state, invoice)
    productWordsAreNoReason(u, state, invoice, message)
    measureIsNoAmount(u, state, invoice, message)
    otherCurrencyIsNoAmount(u, state, invoice)
    // "8.10" on an invoice in a currency without cents (a date, a count): no amount of that currency.
    const stated = state.facts.disputedAmount
    if (stated && !parseMoney(stated, invoice.currency).ok) delete state.facts.disputedAmount
    // A short payment: the claim is what was held back, the invoice's total less the payment said.
    const total = parseMoney(invoice.total ?? invoice.computedTotal, invoice.currency)
    const held = total.ok ? heldBack(message, total.value) : undefined
    if (held && (state.facts.disputedAmount === undefined || state.facts.disputedAmount === u.facts.amount?.value))
      state.facts.disputedAmount = toDecimal(held)
    await deductionTheLedgerHolds(state, invoice, message)
    billedPriceInWorking(u, state, invoice, message)
    priceOfADamageDeduction(u, state, invoice, message)
    countTheAmountComesTo(u, state, invoice, message)
    countTimesTheLinePrice(state, invoice, message)
    await figuresTheLinesConfirm(u, state, invoice, message)
    countedInTheBilledMeasure(state, invoice, message)
    await countsInPacksOfTheLine(state, invoice, message)
    feeTheMessageNames(u, state, invoice, message)
    const priced = await pricesAreNotAmounts(u, state, invoice, message)
    priceAboveEveryLineIsNoPrice(u, state, invoice, message)
    priceGapSaid(state, invoice, message)
    // A reason read from the words alone, weak for this invoice, gives way to the one it confirms.
    const current = state.facts.reasonCode ?? null
    if (!current || u.facts.reason?.code === current) {
      const q = u.facts
      const confirmed = reasonFromTheInvoice(
        invoice,
        {
          ...(q.amount ? { amount: q.amount.value } : {}),
          percents: taxRatesNamed(message),
          // A payment short of the invoice is how a deduction was taken, never a claim of having paid.
          // Nor is a payment not made or made of the rest ("they've paid the rest").
          // Words of the newest message only: a thread's older messages ("-----Original Message-----")
          // tell how earlier invoices were paid.
          // Nor is a part of the bill said paid beside a charge a phrase says was never agreed ("never agreed to
          // the call-out; they paid the cleaning portion").
          paymentWords:
            PAID.test(withoutHistory(message).replace(PAID_AS_CONTEXT, ' ')) &&
            !held &&
            !saysShortPaid(message) &&
            !(q.reason?.source === 'pattern' && q.reason.code === 'unrecognized_charge'),
          // A reason a phrase names ("came short") is no weak reading a price said beside it overrules.
          unitPriceNamed: priced && q.reason?.source !== 'pattern',
          // Counts the words did not read but a line confirms ("41.6t … we billed 44.2t") are counts given.
          countsGiven:
            [q.quantityReceived, q.quantityAffected, q.quantityBilled].some((n) => n !== undefined) ||
            countsAgainstLines(message, invoice.lines, invoice.number) !== undefined,
        },
        current,
        invoice.openBalance,
      )
      if (confirmed) {
        state.facts.reasonCode = confirmed
        if (confirmed === 'late_fee' && (invoice.fees ?? []).some((f) => f.type === 'late_fee'))
          state.facts.feeType = 'late_fee'
      }
    }
    await unappliedPaymentSaid(state, invoice, message)
    await paymentAsTheLedgerHasIt(state, invoice, message, today)
    // "… Freight Systems disputes INV-9": a fee named only inside the customer's name is no fee.
    if (u.facts.feeType && customer && state.facts.feeType === u.facts.feeType) {
      if (!findFeeType(withoutName(message, customer.name))) delete state.facts.feeType
    }
    // "they want the service charge credited" on an invoice that carries no such fee and no line called
    // a fee or charge: the words name what a line bills, which the lines then decide.
    const feeType = state.facts.feeType
    if (
      feeType &&
      feeType !== 'late_fee' &&
      !(invoice.fees ?? []).some((f) => f.type === feeType) &&
      !feeLines(invoice, feeType).length
    )
      delete state.facts.feeType
    let reason = state.facts.reasonCode
    const fresh = u.facts.reason?.code === reason
    // "interest", "finance charge", "penalty" on an invoice that carries a late fee: the late fee.
    const lateFee =
      (invoice.fees ?? []).some((f) => f.type === 'late_fee') ||
      invoice.lines.some((l) => /LATE|INTEREST|FINANCE/i.test(`${l.sku} ${l.description ?? ''}`))
    // A payment said beside "they contest the overdue interest" is the fee's setting, not the claim.
    const weak =
      !reason ||
      (fresh &&
        (WEAK_FOR_FEE.has(reason) ||
          (reason === 'already_paid' && (!PAID.test(message) || FEE_DISPUTED.test(message)))))
    if (lateFee && INTEREST.test(message) && weak) {
      state.facts.reasonCode = 'late_fee'
      if ((invoice.fees ?? []).some((f) => f.type === 'late_fee')) state.facts.feeType = 'late_fee'
      lateFeeAsSaid(state, invoice, message)
      return
    }
    lateFeeAsSaid(state, invoice, message)
    const glossed = glossToEnglish(message)
    // "they dispute 2 days of the hire": a late fee the model guessed from words like "days", on an
    // invoice that carries no late fee and a message that names no fee, interest or penalty, is no
    // reading; the rules below, or a question, decide the reason.
    if (reason === 'late_fee' && fresh && u.facts.reason?.source === 'model' && !lateFee && !INTEREST.test(glossed)) {
      delete state.facts.reasonCode
      reason = undefined
    }
    // "never arrived", "never came": goods not delivered or a service not rendered, by the line; also
    // where the model guessed an unknown charge from the words around it ("no sign of him in our gate log").
    const guessedUnknown = reason === 'unrecognized_charge' && u.facts.reason?.source === 'model'
    if (
      (NOT_THERE.test(message) || NOT_THERE.test(glossed)) &&
      (!reason || (fresh && (GOODS_OR_SERVICE.has(reason) || guessedUnknown)))
    ) {
      const kind = await lineKind(invoice, state)
      const code: ReasonCode | undefined =
        kind === 'service' ? 'service_not_rendered' : kind === 'goods' ? 'quantity_discrepancy' : undefined
      if (code) state.facts.reasonCode = code
    }
    // "you collected them on the 15th, we shouldn't pay the whole month": the whole period said not owed, on
    // an invoice whose contract did not cover all of the period it bills, is about the contract, whatever the
    // model guessed from "paying" or "month"; so is a period billed after the contract ended or before it began,
    // where the words say so. The reason held may be an earlier turn's guess ("the May invoice, full month
    // charged" read as a double billing); a charge "not recognised" for days the words put outside the
    // contract is about the contract too.
    const boundSaid = WHOLE_PERIOD.test(glossed) || CONTRACT_BOUND_WORDS.test(glossed)
    const guessed =
      reason &&
      PAST_END_GUESSES.has(reason) &&
      (!u.facts.reason ||
        u.facts.reason.source === 'model' ||
        (reason === 'unrecognized_charge' && CONTRACT_BOUND_WORDS.test(glossed)))
    if ((!reason || guessed) && boundSaid && (await periodOutsideTheContract(invoice))) {
      state.facts.reasonCode = 'contract_terms'
      reason = 'contract_terms'
    }
    // "only 12 sat the course, not 16", "two hours too many": a price the model guessed from the words
    // around counts, with no price said (or only the line's own, "2 loadings at 1,850"), is a claim about
    // units; the line says goods or a service. So is "over-billed" or "overcharged" with counts: those
    // words name too much billed, by price or by count, and only a price said makes it the price.
    const q = u.facts
    const onlyTheLinePrice = (p: string | undefined) => !p || invoice.lines.some((l) => sameFigure(l.unitPrice, p))
    if (
      reason === 'pricing_error' &&
      fresh &&
      (q.reason?.source === 'model' || (q.reason?.source === 'pattern' && TOO_MUCH_BILLED.test(q.reason.evidence))) &&
      onlyTheLinePrice(q.expectedUnitPrice) &&
      onlyTheLinePrice(q.billedUnitPrice) &&
      (q.quantityReceived !== undefined || q.quantityAffected !== undefined)
    ) {
      const kind = await lineKind(invoice, state)
      if (kind === 'service') state.facts.reasonCode = 'service_not_rendered'
      else if (kind === 'goods') state.facts.reasonCode = 'quantity_discrepancy'
      reason = state.facts.reasonCode
    }
    // "the mixer broke on the Monday, we'd like the two hire days taken off": a price the model guessed from
    // the words of a credit ("off", "back"), where no price is said nor any word of price, and the message
    // counts days, is about the days a service billed (a hire, a crew, a guard), when the line is a service.
    if (
      reason === 'pricing_error' &&
      fresh &&
      q.reason?.source === 'model' &&
      q.expectedUnitPrice === undefined &&
      q.billedUnitPrice === undefined &&
      !PRICE_WORDS.test(glossed) &&
      DAYS_SAID.test(glossed) &&
      (await lineKind(invoice, state)) === 'service'
    ) {
      state.facts.reasonCode = 'service_not_rendered'
      reason = state.facts.reasonCode
    }
    // "2 of the 6 were not done", "two visits skipped": work not done, on an invoice that bills a service.
    if (!reason && NOT_DONE.test(message) && (await serviceLines(invoice)).length) {
      state.facts.reasonCode = 'service_not_rendered'
    }
    // "no guard on the 4th, 5th and 6th": days of the service period named with a negation, on an
    // invoice that bills a service, are days it was not rendered.
    if (!state.facts.reasonCode && NEGATED.test(glossed) && invoice.servicePeriodStart) {
      const period = await servicePeriodOf(invoice)
      if (period && serviceDaysIn(message, period.from, period.to).length && (await serviceLines(invoice)).length)
        state.facts.reasonCode = 'service_not_rendered'
    }
    const namedNow = u.facts.invoiceRefs.some(
      (r) => canonical(r) !== '' && canonical(invoice.number).endsWith(canonical(r)),
    )
    // "the lift stood broken for two days": damage said of what a service line provides (its own log, no
    // delivery), for days of it, is days the service was not rendered, not goods to replace; read before
    // the days below, which are then the days the log must answer for.
    if (
      (fresh || namedNow) &&
      reason === 'damaged_goods' &&
      saysDamage([...state.description, message].join('\n')) &&
      DAYS_SAID.test(glossToEnglish([...state.description, message].join('\n'))) &&
      (await lineKind(invoice, state)) === 'service' &&
      !(await ledger.deliveries({ invoiceNumber: invoice.number, limit: 1 })).items.length
    ) {
      state.facts.reasonCode = 'service_not_rendered'
    }
    // "nobody came on the 3rd and 4th": the days named, within the invoice's service period, so the
    // core can check them against the visit log (or ask for one).
    const afterReason = state.facts.reasonCode
    // So are the days of a visit complained of ("the spraying of the 12th … the weeds came back"): the log
    // says whether it took place.
    const period =
      afterReason === 'service_not_rendered' || afterReason === 'service_dissatisfaction'
        ? await servicePeriodOf(invoice)
        : null
    // "on the road from the 3rd to the 7th, 22 hours not 25": beside hours counted against hours billed,
    // the days said are when the work ran, not days it was missed; the hours are the claim.
    const hoursAgainstHours = u.facts.hoursCounted === true && state.facts.quantityBilled !== undefined
    if (period && !hoursAgainstHours) {
      // "the 12th was fine, only the 13th": days said to be in order are not days of the claim.
      const days = claimedServiceDays(message, period.from, period.to)
      // Days an earlier turn named, placed in another invoice's period ("the 12th" read in April, then "it's on
      // the May invoice"), are no days of this one.
      if (state.facts.serviceDates?.some((d) => d < period.from || d > period.to)) delete state.facts.serviceDates
      // A complaint about how the work went names days the log of the claim's lines answers only where
      // it keeps one entry a day for each of them; a log of the month says the work was done whatever the day.
      const claimedLogs = async () => {
        const { skus } = await claimedLines(invoice, state, message)
        return (await ledger.serviceLogs({ invoiceNumber: invoice.number, limit: 200 })).items.filter((l) =>
          skus.has(l.sku),
        )
      }
      const dayByDay = async () => {
        const logs = await claimedLogs()
        return days.every((d) => loggedThatDay(logs, d))
      }
      // A weekday the claim names with no date ("rostered Tue-Thu (2-4 June); the fitter did not come on the
      // Thursday") is its day, over the dates said around it, only where the log keeps one entry a day, each of a
      // single day; against a log of the week, the count said is the claim.
      const weekdays = afterReason === 'service_not_rendered' ? claimedWeekdays(message, period.from, period.to) : []
      const logs = weekdays.length ? await claimedLogs() : []
      if (logs.length && logs.every((l) => l.periodStart === l.periodEnd)) state.facts.serviceDates = weekdays
      else if (days.length && (afterReason === 'service_not_rendered' || (await dayByDay())))
        state.facts.serviceDates = days
    }
    // Units short on a service line are services not rendered ("only 16 of the 20 cleans were done");
    // a service "not rendered" on a goods line is a delivery short. The line decides, not the word; also
    // when this turn only names the invoice the claim held is on ("sorry, it is the other invoice").
    if ((fresh || namedNow) && (reason === 'quantity_discrepancy' || reason === 'service_not_rendered')) {
      // "the USB drives have not reached us", on a line no log or delivery answers for: words that say
      // which (goods reach, services are done) outweigh the invoice's service period.
      const kind = await lineKind(invoice, state, u.facts.reason?.source !== 'pattern')
      if (kind === 'service' && reason === 'quantity_discrepancy') state.facts.reasonCode = 'service_not_rendered'
      if (kind === 'goods' && reason === 'service_not_rendered') state.facts.reasonCode = 'quantity_discrepancy'
    }
    // A count short on a service line that states no count but the days it names, and an amount those
    // days come to at a line's price ("they want the 15th back, $1,400"): the days are the units claimed,
    // and the log of those days answers for them (not any day of the period the log shows missed). A count
    // said beside the days ("2 of the 3 half days", "11 h"), or days the amount is not, stay as before.
    if (
      reason === 'quantity_discrepancy' &&
      state.facts.reasonCode === 'service_not_rendered' &&
      !state.facts.serviceDates?.length &&
      state.facts.quantityAffected === undefined &&
      state.facts.quantityReceived === undefined &&
      state.facts.quantityBilled === undefined &&
      state.facts.disputedAmount
    ) {
      const period = await servicePeriodOf(invoice)
      const days = period ? claimedServiceDays(message, period.from, period.to) : []
      const claimed = parseMoney(state.facts.disputedAmount, invoice.currency)
      if (
        days.length &&
        claimed.ok &&
        invoice.lines.some((l) => unitsComeTo(l, days.length, claimed.value, invoice.currency))
      ) {
        // Only where the log keeps one entry a day for each of them: a log of a longer period is no answer
        // for a day, and the count claimed is then read as before.
        const logs = (await ledger.serviceLogs({ invoiceNumber: invoice.number, limit: 200 })).items
        // Days that are exactly the days the log shows the service done are told as when it came ("he was
        // only here once, on the 8th"), not as the days taken back.
        const done = new Set(logs.filter((l) => l.status === 'rendered').map((l) => l.periodStart))
        const whenItCame = days.length === done.size && days.every((d) => done.has(d))
        if (days.every((d) => loggedThatDay(logs, d)) && !whenItCame) state.facts.serviceDates = days
      }
    }
  }

  /**
   * "2% a month past a 10-day grace … we paid the full 4,180.00 on 3 May … you charge 4%, i.e. 83.60": in a
   * claim against the late fee, the fee the invoice carries, said in the message, is what is disputed;
   * the payment, principal or total said beside it is its setting. A part of the fee said as the claim stays.
   */
  function lateFeeAsSaid(state: ConversationState, invoice: InvoiceRecord, message: string): void {
    const f = state.facts
    const fees = (invoice.fees ?? []).filter((x) => x.type === 'late_fee')
    if (f.reasonCode !== 'late_fee' || fees.length !== 1) return
    const fee = parseMoney(fees[0]!.amount, invoice.currency)
    if (!fee.ok) return
    const held = f.disputedAmount ? parseMoney(f.disputedAmount, invoice.currency) : undefined
    if (held?.ok && held.value.minor <= fee.value.minor) return
    if (findAmounts(message).some((a) => sameFigure(a.value, fees[0]!.amount))) f.disputedAmount = toDecimal(fee.value)
  }

  /**
   * "5 crossings @ 160 … only 2", "4 hours à 6 300", "credit 95.00 x 2": a price said only as a term of
   * the working (after a count and "x", "@", "à" or "at", or before "x" and a count) that is exactly what
   * a line bills is that line's own price, not the one the customer holds. It is no expected price, and
   * a price claim read from it alone (not from words that say the price is wrong) gives way to what
   * the counts say.
   */
  function billedPriceInWorking(u: Understanding, state: ConversationState, invoice: InvoiceRecord, message: string) {
    const expected = u.facts.expectedUnitPrice
    if (!expected || u.facts.billedUnitPrice || state.facts.expectedUnitPrice !== expected) return
    if (!invoice.lines.some((l) => sameFigure(l.unitPrice, expected))) return
    const said = findAmounts(message).filter((a) => sameFigure(a.value, expected))
    const after = (a: { index: number; raw: string }) => PRICE_TERM_AFTER.test(message.slice(a.index + a.raw.length))
    const before = (a: { index: number }) => PRICE_TERM_BEFORE.test(message.slice(0, a.index))
    if (!said.length || !said.every((a) => before(a) || after(a))) return
    delete state.facts.expectedUnitPrice
    delete u.facts.expectedUnitPrice
    // With the price first ("95.00 x 3"), only the price claim that price alone made gives way: words
    // the model read as a price claim ("the rate should be last year's") stand.
    const source = u.facts.reason?.source
    const fromThatPrice = source === 'facts' || (said.every(before) && source !== 'pattern')
    if (state.facts.reasonCode === 'pricing_error' && fromThatPrice) delete state.facts.reasonCode
  }

  /**
   * "held back 1,177.00 for 2 pumps cracked, at 550 a pump + 7 %": a price the amount claimed is
   * the damaged count times (with the line's tax) is how the customer valued the damage, not a price
   * they say was agreed. The claim is the damage; the core values it at the price the documents agree.
   */
  function priceOfADamageDeduction(
    u: Understanding,
    state: ConversationState,
    invoice: InvoiceRecord,
    message: string,
  ) {
    const f = state.facts
    const price = f.expectedUnitPrice
    const count = f.quantityAffected
    if (f.reasonCode !== 'pricing_error' || u.facts.reason?.source !== 'facts' || !price || !count || !f.disputedAmount)
      return
    if (!saysDamage(message)) return
    const claimed = parseMoney(f.disputedAmount, invoice.currency)
    if (!claimed.ok) return
    const valued = invoice.lines.some((l) =>
      unitsComeTo({ ...l, unitPrice: price }, count, claimed.value, invoice.currency),
    )
    if (!valued) return
    f.reasonCode = 'damaged_goods'
    delete f.expectedUnitPrice
  }

  /**
   * "3 × 18.500 = 55.500 kr", "9 crane-days × 310,00 zł = 2 790,00 zł", "credit 95.00 x 2 + VAT":
   * the amount claimed is a count said of one line's units, with or without its tax (core
   * `unitsComingTo`): that count is the one in dispute, and the line then says whether units were short
   * on a delivery or a service. Only where the words named no reason of price, tax or terms.
   */
  function countTheAmountComesTo(u: Understanding, state: ConversationState, invoice: InvoiceRecord, message: string) {
    const f = state.facts
    if (!f.disputedAmount || f.quantityAffected !== undefined || f.quantityReceived !== undefined) return
    // "4 nights at 95.00 plus VAT = 456.00": a price claim read from no phrase of price, beside the very
    // price a line bills and no price the customer holds, is the working of a count of that line.
    const billed = u.facts.billedUnitPrice
    const working =
      f.reasonCode === 'pricing_error' &&
      billed !== undefined &&
      !f.expectedUnitPrice &&
      u.facts.reason?.source !== 'pattern'
    if (f.reasonCode && !UNIT_REASONS.has(f.reasonCode) && !working) return
    const claimed = parseMoney(f.disputedAmount, invoice.currency)
    if (!claimed.ok) return
    const counts = [...countsAsDigits(ungrouped(message)).matchAll(WHOLE_COUNT)].map((m) => Number(m[0]))
    // "contesting one, $52": "one" after a word that claims is a count ("one" stays a word elsewhere).
    const found =
      unitsComingTo(invoice, claimed.value, counts) ??
      (ONE_CLAIMED.test(message) ? unitsComingTo(invoice, claimed.value, [1], 1) : undefined)
    if (!found) return
    if (working) {
      const line = invoice.lines.find((l) => l.line === found.line)
      if (!line || !sameFigure(line.unitPrice, billed)) return
      delete f.reasonCode
    }
    f.quantityAffected = found.units
    f.lines ??= [found.line]
  }

  /**
   * "that is 3 shifts x 640.00 plus tax", "credit 3 x 118.40": a count times the very price one line bills, with no
   * count read otherwise, is the count of that line in dispute (the line's tax then sizes the sum). A
   * count times another figure ("8 x 600", a difference per unit) says nothing of the line's units.
   * Mutates the facts.
   */
  function countTimesTheLinePrice(state: ConversationState, invoice: InvoiceRecord, message: string): void {
    const f = state.facts
    if ([f.quantityAffected, f.quantityReceived, f.quantityBilled].some((n) => n !== undefined)) return
    if (f.reasonCode && !UNIT_REASONS.has(f.reasonCode)) return
    const found = new Map<number, number>()
    for (const m of message.matchAll(COUNT_TIMES_PRICE)) {
      // "(60 days x 9.00 each)": a working in brackets, or of the count billed, tells how the line bills.
      if (/\([^()]*$/.test(message.slice(0, m.index))) continue
      const price = saidMoney(m[2]!, invoice.currency)
      const line = price && invoice.lines.find((l) => sameFigure(l.unitPrice, toDecimal(price)))
      if (line && line.quantity !== Number(m[1])) found.set(line.line, Number(m[1]))
    }
    const [only, ...more] = [...found]
    if (!only || more.length) return
    f.quantityAffected = only[1]
    f.lines ??= [only[0]]
  }

  /**
   * "the £30 pallet fee and the tile price … the pallets are fine now … that comes to 84.00": of the
   * figures said, the one that is exactly the gap between the prices over the line billed, with its tax,
   * is the claim, in place of another figure the words put first. Mutates the facts.
   */
  function priceGapSaid(state: ConversationState, invoice: InvoiceRecord, message: string): void {
    const f = state.facts
    if (f.reasonCode !== 'pricing_error' || !f.expectedUnitPrice || f.disputedAmount === undefined) return
    const expected = f.expectedUnitPrice
    // The gap worked out on a line of more than one unit, with the line's tax: never the gap per unit,
    // nor a sum before tax the core would add the tax to; and only on a line whose billed price the
    // message says ("billed 12.80/kg … the agreement says 12.20").
    const figures = [...new Set(findAmounts(message).map((a) => a.value))]
    const gross = invoice.lines.flatMap((l) => {
      const gap =
        l.quantity > 1 &&
        figures.some((v) => sameFigure(l.unitPrice, v)) &&
        gapOverLine(invoice, l, l.unitPrice, expected)
      return gap ? [gap.gross] : []
    })
    const said = figures.filter((v) => gross.some((g) => sameFigure(g, v)) && !sameFigure(v, expected))
    if (said.length !== 1 || gross.some((g) => sameFigure(g, f.disputedAmount!))) return
    f.disputedAmount = said[0]!
  }

  /**
   * No figure read from the words and no reason, or one about units: a price or count the invoice
   * bills on one line, beside another of its size, is the one billed against the one the speaker
   * holds (figures-against-lines.ts).
   * The line then says whether units were short on a delivery or on a service.
   */
  async function figuresTheLinesConfirm(
    u: Understanding,
    state: ConversationState,
    invoice: InvoiceRecord,
    message: string,
  ): Promise<void> {
    const f = state.facts
    const q = u.facts
    // "charged 6 days @ 120 per day, returned after 4": a price said only as what a line bills, with no
    // other price beside it, is the working of a count claim, not a price claim.
    const billedOnly =
      q.billedUnitPrice !== undefined && invoice.lines.some((l) => sameFigure(l.unitPrice, q.billedUnitPrice!))
    // "you charge 3.85 a litre, last season it was 3.60", the line billed at 3.85: a price read as the one
    // expected that is exactly what a line bills is that line's price; the figure set against it is
    // the one expected (read below from the two, as when no word said which is which).
    const expectedBilled =
      q.expectedUnitPrice !== undefined &&
      !q.billedUnitPrice &&
      invoice.lines.some((l) => sameFigure(l.unitPrice, q.expectedUnitPrice!))
    if ((q.expectedUnitPrice && !expectedBilled) || (q.billedUnitPrice && !billedOnly)) return
    // Two prices, one of them billed on a line ("16.200/L in the contract, we billed 16.900"), make a
    // price claim unless the words gave a reason of their own; a model's guess from other words
    // ("contract", "lifts") gives way, and the amount said may be one of the two prices.
    // "would be 58 instead of 64", the line billing 30 units at 64: the "counts" are its prices.
    const pricedCounts =
      q.quantityBilled !== undefined &&
      !invoice.lines.some((l) => l.quantity === q.quantityBilled) &&
      invoice.lines.some((l) => sameFigure(l.unitPrice, String(q.quantityBilled)))
    // A reason read from such "counts" is as much a guess as the model's.
    const readFromPrices = pricedCounts && q.reason?.source === 'facts' && q.reason.code === f.reasonCode
    const guessed =
      !f.reasonCode ||
      f.reasonCode === 'pricing_error' ||
      ((q.reason?.source === 'model' || readFromPrices) && PRICE_OVERRULES_GUESS.has(f.reasonCode))
    // A count the claim holds, said again ("they got 42, not 40" correcting 40 received), is a count.
    const held = [f.quantityReceived, f.quantityAffected].filter((n): n is number => n !== undefined)
    const saysHeld = held.some((n) => new RegExp(`(?<![\\d.,])${n}(?![\\d]|[.,]\\d)`).test(message))
    const counted = ([q.quantityReceived, q.quantityAffected].some((n) => n !== undefined) || saysHeld) && !pricedCounts
    const against =
      guessed && !counted && !billedOnly
        ? pricesAgainstLines(message, invoice.lines, invoice.currency, q.amount?.value)
        : undefined
    const prices =
      expectedBilled && !(against && sameFigure(against.billed, q.expectedUnitPrice!)) ? undefined : against
    if (expectedBilled && !prices) return
    const amountIsAPrice =
      !q.amount || (prices && [prices.expected, prices.billed].some((p) => sameFigure(p, q.amount!.value)))
    const quoted = prices !== undefined && quotesTheInvoice(invoice, q.amount?.value, message)
    // With no reason in the words, or one the model guessed from words around them ("instead", "still"),
    // two prices so said are the claim, and an amount said beside them is what it comes to ("52 on
    // paper, you wrote 58 … they want 744 back").
    const modelGuess =
      f.reasonCode !== undefined &&
      (q.reason?.source === 'model' || readFromPrices) &&
      q.reason?.code === f.reasonCode &&
      PRICE_OVERRULES_GUESS.has(f.reasonCode)
    // "1,044,000 with VAT" where the two prices differ by 50 on a line of 18,000 units: the sum said is
    // the difference of the prices worked out on the line, which confirms them as the claim.
    const workedOut =
      prices !== undefined && q.amount !== undefined && differenceOnLine(invoice, prices, q.amount.value)
    if (
      prices &&
      (amountIsAPrice || !f.reasonCode || quoted || workedOut || (modelGuess && setAgainst(message, prices)))
    ) {
      f.expectedUnitPrice = prices.expected
      f.lines = [prices.line]
      f.reasonCode = 'pricing_error'
      if (pricedCounts) for (const k of ['quantityBilled', 'quantityReceived', 'quantityAffected'] as const) delete f[k]

      if (q.amount && f.disputedAmount === q.amount.value && (amountIsAPrice || quoted)) delete f.disputedAmount
      return
    }
    // "only 3 trips", "two of the party never used it": units short, said in words no reason rule
    // knows; the line says whether that is a delivery or a service question. A reason the model
    // guessed from the words around counts the invoice's line confirms ("per day" read as a price,
    // "the contract says" as its terms, "one too many" as a duplicate) gives way to the counts.
    const short = () => f.quantityReceived !== undefined || f.quantityAffected !== undefined
    // Two lines billing the same count ("6 visits", "6 hours"): the claim's own line, when known, is the one.
    const ownLines = async () => {
      const scope = await linesOfTheClaim(state, message)
      const own = invoice.lines.filter((l) => scope?.includes(l.line))
      return own.length ? countsAgainstLines(message, own, invoice.number) : undefined
    }
    const overrulable =
      q.reason !== undefined &&
      q.reason.code === f.reasonCode &&
      !f.expectedUnitPrice &&
      (q.reason.code === 'pricing_error'
        ? q.reason.source !== 'pattern' && (billedOnly || !q.billedUnitPrice)
        : q.reason.source === 'model' &&
          // Damage guessed from words around counts ("came back", "came to") where no word of the
          // conversation says damage ("leaking" in an earlier turn does).
          (COUNT_OVERRULES.has(q.reason.code) ||
            (q.reason.code === 'damaged_goods' && !saysDamage([...state.description, message].join('\n')))))
    // Read only where a count can settle the reason: none yet, a guess, or units short (claimLines asks the ledger).
    const countsMatter =
      !f.reasonCode || overrulable || f.reasonCode === 'quantity_discrepancy' || f.reasonCode === 'service_not_rendered'
    const fromLines = countsMatter
      ? (countsAgainstLines(message, invoice.lines, invoice.number) ?? (await ownLines()))
      : undefined
    // Not with another invoice named (a double billing), a percentage (a discount) or a price against the
    // line's said, or a count of something else ("30 jars … 45 days"); read only for a guess.
    const overruled =
      overrulable &&
      !f.relatedInvoiceNumber &&
      !claimedPercents(message).length &&
      !pricesAgainstLines(message, invoice.lines, invoice.currency) &&
      (fromLines ? fromLines.sameUnit : short() && invoice.lines.some((l) => l.quantity === f.quantityBilled))
    const open = !f.reasonCode || overruled
    // Counts read against a line with no reason: a delivery short, unless the line is a service.
    const byLine = async (unknownIsGoods: boolean) => {
      const kind = (await lineKind(invoice, state)) ?? (unknownIsGoods && !overruled ? 'goods' : undefined)
      if (kind) f.reasonCode = kind === 'service' ? 'service_not_rendered' : 'quantity_discrepancy'
      else if (overruled) delete f.reasonCode
    }
    if (
      [q.quantityReceived, q.quantityAffected, q.quantityBilled, f.quantityReceived, f.quantityAffected].some(
        (n) => n !== undefined,
      )
    ) {
      // "charged for 6 days … only had it 4": the count billed was read, the other one the line tells.
      if (open && !short() && fromLines && (f.quantityBilled === undefined || f.quantityBilled === fromLines.billed)) {
        f.quantityReceived = fromLines.received
        f.quantityBilled = fromLines.billed
      }
      // Counts the line confirms are a count claim: a delivery short, unless the line is a service.
      if (open && short()) await byLine(fromLines !== undefined)
      return
    }
    if (
      f.reasonCode &&
      !overruled &&
      f.reasonCode !== 'quantity_discrepancy' &&
      f.reasonCode !== 'service_not_rendered'
    )
      return
    if (!fromLines) return
    f.quantityReceived = fromLines.received
    f.quantityBilled = fromLines.billed
    if (open) await byLine(true)
  }

  /**
   * "billed as 2.25 MT", "invoiced 2.4 t": a figure with no currency that is what a line bills in
   * its measure, a unit word after it, is that quantity, not the amount in dispute (the unit may
   * also be some currency's symbol: "MT" is tonnes on a rupee invoice). Mutates the facts.
   */
  function measureIsNoAmount(
    u: Understanding,
    state: ConversationState,
    invoice: InvoiceRecord,
    message: string,
  ): void {
    const said = u.facts.amount
    if (!said?.raw || said.currency || state.facts.disputedAmount !== said.value) return
    const raw = said.raw
    if (!invoice.lines.some((l) => sameFigure(String(l.quantity), said.value))) return
    const at = message.indexOf(raw)
    if (at >= 0 && /^\s?\p{L}{1,6}(?!\p{L})/u.test(message.slice(at + raw.length))) delete state.facts.disputedAmount
  }

  /**
   * "coolant 46 got 6 pails only": a count read that is the figure of a product's name (its code
   * or description carries it, said after a word of that name) is no count; the counts are read again
   * without it. Only counts read from this message. Mutates the facts.
   */
  function productNumbersAreNoCounts(
    u: Understanding,
    state: ConversationState,
    invoice: InvoiceRecord,
    message: string,
  ): void {
    const said = productNumbersSaid(message, invoice.lines)
    if (!said) return
    const f = state.facts
    const keys = ['quantityReceived', 'quantityAffected', 'quantityBilled'] as const
    const misread = keys.filter((k) => u.facts[k] !== undefined && f[k] === u.facts[k] && said.numbers.includes(f[k]!))
    if (!misread.length) return
    const again = findQuantities(said.message)
    for (const k of keys) {
      if (u.facts[k] === undefined || f[k] !== u.facts[k]) continue
      if (again[k] !== undefined) f[k] = again[k]
      else delete f[k]
    }
  }

  /**
   * "rejected EB-77 (N1.26m, 60 sets)": a figure written to a scale ("1.26m", "3.4k", "2.5 lakh") is
   * rounded to its last digit; the one figure of the invoice (its total, what is open, a line with or
   * without its tax, a fee) that rounds to it is the amount meant. Mutates the facts.
   */
  function roundedFigureOfTheLedger(u: Understanding, state: ConversationState, invoice: InvoiceRecord): void {
    const said = u.facts.amount
    if (!said?.raw || state.facts.disputedAmount !== said.value) return
    const m = /(\d+)(?:[.,](\d+))?\s?(k|m|mn|thousand|million|lakhs?|lacs?|crores?)(?![\p{L}])/iu.exec(said.raw)
    if (!m) return
    const step = suffixZeros(m[3]) - (m[2]?.length ?? 0)
    const value = parseMoney(said.value, invoice.currency)
    if (step <= 0 || !value.ok) return
    const unit = 10n ** BigInt(step + minorDigits(invoice.currency))
    const figures = [
      invoice.total ?? invoice.computedTotal,
      invoice.openBalance,
      ...invoice.lines.flatMap((l) => {
        const f = lineFigures(l, invoice.currency)
        return [f.net, f.gross].map((x) => toDecimal(x))
      }),
      ...(invoice.fees ?? []).map((f) => f.amount),
    ]
    const rounded = (minor: bigint) => ((minor + unit / 2n) / unit) * unit
    const fits = new Set(
      figures
        .map((x) => parseMoney(x, invoice.currency))
        .filter((x) => x.ok && x.value.minor !== value.value.minor && rounded(x.value.minor) === value.value.minor)
        .map((x) => (x.ok ? toDecimal(x.value) : '')),
    )
    if (fits.size === 1) state.facts.disputedAmount = [...fits][0]!
  }

  /**
   * "charged 12,400 instead of 11,900": a count read from this turn that is the unit price a line bills,
   * and that no line bills as a count, is that price said again, not units; nor is a figure beside it
   * that no line could hold as a count. Mutates the facts.
   */
  function pricesAreNoCounts(u: Understanding, state: ConversationState, invoice: InvoiceRecord): void {
    const f = state.facts
    const keys = ['quantityReceived', 'quantityAffected', 'quantityBilled'] as const
    const read = keys.filter((k) => u.facts[k] !== undefined && f[k] === u.facts[k])
    const isPrice = (n: number) =>
      invoice.lines.some((l) => sameFigure(l.unitPrice, String(n))) && !invoice.lines.some((l) => l.quantity === n)
    if (!read.some((k) => isPrice(f[k]!))) return
    // The price, and a figure compared with it that no line could hold as a count (above every line's).
    const most = Math.max(...invoice.lines.map((l) => l.quantity))
    for (const k of read) if (isPrice(f[k]!) || f[k]! > most) delete f[k]
  }

  /**
   * "split peas", "broken rice": a phrase naming a reason that is part of what a line of
   * the invoice bills names the product, not what happened to it; the reason is read again without it
   * (none, where nothing else names one: the counts and the line then decide). Mutates the facts.
   */
  function productWordsAreNoReason(
    u: Understanding,
    state: ConversationState,
    invoice: InvoiceRecord,
    message: string,
  ): void {
    const r = u.facts.reason
    if (r?.source !== 'pattern' || state.facts.reasonCode !== r.code || !/^\p{L}+$/u.test(r.evidence)) return
    const word = String.raw`(?<!\p{L})${escapeRegExp(r.evidence)}(?!\p{L})`
    // "Boiler upgrade (5 % VAT)": a word beside a rate in the line names the rate it carries, not the product.
    const rate = String.raw`\d\s*%\s*${word}|${word}\s*(?:at\s*)?\d+(?:[.,]\d+)?\s*%`
    const names = (d: string) => new RegExp(word, 'iu').test(d.replace(new RegExp(rate, 'giu'), ' '))
    if (!invoice.lines.some((l) => names(l.description ?? ''))) return
    const again = classifyReason(message.replace(new RegExp(word, 'giu'), ' '))
    if (again.code) state.facts.reasonCode = again.code
    else delete state.facts.reasonCode
  }

  /**
   * "our 310", "the 2027 model", "should be 8,400 in all": a figure read as the price expected that
   * is above what every line of the invoice bills asks for no lower price; it was something else (a
   * model, a year, a total). It is dropped, and so is the price reason it alone implied, so that the
   * claim is read from the rest or asked, never closed as "nothing in dispute". Mutates the facts.
   */
  function priceAboveEveryLineIsNoPrice(
    u: Understanding,
    state: ConversationState,
    invoice: InvoiceRecord,
    message: string,
  ): void {
    const f = state.facts
    const expected = f.expectedUnitPrice
    // Both prices said ("billed 9.80 instead of 9.20") compare prices, whatever the invoice in hand bills.
    if (expected === undefined || expected !== u.facts.expectedUnitPrice || u.facts.billedUnitPrice) return
    // Nor where the message names several invoices (a statement): its figures may be any of theirs.
    if (!invoice.lines.length || u.facts.invoiceRefs.length > 1) return
    // "1.200 litros por $2.760,00": what one line comes to, with or without its tax, is that line's
    // amount, never a price of one unit.
    const wholeLine = invoice.lines.find((l) => {
      const { net, gross } = lineFigures(l, invoice.currency)
      return l.quantity !== 1 && [net, gross].some((m) => sameFigure(toDecimal(m), expected))
    })
    if (wholeLine) {
      delete f.expectedUnitPrice
      f.lines ??= [wholeLine.line]
      f.disputedAmount ??= expected
      const r = u.facts.reason
      if (f.reasonCode === 'pricing_error' && r?.source === 'facts' && r.evidence === 'expectedUnitPrice')
        delete f.reasonCode
      return
    }
    // A figure said as money ("12 400,00 Kč/ks") is a price, whatever the invoice in hand bills: the
    // invoice may be the wrong one, corrected in the next turn.
    if (findAmounts(message).some((a) => a.currency && sameFigure(a.value, expected))) return
    const above = (l: InvoiceLine) => {
      const [a, b] = [parseMoney(l.unitPrice, invoice.currency), parseMoney(expected, invoice.currency)]
      return a.ok && b.ok && a.value.minor < b.value.minor
    }
    if (!invoice.lines.every(above)) return
    delete f.expectedUnitPrice
    const r = u.facts.reason
    if (f.reasonCode === 'pricing_error' && r?.source === 'facts' && r.evidence === 'expectedUnitPrice')
      delete f.reasonCode
  }

  /**
   * "12 drums billed, only 11 came" on a line "Hydraulic oil (12 x 208 L)" of 2,496: a count billed that is
   * the number of packs the line's description says make its quantity (or of the containers it sizes:
   * "per litre (pail 20 L)" of 160 is 8 pails) puts the claim's counts in those packs; they are read in
   * the line's measure (2,288 of 2,496). Mutates the facts.
   */
  async function countsInPacksOfTheLine(state: ConversationState, invoice: InvoiceRecord, message: string) {
    const f = state.facts
    const billed = f.quantityBilled
    if (billed === undefined) return
    const scope = await linesOfTheClaim(state, message)
    const packed = invoice.lines
      .filter((l) => !scope?.length || scope.includes(l.line))
      .flatMap((line) => {
        const packs = containersOf(line)
        return line.quantity !== billed && packs?.count === billed ? [{ line, packs }] : []
      })
    if (packed.length !== 1) return
    const { line, packs } = packed[0]!
    const inMeasure = (n: number) => Number((n * packs.size).toFixed(3))
    f.quantityBilled = line.quantity
    if (f.quantityReceived !== undefined) f.quantityReceived = inMeasure(f.quantityReceived)
    if (f.quantityAffected !== undefined) f.quantityAffected = inMeasure(f.quantityAffected)
    f.lines = [line.line]
  }

  /**
   * "about ZAR 1,200 in rand" on a dollar invoice, "R45" on a kip one: a figure said in another currency
   * than the invoice's, by a mark only that currency uses, is not the amount in the invoice's currency
   * (the engine works it out from the evidence or asks). A mark several currencies share ("$", "£",
   * "Rs", "kr") may mean the invoice's own and stays. Mutates the facts.
   */
  function otherCurrencyIsNoAmount(u: Understanding, state: ConversationState, invoice: InvoiceRecord): void {
    const said = u.facts.amount
    if (!said?.currency || said.currency === invoice.currency || state.facts.disputedAmount !== said.value) return
    const mark = (said.raw ?? '').replace(/[\d.,'’\s\u00a0\u202f]/g, '').replace(SCALE_AFTER, '')
    // Its code or a sign only: a currency's name ("dollars") may be said of the invoice's own.
    const sign = mark.toUpperCase() === said.currency || (!/\p{L}{3}/u.test(mark) && !SHARED_MARK.test(mark))
    if (!sign) return
    delete state.facts.disputedAmount
  }

  /**
   * "the van came on 3.11. with 12 crates", "at goods-in on 14.09": a figure written as a day and a month,
   * with no currency, that is a date the invoice or its deliveries and service logs carry is that
   * date, not the amount in dispute (a credit of 3.11 would be a wrong credit). Dots read day first;
   * a slash either way. Mutates the conversation's facts.
   */
  async function datesAreNotAmounts(u: Understanding, state: ConversationState, invoice: InvoiceRecord): Promise<void> {
    const said = u.facts.amount
    const parts = said?.raw && !said.currency ? /^(\d{1,2})([./])(\d{1,2})$/.exec(said.raw) : null
    if (!said || !parts || state.facts.disputedAmount !== said.value) return
    const [a, b] = [Number(parts[1]), Number(parts[3])]
    const readings =
      parts[2] === '.'
        ? [[a, b]]
        : [
            [a, b],
            [b, a],
          ]
    const deliveries = (await ledger.deliveries({ invoiceNumber: invoice.number, limit: 200 })).items
    const logs = (await ledger.serviceLogs({ invoiceNumber: invoice.number, limit: 200 })).items
    const dates = [
      invoice.issueDate,
      invoice.dueDate,
      ...deliveries.map((d) => d.deliveredDate),
      ...logs.flatMap((g) => [g.periodStart, g.periodEnd]),
    ]
    const monthDay = ([day, month]: number[]) => `-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    const carried = dates.some((iso) => readings.some((r) => iso?.endsWith(monthDay(r))))
    // "22.01. nobody came": a day of the service period billed, which no record carries because it was
    // not served, is a date too.
    const { servicePeriodStart: from, servicePeriodEnd: to } = invoice
    const inPeriod =
      !!from &&
      !!to &&
      readings.some((r) => {
        const year = Number(from.slice(0, 4))
        return [year, year + 1].some((y) => {
          const iso = `${y}${monthDay(r)}`
          return from <= iso && iso <= to
        })
      })
    if (carried || inPeriod) delete state.facts.disputedAmount
  }

  /**
   * "the 4.750 charge", "16.250 each, we invoiced 19.750 x 4" on an invoice in a currency of three
   * minor digits (BHD, KWD, OMR, JOD): the one separator before three digits is the decimal point, as
   * that currency writes its fils. A figure this turn read as thousands is read again so; a "count" that
   * is a line's unit price so read is the billed price. Mutates the conversation's facts.
   *
   * Where the conversation groups thousands with commas ("IQD 418,000"), a comma before three digits
   * is no decimal mark: those figures are read as thousands, however they were read from the words.
   */
  function filsAsWritten(u: Understanding, state: ConversationState, invoice: InvoiceRecord, message: string): void {
    const f = state.facts
    const grouped = commasGroupThousands([...state.description, message].join('\n'), invoice)
    const separator = grouped ? '[.]' : '[.,]'
    const written = [
      ...message.matchAll(new RegExp(`(?<![\\d.,])(\\d{1,3})${separator}(\\d{3})(?![\\d]|[.,]\\d)`, 'g')),
    ].map((m) => ({ thousands: `${Number(`${m[1]}${m[2]}`)}`, fils: `${Number(m[1])}.${m[2]}` }))
    const asFils = (value: string | undefined): string | undefined => {
      const whole = value?.replace(/\.0+$/, '')
      return written.find((w) => w.thousands === whole)?.fils
    }
    const said = u.facts.amount
    if (said && !said.currency && f.disputedAmount === said.value)
      f.disputedAmount = asFils(said.value) ?? f.disputedAmount
    // "2 480,375 dinars", with no currency of three decimals named: spaces group the thousands, so the
    // mark after them is the decimal one, as the invoice's currency writes its fils.
    const spaced = said?.raw ? SPACED_THREE.exec(said.raw) : null
    if (said && spaced && f.disputedAmount === said.value)
      f.disputedAmount = `${Number(spaced[1]!.replace(/\D/g, ''))}.${spaced[2]}`
    // "montant 12.480 DT" of an invoice of 12,480.000: a dot before three digits is the decimal point
    // unless, read so, the figure is none of the invoice's and, read as thousands, one of them.
    const dot = said?.raw ? DOT_THREE.exec(said.raw) : null
    const thousands = dot ? `${Number(`${dot[1]}${dot[2]}`)}.000` : undefined
    if (
      said &&
      thousands &&
      f.disputedAmount === said.value &&
      sameFigure(said.value, `${dot![1]}.${dot![2]}`) &&
      figureOnInvoice(invoice, thousands) &&
      !figureOnInvoice(invoice, said.value)
    )
      f.disputedAmount = thousands
    // "IQD 418,000" read as 418.000 from the currency alone.
    const comma = grouped && said?.raw ? COMMA_THREE.exec(said.raw) : null
    if (said && comma && said.currency && f.disputedAmount === said.value)
      f.disputedAmount = `${Number(`${comma[1]}${comma[2]}`)}.000`
    if (f.expectedUnitPrice && f.expectedUnitPrice === u.facts.expectedUnitPrice)
      f.expectedUnitPrice = asFils(f.expectedUnitPrice) ?? f.expectedUnitPrice
    const billedAsPrice = f.quantityBilled === u.facts.quantityBilled ? asFils(String(f.quantityBilled)) : undefined
    if (billedAsPrice && invoice.lines.some((l) => sameFigure(l.unitPrice, billedAsPrice))) delete f.quantityBilled
  }

  /**
   * A charge the message names by its amount ("the 22.000 weekend charge", "Tsh 180,000 for
   * the express run") or, for a charge not recognised, by the words of the fee's description, is that fee of the
   * invoice: the claim is the fee, not the whole invoice. Mutates the conversation's facts.
   */
  function feeTheMessageNames(
    u: Understanding,
    state: ConversationState,
    invoice: InvoiceRecord,
    message: string,
  ): void {
    const f = state.facts
    // "two things – the 60.00 express delivery and the coolant price … the express is fine": a fee last
    // named as in order is none of the claim's, nor is its amount.
    const text = [...state.description, message].join('\n')
    if (!invoice.fees?.length) return
    // The conversation in English words, glossed once for every fee and word read below.
    const glossed = glossToEnglish(text)
    const lineWords = lineWordsOf(invoice.lines)
    const clauses = clausesOf(glossed)
    const standing = invoice.fees.filter((fee) => feeSaidInOrder(fee, lineWords, clauses))
    const fees = invoice.fees.filter((fee) => !standing.includes(fee))
    const stood = standing.find((fee) => fee.type === f.feeType)
    if (stood && !theFeeOfType(fees, f.feeType)) {
      delete f.feeType
      if (f.disputedAmount && sameFigure(f.disputedAmount, stood.amount)) delete f.disputedAmount
    }
    // "a 12.50 printed-statement / handling fee": a fee type read from a word ("handling fee") that
    // the invoice carries no fee of gives way to the fee the figure said is.
    if (f.feeType && !fees.some((fee) => fee.type === f.feeType)) {
      const byAmount = feeAgainstFees(text, fees, invoice.lines, invoice.currency)
      if (byAmount) {
        f.feeType = byAmount.type
        // Its figure is the fee's amount, not a price the customer holds to.
        if (f.expectedUnitPrice && sameFigure(f.expectedUnitPrice, byAmount.amount)) delete f.expectedUnitPrice
      }
    }
    if (f.feeType) contestedAsCharge(state, fees, false)
    // "they won't take the haulage of 95.00 added on top": the one fee of the type the words name, at the
    // figure said (or none said), is the charge in question, whatever goods word the model read a
    // reason from ("delivered", "not").
    if (f.feeType && f.reasonCode && !FEE_REASONS.has(f.reasonCode)) {
      const r = u.facts.reason
      const fee = theFeeOfType(fees, f.feeType)
      const atItsAmount = f.disputedAmount === undefined || sameFigure(f.disputedAmount, fee?.amount ?? '')
      if (fee && atItsAmount && r?.source === 'model' && r.code === f.reasonCode) f.reasonCode = contestedFee(fee.type)
    }
    // A message that names a fee and no reason at all ("they object to the 15.000 short-run surcharge") is read
    // as below too.
    if (!fees.length || f.feeType) return
    const byFigure = feeAgainstFees(text, fees, invoice.lines, invoice.currency)
    const said = new Set(wordStems(glossed))
    // "the 30.00 short-run surcharge … nobody ordered that": a fee the message names by its amount and
    // by the words of its description is the charge in question, whatever goods or service word the
    // model read a reason from, or a phrase read inside the fee's own name ("30.00 short" of "short-run"),
    // and whatever line the message names beside it as what was agreed ("we only have the cleaning").
    if (!f.reasonCode || !FEE_REASONS.has(f.reasonCode)) {
      const r = u.facts.reason
      const words = byFigure ? feeOwnWords(byFigure, lineWords) : []
      // No reason in the words at all (one read from other figures against the lines) is a guess too.
      const guessed =
        !r ||
        !f.reasonCode ||
        (r.code === f.reasonCode &&
          (r.source === 'model' ||
            r.source === 'facts' ||
            (r.evidence.toLowerCase().match(/[a-z]{4,}/g) ?? []).some((w) => words.includes(w))))
      // Its words all said, or two of them ("sortida d'urgència" of "Sortida d'urgència 24/01 fora d'horari").
      const named = words.filter((w) => said.has(w)).length >= Math.min(2, words.length)
      if (byFigure && guessed && words.length && named) {
        f.reasonCode = contestedFee(byFigure.type)
        f.feeType = byFigure.type
        delete f.sku
        delete f.lines
      }
      return
    }
    if (f.lines?.length || f.sku) return
    const byWords =
      f.reasonCode === 'unrecognized_charge'
        ? fees.filter((fee) => wordStems(fee.description ?? '').some((w) => said.has(w) && !lineWords.has(w)))
        : []
    const fee = byFigure ?? (byWords.length === 1 ? byWords[0] : undefined)
    if (!fee) return
    f.feeType = fee.type
    contestedAsCharge(state, fees, true)
  }

  /**
   * "no surcharge was ever agreed with us … kindly cancel the 15.000": the one fee of the type claimed, contested
   * as a price at its own amount, with no price said against it ("5 % not 8 %"), is contested as a
   * charge, agreed or not. A fee the message named by its figure or words may be contested at no
   * amount said; a fee type read from a word alone ("Northwind Freight says the price…") may not.
   * Mutates the facts.
   */
  function contestedAsCharge(state: ConversationState, fees: readonly Fee[], named: boolean): void {
    const f = state.facts
    const fee = theFeeOfType(fees, f.feeType)
    if (!fee || fee.type === 'late_fee' || f.reasonCode !== 'pricing_error' || f.expectedUnitPrice) return
    const atItsAmount = f.disputedAmount !== undefined && sameFigure(f.disputedAmount, fee.amount)
    if (atItsAmount || (named && f.disputedAmount === undefined)) f.reasonCode = 'unrecognized_charge'
  }

  /**
   * Figures said this turn, read against the invoice's prices: one the invoice shows as a unit price
   * (billed, or agreed in the contract or PO) is a price, not the amount in dispute (a credit capped
   * at a unit price is a wrong credit); a "right price" that is the billed price is the billed one.
   */
  async function pricesAreNotAmounts(
    u: Understanding,
    state: ConversationState,
    invoice: InvoiceRecord,
    message: string,
  ): Promise<boolean> {
    const f = state.facts
    // "two bills, 2,480.00 each": a figure equal to the invoice's total is what it bills, not a price
    // (unless a line is priced at it).
    const total = invoice.total ?? invoice.computedTotal
    if (
      f.expectedUnitPrice &&
      sameFigure(total, f.expectedUnitPrice) &&
      !invoice.lines.some((l) => sameFigure(l.unitPrice, f.expectedUnitPrice!))
    )
      delete f.expectedUnitPrice
    const said = {
      amount: u.facts.amount?.value === f.disputedAmount ? f.disputedAmount : undefined,
      expected: u.facts.expectedUnitPrice === f.expectedUnitPrice ? f.expectedUnitPrice : undefined,
      billed: u.facts.billedUnitPrice,
    }
    const carried = f.expectedUnitPrice !== undefined && !said.expected ? f.expectedUnitPrice : undefined
    if (!said.amount && !said.expected && !said.billed && !carried) return false
    const contracts = await ledger.contractsForCustomer(invoice.customerId)
    const orders = invoice.poNumber ? (await ledger.purchaseOrders({ number: invoice.poNumber, limit: 5 })).items : []
    const agreed: AgreedPrice[] = [...contracts.flatMap((c) => c.prices), ...orders.flatMap((o) => o.lines)]
    // A price said with its tax ("6 kits @ $34.50 incl GST") is read against the lines' prices with their tax too.
    // Read only when a price is read against the lines: findAmounts is one of the dearer readers of a turn.
    let withTax: AmountMention[] | undefined
    const saidWithItsTax = (v: string): boolean => {
      withTax ??= findAmounts(message).filter((a) => saidWithTax(message, a))
      return withTax.some((a) => sameFigure(a.value, v))
    }
    const read = (v?: string, priced = false) =>
      v ? readFigureAgainstInvoice(invoice, agreed, v, { withTax: priced && saidWithItsTax(v) }) : null
    // A price kept from an earlier turn ("wrong number, it's KX-25/0211"), read against the invoice now
    // in question: the price it bills, where the contract agrees another, is the billed one, and the
    // agreed one is what the customer expects.
    const kept = read(carried)
    if (kept?.kind === 'billed_unit_price' && kept.agreed) f.expectedUnitPrice = kept.agreed
    if (!said.amount && !said.expected && !said.billed) return kept !== null
    // "6 inspections billed @ 60 … one never happened, dispute 60": the billed price said again, apart
    // from its working, beside units short in the words, is what one unit comes to: the claim's size.
    if (said.amount && oneUnitsWorth(u, said.amount, message)) return false
    // "contesting one, $52": the amount that the count in dispute comes to at a line's price is the claim's size.
    const disputedCount = f.quantityAffected
    const parsedAmount = said.amount ? parseMoney(said.amount, invoice.currency) : undefined
    if (
      disputedCount !== undefined &&
      parsedAmount?.ok &&
      unitsComingTo(invoice, parsedAmount.value, [disputedCount], 1)
    )
      return false
    // "that's 1 x GBP 14,50": a count times a price, claimed, is the sum it makes, even where it equals the
    // price of one unit.
    if (said.amount && /\d\s*[x×]\s*\D{0,5}\d/.test(u.facts.amount?.raw ?? '')) return false
    const readings = { amount: read(said.amount), expected: read(said.expected, true), billed: read(said.billed, true) }
    if (readings.amount) delete f.disputedAmount
    if (readings.expected?.kind === 'billed_unit_price') {
      delete f.expectedUnitPrice
      // "12 drums at 46,20 instead of 44,00": the two prices read the wrong way round; the one the
      // invoice bills is the billed one, so the other is what the customer expects.
      if (said.billed && readings.billed?.kind !== 'billed_unit_price') f.expectedUnitPrice = said.billed
      // "came short … $14 a bag plus GST": the price said is the one billed, context for the count;
      // the reason the words gave stands, not the price claim that price alone implied.
      // Where the price comparison itself came to nothing (every price said is one the invoice bills),
      // the words' own reading stands in for the one the comparison made.
      const words = u.facts.reason
      // A price said with its tax that is a line's ("6 kits @ 34.50 incl GST") compares nothing either.
      const nothingCompared =
        readings.billed?.kind === 'billed_unit_price' || (!said.billed && saidWithItsTax(said.expected!))
      const read = words?.source === 'facts' ? (nothingCompared ? words.words : undefined) : words?.code
      if (f.reasonCode === 'pricing_error' && read && read !== 'pricing_error') f.reasonCode = read
    }
    // "agreed 14.20 a bag, you billed 15.00. Line is 600.00, total 720.00": beside two prices
    // compared, the invoice's own total or a line's is quoted from the invoice; the claim is the
    // difference the prices make, unless the whole is said to be disputed.
    const expected = f.expectedUnitPrice
    const compared = expected !== undefined && invoice.lines.some((l) => !sameFigure(l.unitPrice, expected))
    if (
      compared &&
      f.reasonCode === 'pricing_error' &&
      f.disputedAmount === said.amount &&
      quotesTheInvoice(invoice, said.amount, message)
    )
      delete f.disputedAmount
    // "Rs. 96,300 with GST in all … 3 sacks torn", "IGV 18 % is 1,188.00 of the 7,788.00 billed":
    // the invoice's total quoted beside a narrower claim (a count, a price, days, its tax) is
    // context, and so is it beside a claim that it was paid when part of it is already settled;
    // the claim is sized from the rest.
    if (
      f.disputedAmount === said.amount &&
      said.amount !== undefined &&
      !WHOLE_INVOICE.test(message) &&
      !WHOLE_AMOUNT.test(message) &&
      quotesTheTotal(invoice, said.amount) &&
      (narrowerThanTheInvoice(f) ||
        (f.reasonCode === 'already_paid' && !sameFigure(invoice.openBalance, invoice.total ?? invoice.computedTotal)))
    )
      delete f.disputedAmount
    const agreedSaid = (['amount', 'billed', 'expected'] as const).find(
      (k) => readings[k]?.kind === 'agreed_unit_price',
    )
    if (agreedSaid && !f.expectedUnitPrice) f.expectedUnitPrice = said[agreedSaid]
    // A unit price said against an agreed price that differs: a pricing dispute, whatever word named it
    // ("64.00 billed, 60.00 in the contract" reads as contract wording, but the claim is the price).
    const differs = Object.values(readings).some((r) => r?.kind === 'billed_unit_price' && r.agreed !== undefined)
    if ((agreedSaid || differs) && (f.reasonCode === 'contract_terms' || f.reasonCode === 'other'))
      f.reasonCode = 'pricing_error'
    return Object.values(readings).some(Boolean)
  }

  /**
   * "they paid on 04/07, bank ref 5520719": the payment they mean, found among their payments
   * by a number its reference holds or by either reading of a numeric date (day or month first is
   * the writer's habit, not something the text says). Only a single payment that fits is taken.
   */
  /**
   * "we wired the 1,540.00 on the 20th and still get reminders": where no reason was read, a figure the
   * message says that is what the invoice still owes, with one payment of the customer's for that amount
   * in the ledger applied to no invoice, says the invoice was paid; the evidence then checks it. Mutates
   * the facts.
   */
  async function unappliedPaymentSaid(state: ConversationState, invoice: InvoiceRecord, message: string) {
    const owed = invoice.openBalance
    if (state.facts.reasonCode || isZeroAmount(owed)) return
    if (!findAmounts(message).some((a) => sameFigure(a.value, owed))) return
    const payments = await readAll((p) => ledger.payments({ customerId: invoice.customerId, ...p }))
    const unapplied = payments.filter(
      (p) => !p.invoiceNumber && p.currency === invoice.currency && sameFigure(p.amount, owed),
    )
    if (unapplied.length === 1) state.facts.reasonCode = 'already_paid'
  }

  async function paymentAsTheLedgerHasIt(
    state: ConversationState,
    invoice: InvoiceRecord,
    message: string,
    today: string,
  ): Promise<void> {
    if (state.facts.reasonCode !== 'already_paid') return
    const own = invoice.number.replace(/\D/g, '')
    const digitRuns = [...message.matchAll(/\d{5,}/g)].map((m) => m[0]).filter((d) => d !== own)
    const dates = numericDateReadings(message, today)
    if (!digitRuns.length && !dates.length) return
    const payments = await readAll((p) => ledger.payments({ customerId: invoice.customerId, ...p }))
    const found = groundPayment(payments, { digitRuns, dates })
    if (found.reference && !state.facts.paymentReference) state.facts.paymentReference = found.reference
    if (found.date && (!state.facts.paymentDate || dates.includes(state.facts.paymentDate)))
      state.facts.paymentDate = found.date
  }

  /**
   * "total 9.240,00 | abonado 8.800,00 | dcto 440,00 … to them the sack was 52": of the message's figures,
   * the one the ledger's remittance advice deducted from this invoice is the claim (DOMAIN.md, Deductions:
   * the disputed amount is the deducted amount), whatever else is said. And where the words give no reason
   * but the payment itself ("they short-paid us, here is the remittance"), the reason is the one the
   * remittance gives in the ledger, read as the customer's words are.
   */
  async function deductionTheLedgerHolds(state: ConversationState, invoice: InvoiceRecord, message: string) {
    // Read only where the message says a figure or a short payment: a turn without either reads no payments.
    const figures = findAmounts(message)
    const shortPaid = saysShortPaid(message)
    if (!figures.length && !shortPaid) return
    // The customer's payments with their remittance advice, as the investigation reads them (one read a turn).
    const payments = (await ledger.evidenceFor(invoice.number))?.payments ?? []
    const deductions = payments.flatMap((p) =>
      (p.remittance ?? []).flatMap((r) =>
        r.invoiceNumber === invoice.number && r.deducted && Number(r.deducted) > 0
          ? [{ deducted: r.deducted, reasonText: r.reasonText }]
          : [],
      ),
    )
    const [only] = deductions
    if (!only || deductions.length > 1) return
    const said = figures.some((a) => sameFigure(a.value, only.deducted))
    // "they paid 3310 short, the remit just says TDS": a short payment said with no figure read, of the one
    // deduction the ledger holds on the invoice, is that deduction.
    const unread = !state.facts.disputedAmount && !figures.some((a) => a.role === 'amount') && shortPaid
    if ((said || unread) && !sameFigure(state.facts.disputedAmount ?? '', only.deducted))
      state.facts.disputedAmount = only.deducted
    const reason = state.facts.reasonCode
    if ((reason && reason !== 'already_paid') || !only.reasonText || !(said || shortPaid)) return
    const read = classifyReason(only.reasonText)
    if (read.code && read.code !== 'already_paid' && (read.matchedPattern || read.confidence >= REASON_MIN_CONFIDENCE))
      state.facts.reasonCode = read.code
  }

  /** The period an invoice's service covers: its own, else the span of its service logs. */
  async function servicePeriodOf(invoice: InvoiceRecord): Promise<{ from: string; to: string } | null> {
    if (invoice.servicePeriodStart)
      return { from: invoice.servicePeriodStart, to: invoice.servicePeriodEnd ?? invoice.servicePeriodStart }
    const logs = (await ledger.serviceLogs({ invoiceNumber: invoice.number, limit: 200 })).items
    if (!logs.length) return null
    const from = logs.map((l) => l.periodStart).sort()[0]!
    const to = logs
      .map((l) => l.periodEnd ?? l.periodStart)
      .sort()
      .at(-1)!
    return { from, to }
  }

  /** Whether the contract an invoice is billed under leaves part of the service period it bills uncovered:
   *  it ended before the period did, or began after the period did. */
  async function periodOutsideTheContract(invoice: InvoiceRecord): Promise<boolean> {
    const period = await servicePeriodOf(invoice)
    if (!period || !invoice.contractId) return false
    const contract = await ledger.getContract(invoice.contractId)
    if (!contract) return false
    return Boolean((contract.endDate && contract.endDate < period.to) || contract.startDate > period.from)
  }

  /** The invoices that carry a PO, read by the PO's number as typed. */
  async function invoicesOnPo(typed: string): Promise<InvoiceRecord[]> {
    const orders = (await ledger.purchaseOrders({ number: typed.trim(), limit: 5 })).items
    const out: InvoiceRecord[] = []
    for (const o of orders) {
      const invoices = await readAll((p) => ledger.findInvoices({ customerId: o.customerId, ...p }))
      out.push(...invoices.filter((i) => i.poNumber && canonical(i.poNumber) === canonical(o.number)))
    }
    return out
  }

  /** Whether the claimed lines are services (logs, a service period) or goods (deliveries). */
  /** The lines the claim is about (every line where it names none), and their SKUs. */
  async function claimedLines(invoice: InvoiceRecord, state: ConversationState, message: string) {
    const scope = await claimLines(state, message)
    const lines = scope.sku
      ? matchSku(invoice.lines, scope.sku)
      : scope.lines?.length
        ? invoice.lines.filter((l) => scope.lines?.includes(l.line))
        : invoice.lines
    return { lines, skus: new Set(lines.map((l) => l.sku)) }
  }

  /** `byPeriod` false: an invoice's service period alone does not make a line of it a service. */
  async function lineKind(
    invoice: InvoiceRecord,
    state: ConversationState,
    byPeriod = true,
  ): Promise<'service' | 'goods' | undefined> {
    const { lines, skus } = await claimedLines(invoice, state, '')
    const logs = (await ledger.serviceLogs({ invoiceNumber: invoice.number, limit: 200 })).items
    const deliveries = (await ledger.deliveries({ invoiceNumber: invoice.number, limit: 200 })).items
    const served = logs.some((l) => skus.has(l.sku))
    const shipped = deliveries.some((d) => skus.has(d.sku))
    if (served && !shipped) return 'service'
    if (shipped && !served) return 'goods'
    if (!served && !shipped) {
      const words = lines.map((l) => `${l.sku} ${l.description ?? ''}`).join(' ')
      // Time on hire is a service over time: units short of it were not rendered, not not delivered.
      if (
        SERVICE_WORDS.test(words) ||
        HIRE_WORDS.test(words) ||
        (byPeriod && invoice.servicePeriodStart && !GOODS_WORDS.test(words))
      )
        return 'service'
    }
    return undefined
  }

  /**
   * The lines of a claim a later turn adds to: those the claim held and those this turn names, when
   * it names others ("the gutter clearing on that bill too"). Undefined when either names no one line.
   */
  async function linesAdded(
    invoiceNumber: string,
    held: { sku?: string | undefined; lines?: number[] | undefined },
    now: { sku?: string | undefined; lines?: number[] | undefined },
  ): Promise<number[] | undefined> {
    const invoice = await ledger.getInvoice(invoiceNumber)
    if (!invoice) return undefined
    const of = (s: typeof held): number[] => {
      if (s.lines?.length) return s.lines
      const named = s.sku ? matchSku(invoice.lines, s.sku) : []
      return named.length === 1 ? [named[0]!.line] : []
    }
    const before = of(held)
    const after = of(now)
    if (!before.length || !after.length || after.every((l) => before.includes(l))) return undefined
    return [...new Set([...before, ...after])].sort((a, b) => a - b)
  }

  return { findInvoice, claimLines, groundFacts, linesAdded }
}

export type Locator = ReturnType<typeof createLocator>

/** "the whole month", "the full quarter": a period billed in full. */
const WHOLE_PERIOD = /\b(?:whole|full|entire|complete)\s+(?:month|period|quarter|week|year|term|season)\b/i
/** "we would not renew the plan", "it lapsed when March was over", "there was no contract yet", "before the
 *  contract began": a contract's end or start. */
const CONTRACT_BOUND_WORDS =
  /\b(?:(?:not|n't|never)\s+(?:to\s+)?renew(?:ed|ing)?|ran\s+out|run\s+out|lapsed?|expired?|terminated|(?:cancell?ed|ended|closed)\s+(?:the|our|their|o|a)\s+(?:[\w-]+\s+){0,3}?(?:contract|agreement|plan|subscription|service|circuit|line|lease)|(?:contract|agreement|plan|subscription|retainer|lease|hire)\s+(?:had\s+|has\s+)?(?:ended|finished|stopped|(?:only\s+)?(?:started|began|begun|starts|begins))|(?:there\s+)?(?:was|were)\s+no\s+(?:contract|agreement)|before\s+(?:the|their|our)\s+(?:contract|agreement)\s+(?:started|began|begun|was\s+signed))\b/i
/** Readings of the words alone that a contract ended before the period billed overrules. */
const PAST_END_GUESSES = new Set<ReasonCode>([
  'already_paid',
  'duplicate_billing',
  'other',
  'unrecognized_charge',
  // "yet June was billed to them as well", "recebeu a NF de junho": a bill received read as units short.
  'quantity_discrepancy',
  'service_not_rendered',
])
/** A negation, in English or glossed into it. */
const NEGATED = /\b(?:no|not|never|nobody|none|without)\b|n't\b/i
/** Model-only readings two prices against a billed one overrule: none of them is about a price. */
const PRICE_OVERRULES_GUESS = new Set<ReasonCode>([
  'contract_terms',
  'quantity_discrepancy',
  'unrecognized_charge',
  'other',
])
/** "their last invoice", "the latest invoice we sent them": the customer's most recent invoice. */
const LATEST_OF_CUSTOMER =
  /\b(?:their|the customer's|his|her)\s+(?:last|latest|most recent|newest)\s+(?:[\w-]+\s+){0,2}?(?:invoice|bill)\b|\bthe\s+(?:last|latest|most recent)\s+(?:invoice|bill)\s+(?:we|I)\s+(?:sent|issued|raised)\b/i
/** The fee as what is disputed: "contesting the overdue interest", "we reject this penalty". */
const FEE_DISPUTED =
  /\b(?:disput\w*|contest\w*|reject\w*|quer(?:y|ying|ies)|challeng\w*|waive|revers\w*)\s+(?:the\s+|this\s+|that\s+|their\s+|our\s+)?(?:[\w-]+\s+){0,2}?(?:interest|finance charge|late (?:charge|fee|payment (?:fee|charge))|penalt(?:y|ies))\b/i
// "check" is the cheque only as a thing ("by check", "check #4471"), never the verb ("can you check this").
const PAID =
  /\b(?:paid|payment|remitted|settled|cheque|wire[ds]?|wiring|ach|tt|transferred|bank transfer|remittance|bacs|sepa|eft|giro|swift|neft|rtgs|imps|upi|pix|zelle|interac|e-?transfer|direct debit|standing order)\b|\b(?:by|a|the|our|their|per|via|with|mailed|cashed|sent)\s+check\b|\bcheck\s*(?:no\.?|number|#)\s*\d/i
/** The message with the older messages of a pasted thread blanked out (positions kept). */
const withoutHistory = (message: string): string => withoutSpans(message, quotedHistory(message))

/** The text with the spans blanked out (positions kept). */
function withoutSpans(text: string, spans: readonly { index: number; length: number }[]): string {
  let out = text
  for (const h of spans) out = `${out.slice(0, h.index)}${' '.repeat(h.length)}${out.slice(h.index + h.length)}`
  return out
}
/** "we paid 0131 two times by mistake": a payment made twice, not an invoice billed twice. */
const PAID_TWICE = reasonPattern('paid twice')
const WEAK_FOR_FEE = new Set<ReasonCode>([
  'other',
  'unrecognized_charge',
  'pricing_error',
  'contract_terms',
  'service_dissatisfaction',
])
const NOT_THERE =
  /\b(?:never (?:arrived|came|showed(?: up)?|turned up|happened|received|got there|delivered)|didn'?t (?:arrive|come|show(?: up)?|turn up|happen)|did not (?:arrive|come|show|turn up|happen)|no[- ]show)\b/i
const NOT_DONE =
  /\b(?:(?:were|was|are|is|got|been) (?:not|never) (?:done|performed|carried out|completed|serviced)|(?:weren'?t|wasn'?t|aren'?t|isn'?t) (?:done|performed|carried out|completed)|(?:skipped|missed)(?! (?:a |the )?(?:payment|deadline|due date))|no[- ]shows?)\b/i
/** A month named, in English or glossed into it ("the October maintenance", "la factura de octubre"). */
const MONTH_SAID =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i
/** The words of the generic over-charge pattern, which say too much was billed but not whether by price or count. */
const TOO_MUCH_BILLED = /^over-?(?:charg|bill|invoic)/i
const GOODS_OR_SERVICE = new Set<ReasonCode>(['quantity_discrepancy', 'service_not_rendered', 'damaged_goods', 'other'])
const SERVICE_WORDS =
  /\b(?:SVC|SERVICE|VISIT|HOURS?|MAINTENANCE|CLEANING|SUPPORT|SUBSCRIPTION|SEAT|CONSULT|INSTALL|LABOU?R|INSPECTION|REPAIR|DETENTION|DEMURRAGE|WAITING|STANDBY|MONITORING|GUARD|SECURITY|PATROL)/i
/** A count and the sign or word that multiplies it by a price ("6 trips @", "3 h à", "3 x", "4 nights at"). */
const PRICE_TERM_BEFORE = /\d\s*(?:[\p{L}.-]+\s+){0,3}(?:[x×*@à]|at)\s*(?:\p{Sc}\s?|[A-Z]{3}\s?)?$/u
/** The same working with the price first: "95.00 x 2 nights", "95.00 × 4". */
const PRICE_TERM_AFTER = /^\s*(?:[x×*]|times)\s*\d/
/** Whether a sum is the difference of two prices over the whole line, net or with the line's tax. */
function differenceOnLine(
  invoice: InvoiceRecord,
  prices: { expected: string; billed: string; line: number },
  amount: string,
): boolean {
  const line = invoice.lines.find((l) => l.line === prices.line)
  const gap = line && gapOverLine(invoice, line, prices.billed, prices.expected)
  return gap !== undefined && [gap.net, gap.gross].some((m) => sameFigure(m, amount))
}

/** The difference of two prices over a whole line, net and with the line's tax; none where billed is not above. */
function gapOverLine(
  invoice: InvoiceRecord,
  line: InvoiceRecord['lines'][number],
  billed: string,
  expected: string,
): { net: string; gross: string } | undefined {
  const gap = decimalSub(decimal(billed), decimal(expected))
  if (gap.int <= 0n) return undefined
  const f = lineFigures({ ...line, unitPrice: decimalToString(gap) }, invoice.currency)
  return { net: toDecimal(f.net), gross: toDecimal(f.gross) }
}

/** The two prices said one against the other ("380 instead of 450", "450, not 380"), as typed. */
function setAgainst(message: string, prices: { expected: string; billed: string }): boolean {
  const typed = (v: string) => {
    const [whole = '', cents = ''] = v.split('.')
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '[ .,]?')
    return /[1-9]/.test(cents) ? `${grouped}[.,]${cents}` : `${grouped}(?:[.,]0+)?`
  }
  const [e, b] = [typed(prices.expected), typed(prices.billed)]
  const against = String.raw`\s*(?:\p{Sc}|[A-Z]{3})?\s*(?:,\s*)?(?:instead of|rather than|not|vs\.?|versus)\s*(?:\p{Sc}|[A-Z]{3})?\s*`
  return new RegExp(String.raw`(?<![\d.,])(?:${e}${against}${b}|${b}${against}${e})(?!\d)`, 'iu').test(message)
}

/** Reasons about units, whose count an amount claimed may carry. */
const UNIT_REASONS: ReadonlySet<ReasonCode> = new Set(['quantity_discrepancy', 'service_not_rendered', 'damaged_goods'])

/**
 * The amount said twice, once as the billed unit price and once on its own, with units short or
 * damaged as the reason the words give and no count or other price read: the second saying is the
 * claim, one unit's worth, not the price again.
 */
function oneUnitsWorth(u: Understanding, amount: string, message: string): boolean {
  const q = u.facts
  if (q.billedUnitPrice === undefined || !sameFigure(q.billedUnitPrice, amount) || q.expectedUnitPrice) return false
  if ([q.quantityReceived, q.quantityAffected].some((n) => n !== undefined)) return false
  if (!q.reason?.code || !UNIT_REASONS.has(q.reason.code) || q.reason.source === 'facts') return false
  return findAmounts(message).filter((a) => sameFigure(a.value, amount)).length >= 2
}
/** "disputing one", "credit just one", "one short": a single unit claimed. */
const ONE_CLAIMED =
  /\b(?:disput\w*|contest\w*|claim\w*|credit\w*|refund\w*|remove|deduct\w*)\s+(?:just\s+|only\s+)?one\b(?!\s+of\s+(?:the\s+)?(?:invoices?|bills?|charges?))|\bone\s+(?:short|missing|too many)\b/i
/** A whole count as written (not part of a decimal figure, a date or a reference). */
const WHOLE_COUNT = /(?<![\d.,/:-])\d{1,4}(?![\d]|[.,/:-]\d)/g
/** Goods or equipment let for a time (lineKind only: a dated claim is about the work, not the hire). */
const HIRE_WORDS = /\b(?:RENT|HIRE|LEASE|CHARTER)/i
/** Days as a span of a service: "for two days", "3 days", "the days were the 4th and 5th". */
const DAYS_SAID =
  /\b(?:\d+|two|three|four|five|six|seven|a few|several|those|the|both)\s+(?:working\s+|hire\s+)?days?\b|\bdays are\b/i
/** Any word of a price: without one, a message is about no price, whatever the model guessed. */
const PRICE_WORDS =
  /\b(?:prices?|priced|pricing|rates?|tariffs?|per|each|apiece|unit cost|quoted?|quotation|agreed|contract\w*|list|discount\w*|cheaper|dearer|expensive|overcharg\w*)\b|@/i
/** A whole count, its unit word, "x" and a price: "3 shifts x 640.00", "3 × 118.40". */
const COUNT_TIMES_PRICE =
  /(?<![\d.,])(\d{1,4})\s*(?:[\p{L}.-]+\s*)?[x×]\s*(?:\p{Sc}|[A-Z]{1,3}\$?)?\s?(\d{1,3}(?:[ \u00a0.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?![\d.,]*\d)/gu
const GOODS_WORDS = /\b(?:PALLET|ROLLS?|BOX(?:ES)?|UNITS?|SHEETS?|CRATES?|BOARDS?|MATERIALS?|GOODS)\b/i
/** Words that introduce the customer's order number ("their PO for it was …", "Bestellnummer …"). */
const ORDER_BEFORE =
  /\b(?:po|p\.o\.|purchase order|order(?: number| no\.?)?|bestell\w*|pedido|ordine|oda|ordre\w*|bestilling\w*|zamówieni\w*)\b[^.;\d]{0,20}$/i
/** Month names in the languages ledgers and claims are written in, from ICU ("octubre", "Oktober",
 *  "outubro"): a month names the invoice's period, never one of its lines. Built on first use. */
let monthOrYear: RegExp | undefined
function monthOrYearPattern(): RegExp {
  if (monthOrYear) return monthOrYear
  const words = monthNames('long')
    .filter((m) => /^\p{L}{4,}$/u.test(m))
    .sort((a, b) => b.length - a.length)
  monthOrYear = new RegExp(
    String.raw`(?<![\p{L}])(?:jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec|${words.join('|')})(?![\p{L}])|\b20\d\d\b`,
    'giu',
  )
  return monthOrYear
}
const WHOLE_INVOICE =
  /\b(?:in full|the (?:whole|entire|full) (?:invoice|bill|thing|amount)|(?:void|cancel|reverse) (?:the|that|this) (?:whole )?(?:invoice|bill)\b(?! line))/i

/** "tax charged on every line", "all the lines": the claim is each line's, whatever words name some. */
const EVERY_LINE = /\b(?:every|each)\s+(?:single\s+)?(?:line|item)\b|\ball\s+(?:of\s+)?(?:the\s+)?(?:lines|items)\b/i

/** Before an invoice's number, words saying a payment was applied to it ("it hit", "landed on", "posted to"). */
const APPLIED_TO_BEFORE =
  /\b(?:hit|landed\s+(?:on|in|against)|(?:was\s+|got\s+|been\s+)?(?:applied|posted|allocated|matched|cashed|put)\s+(?:to|on|against)|went\s+(?:to|on|against))\s+(?:invoice\s+|inv\.?\s*|#\s*)?$/i

/** "both lines", "two lines, VAT on both". */
const BOTH_LINES =
  /\bboth\s+(?:of\s+the\s+|the\s+)?(?:lines|items)\b|\b(?:two|2)\s+lines\b[^.;!?]{0,40}?\b(?:on|to|for|of|in)\s+both\b/i

/** "querying the whole $9,310", "all of the 2,480": the figure said is what is disputed. */
const WHOLE_AMOUNT = /\b(?:the\s+)?(?:whole|full|entire|all(?:\s+of)?(?:\s+the)?)\s+(?:[A-Z]{3}\s?)?\p{Sc}?\s?\d/iu

/** A figure that is the invoice's total or a line's (net or with tax), said where the message does
 *  not say the whole is disputed: quoted from the invoice, beside the prices that make the claim. */
/** The line a figure is exactly what it bills, with or without its tax; not its tax alone. */
function lineBilling(invoice: InvoiceRecord, figure: string): number | undefined {
  const parsed = parseMoney(figure, invoice.currency)
  const charge = parsed.ok ? chargeEqualTo(invoice, parsed.value) : null
  return charge?.kind === 'line' && charge.part !== 'tax' ? charge.line : undefined
}

/** The one line billed at this unit price. */
function linePricedAt(invoice: InvoiceRecord, figure: string): number | undefined {
  const [only, ...more] = invoice.lines.filter((l) => sameFigure(l.unitPrice, figure))
  return only && !more.length ? only.line : undefined
}

/** The figure is the invoice's total. */
function quotesTheTotal(invoice: InvoiceRecord, amount: string): boolean {
  return sameFigure(invoice.total ?? invoice.computedTotal, amount)
}

/** A claim on less than the whole invoice: a count, a price, days named, or its tax. */
function narrowerThanTheInvoice(f: ConversationState['facts']): boolean {
  return (
    f.quantityAffected !== undefined ||
    f.quantityReceived !== undefined ||
    f.expectedUnitPrice !== undefined ||
    (f.serviceDates?.length ?? 0) > 0 ||
    f.reasonCode === 'tax_error'
  )
}

function quotesTheInvoice(invoice: InvoiceRecord, amount: string | undefined, message: string): boolean {
  const parsed = amount ? parseMoney(amount, invoice.currency) : null
  if (!parsed?.ok || WHOLE_INVOICE.test(message) || WHOLE_AMOUNT.test(message)) return false
  const charge = chargeEqualTo(invoice, parsed.value)
  return charge?.kind === 'total' || (charge?.kind === 'line' && charge.part !== 'tax')
}
// Not before a price ("the valve contract price" names the valves).
const CONTRACT_NAME =
  /\b[\p{L}-]+\s+(?=(?:agreement|contract|framework|subscription)s?\b(?!\s+(?:price|rate|pricing|unit)))/giu
// "freight bill KX-2231": the word before a bill its number follows names the bill, not one of its lines.
const INVOICE_ADJECTIVE =
  /\b(?:clean|corrected|new|revised|proper|fresh|separate|credit|final|original|duplicate)\s+(?=(?:invoice|bill|copy)\b)|\b[\p{L}-]+\s+(?=(?:invoice|bill)\s+(?:no\.?\s*|number\s+|#\s*)?(?=[\w/-]*\d)[\p{Lu}\d][\w/-]*)/giu

/**
 * The percentages a message says, except those of its working: a tax added to a figure ("40.00 + VAT
 * 20 % = 48.00", "incl. 20 % VAT") is arithmetic, not a claim about the tax rate.
 */
export function claimedPercents(message: string): string[] {
  return [...message.matchAll(/(\d{1,2}(?:[.,]\d{1,3})?)\s*(?:%|per\s?cent\b)/gi)]
    .filter((m) => {
      const before = message.slice(Math.max(0, m.index - 14), m.index)
      const after = message.slice(m.index + m[0].length, m.index + m[0].length + 4)
      // "+ VAT 20 %", "plus GST 10%", "加 GST 9%", "tambah PPN 11%", "đã gồm VAT 8%", "cộng VAT 8%": the tax a figure
      // was said with, in the words for "plus" or "including" of the languages claims come in; not a
      // rate in question.
      return (
        !/(?:\+|\bplus|\bincl?\.|\bincluding|\binkl\.?|加|\btambah|\bmás|\bpiù|\bmais|\bzzgl\.?|gồm|cộng|συν)\s*(?:\p{L}+\s*){0,2}$/iu.test(
          before,
        ) && !/^\s*=/.test(after)
      )
    })
    .map((m) => m[1]!)
}

/** Percentages that may name a tax rate: not a reduction asked for ("wants 15% off", "10 % de descuento"). */
export function taxRatesNamed(message: string): string[] {
  return claimedPercents(message).filter((p) => {
    const at = message.search(new RegExp(String.raw`(?<![\d.,])${escapeRegExp(p)}\s*(?:%|per\s?cent\b)`, 'i'))
    const after = message.slice(at, at + 40).replace(/^[\d.,]+\s*(?:%|per\s?cent)/i, '')
    return !REDUCTION_AFTER.test(after) && !REDUCTION_AFTER.test(glossToEnglish(after))
  })
}
const REDUCTION_AFTER = /^\s*(?:[a-z]{1,3}\s+)?(?:off|discount|reduction|rebate|less|down|cut|knocked off|taken off)\b/i

/** Rates compared rather than listed: "18 % instead of 5 %", "should be 5 %, not 18 %". */
const COMPARES_RATES =
  /%\s*(?:\p{L}+\s+){0,3}?(?:instead of|not|rather than|vs\.?|versus)\b|\b(?:should be|ought to be)\s+\d{1,2}(?:[.,]\d+)?\s*%/iu

/** The text without runs of two or more words of the customer's name ("Northwind Freight Systems"). */
export function withoutName(text: string, name: string): string {
  const words = [...new Set(name.toLowerCase().match(/[a-z0-9]+/g) ?? [])]
  if (!words.length) return text
  const w = `(?:${words.join('|')})`
  return text.replace(new RegExp(`\\b${w}(?:[\\s,&.-]+${w})+\\b`, 'gi'), ' ')
}

/**
 * The one invoice of those offered whose serial, without its leading zeros, is a number the message
 * says on its own ("48" for 0048/26/PKS, "(51)"), other than that of the invoice said to stay; none
 * when no number or several fit. Figures with a decimal part or grouping are amounts, not these.
 */
function offeredByDigits<T extends { number: string }>(
  offered: readonly T[],
  message: string,
  kept?: string,
): T | undefined {
  const said = numbersSaidAlone(message)
  // "47 is the right one": the number of the invoice that stays does not choose the disputed one.
  if (kept && /^\d+$/.test(kept)) said.delete(String(Number(kept)))
  const fits = offered.filter((i) => {
    const serial = serialOf(i.number)
    return serial !== undefined && said.has(serial)
  })
  return fits.length === 1 ? fits[0] : undefined
}

/** The whole numbers the message says on their own, without leading zeros ("733" of "do 733
 *  first."); a full stop after one ends the sentence, while a decimal part or grouping makes it money. */
export function numbersSaidAlone(message: string): Set<string> {
  return new Set(
    [...message.matchAll(/(?<![\w.,/$€£¥-])\d{1,6}(?![\w/%-]|[.,]\d|\s?(?:k|m)\b)/gi)]
      .filter((m) => !isOriginal(message, { index: m.index, length: m[0].length }))
      .map((m) => String(Number(m[0]))),
  )
}

/** Numbers said right after an order word ("pedido 091", "order no. 124"), without leading zeros. */
function shortOrdersSaid(message: string): string[] {
  return [...message.matchAll(/(?<![\w.,/-])\d{2,6}(?![\w/-]|[.,]\d)/g)]
    .filter((m) => ORDER_WORDS_BEFORE.test(message.slice(Math.max(0, m.index - 40), m.index)))
    .map((m) => String(Number(m[0])))
}

/** The last run of digits of a number, without leading zeros ("PC-ILH-2026/091" → "91"). */
const lastNumberOf = (number: string): string => String(Number(/(\d+)\D*$/.exec(number)?.[1] ?? 'NaN'))

/** An invoice number's serial as people say it: its longest run of digits (the last of equal ones),
 *  without leading zeros ("0048/26/PKS" → "48", "INV-2026-0042" → "42"). */
function serialOf(number: string): string | undefined {
  const digits = (number.match(/\d+/g) ?? []).reduce<string | undefined>(
    (a, b) => (!a || b.length >= a.length ? b : a),
    undefined,
  )
  return digits === undefined ? undefined : String(Number(digits))
}

/** Words of four letters or more, singular, lower-case: "Valves, brass 2in" → valve, brass. */
function wordStems(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]{4,}/g) ?? []).map((w) => (w.length > 4 ? w.replace(/(?<!s)s$/, '') : w))
}

/** "cancel 4418", "they want B0512 voided": the verb that undoes an invoice, before or after it. */
// Not a past deed of someone's ("we voided 7001 and re-billed"): that is the history, not the ask.
const UNDO_BEFORE =
  /\b(?:(?<!\b(?:we|they|you|i|he|she|already|had|have|has)\s+)(?:cancel|void|reverse|withdraw|delete)\w*|credit(?: note)? (?:for|against|on)|(?<!\b(?:a|the|our|your|their)\s+)credit)\s+(?:(?:please|kindly)\s+)?(?:(?:the|la|el|le|die|de|a|o)\s+)?(?:(?:invoice|inv\.?|bill|no\.?|number|#)\s*)?$/i
// "7712's USD 310.00 removed" (the apostrophe left out in chat too): the invoice's own sum may come between.
const UNDO_AFTER =
  /^(?:['’]?s)?\s*(?:(?:[A-Z]{3}\s?|\p{Sc}\s?)?\d[\d.,]*\s+)?(?:(?:to be\s+|should be\s+|be\s+)?(?:cancel+ed|voided|reversed|withdrawn|deleted|credited|taken off|removed|written off)|(?:is|was)\s+the\s+(?:double|duplicate|copy|extra\s+one|repeat))\b/iu

/**
 * Of several invoices a message names, the one it asks to undo ("we settled 5510, cancel 5512 please"),
 * by its number or the sequence people shorten it to. One such invoice only; otherwise no choice.
 */
function toBeUndone(found: readonly InvoiceRecord[], typed: string): InvoiceRecord | undefined {
  // "quieren anular la 7741": the verb in the customer's language reads as the English one.
  return asTypedOrGlossed(typed, (text) => undoneIn(found, text))
}

/** A reading of the words as typed, else of their English gloss when the gloss differs. */
function asTypedOrGlossed<T>(typed: string, read: (text: string) => T | undefined): T | undefined {
  const own = read(typed)
  if (own !== undefined) return own
  const glossed = glossToEnglish(typed)
  return glossed === typed ? undefined : read(glossed)
}

function undoneIn(found: readonly InvoiceRecord[], message: string): InvoiceRecord | undefined {
  const undone = found.filter((inv) =>
    mentionsOf(inv, message).some(
      (m) =>
        UNDO_BEFORE.test(message.slice(Math.max(0, m.index - 30), m.index)) ||
        UNDO_AFTER.test(message.slice(m.index + m[0].length, m.index + m[0].length + 40)),
    ),
  )
  return undone.length === 1 ? undone[0] : undefined
}

/** After an invoice's number: it stands, or is another matter ("B-207 (PO 88) is approved", "6632 is
 *  fine", "6631 was correctly issued", "6631 is handled separately", "6630 is still under query with
 *  their buyer"). The copula may be another language's, as the gloss leaves it
 *  ("está", "est", "ist", "é"). */
const FINE_AFTER =
  /^[^.;\n]{0,40}?\b(?:(?:don'?t|do not|no need to)\s+(?:chase|pursue|follow up on|worry about|bother with)\s+(?:that|this|it)(?:\s+one)?|(?:leave|ignore|skip|forget(?:\s+about)?)\s+(?:that|this)\s+one|leave\s+it(?:\s+(?:alone|be|out))?(?=\s*(?:[.;,!?\n]|$)))\b|^[^.;\n]{0,40}?\b(?:(?:is|was|are|were|'s|esta|est|ist|e|es)|(?:has|have)\s+been)\s+(?:already\s+|now\s+)?(?:sorted(?:\s+out)?|resolved|dealt with|taken care of|cleared up)\b|^[^.;\n]{0,40}?\b(?:is|was|are|were|'s|esta|est|ist|e|es)\s+(?:already\s+)?(?:approved|fine|correct|ok|okay|in order|right|good|accepted|(?:correctly|properly|rightly)\s+(?:issued|billed|invoiced|charged)|not (?:in dispute|disputed)|(?:under|in|on|a|being handled (?:in|on|as)(?: a)?)\s+(?:a\s+)?separate\b|handled separately|(?:[^.;\n]{0,25}?\b)?(?:a|an|for a)\s+(?:separate|another|different|other)\s+(?:matter|issue|query|complaint|ticket|dispute|case|thread|question|story)|(?:[^.;\n]{0,25}?\b)?separate\s+(?:matter|issue|query|ticket|case|thread|e-?mail|conversation)|another (?:matter|issue|story)|(?:still\s+)?(?:under (?:query|discussion)|being (?:queried|discussed|handled))\s+(?:with|by)\b|being (?:handled|dealt with|looked (?:at|into)|sorted(?: out)?)(?=\s*(?:[.;,!?\n]|$|separately|elsewhere)))\b/i

/** After an invoice's number: it was paid ("4410 already paid", "4410 was settled in May"). */
const PAID_AFTER =
  /^[^.;\n]{0,12}?\b(?:(?:is|was|has been|'s)\s+)?(?:already|fully|all)\s+(?:paid|settled)\b|^\s*(?:is|was|has been)\s+(?:paid|settled)\b/i

/** Whether a mention of the invoice in the text is followed by words one of the patterns reads (up to
 *  the next of `until`, mentions of other invoices, when given). */
function saidAfter(inv: InvoiceRecord, text: string, after: RegExp | RegExp[], until: RegExpExecArray[] = []): boolean {
  return mentionsOf(inv, text).some((m) => {
    const from = m.index + m[0].length
    const end = Math.min(...until.map((u) => u.index).filter((at) => at >= from), text.length)
    const rest = text.slice(from, end)
    return [after].flat().some((re) => re.test(rest))
  })
}

/** The words the invoice's lines bill under: a fee named by one of them is named by no word of its own. */
const lineWordsOf = (lines: readonly InvoiceLine[]): Set<string> =>
  new Set(lines.flatMap((l) => wordStems(`${l.sku} ${l.description ?? ''}`)))

/** A fee's own words, read as a message is (glossed, accents folded, so "urgència" is one word on both
 *  sides): those of its description but the lines' and "fee" or "charge". */
const feeOwnWords = (fee: Fee, lineWords: ReadonlySet<string>): string[] =>
  wordStems(glossToEnglish((fee.description ?? '').replace(/\([^)]*\)/g, ' '))).filter(
    (w) => !lineWords.has(w) && !/^(?:charge|fee)$/.test(w),
  )

/** Whether the last of the (glossed) clauses that names the fee by a word of its own says it is in order
 *  ("the express is fine", "the handling's fine"). */
function feeSaidInOrder(fee: Fee, lineWords: ReadonlySet<string>, clauses: readonly string[]): boolean {
  const own = new Set(feeOwnWords(fee, lineWords))
  if (!own.size) return false
  const last = clauses.findLast((c) => wordStems(c).some((w) => own.has(w)))
  return last !== undefined && IN_ORDER.some((re) => re.test(last))
}

/** Whether the message says the invoice stands: fine, paid, or handled elsewhere ("4410 is in order"). */
export function saidToStand(inv: InvoiceRecord, message: string): boolean {
  return (
    asTypedOrGlossed(
      message,
      (text) => saidAfter(inv, text, [FINE_AFTER, PAID_AFTER]) || paidBefore(inv, text) || undefined,
    ) ?? false
  )
}
/** Before an invoice's number: it was paid ("they paid 0311 back in March", "we settled invoice 0311"); not
 *  short-paid. */
const PAID_BEFORE_NUMBER =
  /(?<![\w-])(?:paid|settled|cleared)\s+(?:(?:the\s+)?(?:invoice|inv\.?|bill)\s+)?(?:no\.?\s*|#\s*)?$/i
const paidBefore = (inv: InvoiceRecord, text: string): boolean =>
  mentionsOf(inv, text).some((m) => PAID_BEFORE_NUMBER.test(text.slice(Math.max(0, m.index - 30), m.index)))

/** Of several invoices named, the one left when every other is said to stand, in the customer's
 *  language too ("la 3318 ya está aprobada"). */
function notSaidFine(found: readonly InvoiceRecord[], message: string): InvoiceRecord | undefined {
  return asTypedOrGlossed(message, (text) => fineIn(found, text))
}

function fineIn(found: readonly InvoiceRecord[], message: string): InvoiceRecord | undefined {
  // What follows one invoice's number up to another's is said of it ("A and B: B is sorted" sets B aside, not A).
  const others = (inv: InvoiceRecord) => found.filter((o) => o !== inv).flatMap((o) => mentionsOf(o, message))
  const left = found.filter(
    (inv) =>
      !saidAfter(inv, message, FINE_AFTER, others(inv)) && !setAsideBefore(inv, message) && !comparedWith(inv, message),
  )
  return left.length === 1 && found.length > 1 ? left[0] : undefined
}

/** Before an invoice's number: it is set aside ("separate from the 4476 matter", "apart from 4476",
 *  "ignore 4476", "leave out invoice 4476"). */
const SET_ASIDE_BEFORE =
  /\b(?:separate(?:ly)?\s+from|apart\s+from|aside\s+from|other\s+than|not\s+counting|ignore|disregard|leave\s+(?:out|aside)|skip|forget(?:\s+about)?)\s+(?:the\s+)?(?:invoice\s+|inv\.?\s*|bill\s+)?(?:no\.?\s*|#\s*)?$/i
const setAsideBefore = (inv: InvoiceRecord, text: string): boolean =>
  mentionsOf(inv, text).some((m) => SET_ASIDE_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index)))

/** Before an invoice's number: it is named as the example of how the claim's should be ("as correctly
 *  shown on your 0417", "unlike 0417", "the way you billed it on 0417"). A double billing says "the same
 *  as 0417", which is no comparison of this kind: it names the twin. */
const EXAMPLE_BEFORE =
  /\b(?:(?:as|like|the\s+way)\s+(?:(?:you|we)\s+)?(?:(?:correctly|properly|rightly|already|also)\s+)?(?:shown|done|did|stated|billed|invoiced|charged|applied|treated|handled|issued|had\s+it)\s+(?:it\s+)?(?:on|in|with|for)|unlike|in\s+contrast\s+to|compared\s+(?:to|with)|(?<!\bsame\s)(?<!\bmismo\s|\bmisma\s)(?:just\s+)?(?:as|like)\s+(?:on|in)|(?<!\bmism[oa]\s)como\s+(?:en|na|no)|come\s+(?:in|nella|sulla)|comme\s+(?:sur|dans)|wie\s+(?:auf|bei|in)|zoals\s+(?:op|in))\s+(?:your\s+|the\s+|our\s+|la\s+|el\s+|le\s+|der\s+|die\s+|de\s+)?(?:(?:earlier|previous|last|other|first)\s+)?(?:invoice\s+|inv\.?\s*|factura\s+)?$/i
/** "the previous bill 0403 also had 5 %": an earlier invoice said to have had the same, the example. */
const EARLIER_BEFORE = /\b(?:previous|earlier|last|prior|older|old)\s+(?:invoice|bill|one)\s*(?:no\.?\s*|#\s*)?$/i
const ALSO_AFTER = /^[^.;!?\n]{0,40}?\b(?:also|too|as well)\b/i
const comparedWith = (inv: InvoiceRecord, text: string): boolean =>
  mentionsOf(inv, text).some(
    (m) =>
      EXAMPLE_BEFORE.test(text.slice(Math.max(0, m.index - 60), m.index)) ||
      (EARLIER_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index)) &&
        ALSO_AFTER.test(text.slice(m.index + m[0].length))),
  )

/** A sentence asking for something to be done ("could you sort out 7742 for me?", "pls check 88 first"). */
const REQUEST =
  /\b(?:can you|could you|would you|please|pls|plz|kindly|sort out|look (?:at|into)|check|handle|deal with|investigate)\b/i

/** Of several invoices named, the one the last request names alone: "they paid 6610 and 6618 in one transfer …
 *  could you sort out 6618 for me?" */
function askedAbout(found: readonly InvoiceRecord[], message: string): InvoiceRecord | undefined {
  const requests = message.split(/(?<=[.!?])\s+|\n+/).filter((s) => REQUEST.test(s))
  for (const sentence of requests.reverse()) {
    const named = found.filter((inv) => mentionsOf(inv, sentence).length > 0)
    if (named.length) return named.length === 1 && found.length > 1 ? named[0] : undefined
  }
  return undefined
}

/** A subject line of a pasted message ("Re: KX-2210 - duty on a re-export?", "Asunto: factura 4411"). */
const SUBJECT_HEADER =
  /^[ \t>]*(?:subject|re|fwd?|betreff|objet|oggetto|onderwerp|asunto|assunto|temat|ämne|emne)[ \t]*:(.*)$/gim

/** Of several invoices a pasted message names, the one its subject line names alone: the message is about
 *  it; the others are named in its body as comparisons or other matters. */
function namedInSubject(found: readonly InvoiceRecord[], message: string): InvoiceRecord | undefined {
  const subjects = [...message.matchAll(SUBJECT_HEADER)].map((m) => m[1]!).join('\n')
  if (!subjects.trim()) return undefined
  const inSubject = found.filter((inv) => mentionsOf(inv, subjects).length > 0)
  return inSubject.length === 1 ? inSubject[0] : undefined
}

/** Of several invoices named, the one named outside brackets when every other is named only inside them:
 *  "invoice 0478 charges 0.11 a name, same as September (0471, paid)" is about the first; the bracket
 *  is an aside. */
function namedOutsideBrackets(found: readonly InvoiceRecord[], message: string): InvoiceRecord | undefined {
  const brackets = [...message.matchAll(/\([^()]*\)/g)].map((m) => [m.index, m.index + m[0].length] as const)
  const inside = (at: number) => brackets.some(([from, to]) => at > from && at < to)
  const outside = found.filter((inv) => mentionsOf(inv, message).some((m) => !inside(m.index)))
  return outside.length === 1 && found.length > 1 ? outside[0] : undefined
}

/**
 * The days a service claim names: not those said to be in order ("the 12th was fine, only the 13th"),
 * and, where the speaker corrected themselves ("first he said the 3rd and 4th, then he checked the
 * rota and changed it: the 4th and 5th"), those said after the correction.
 */
export function claimedServiceDays(message: string, from: string, to: string): string[] {
  // "out of use since 2 May": the start of a state that goes on, not a day claimed.
  // Nor is the day that names a week ("wk of Mar 29", "w/e 12 April").
  const inOrder = withoutClauses(message, IN_ORDER)
    .replace(SINCE_DAY, (m) => ' '.repeat(m.length))
    .replace(WEEK_OF_DAY, (m) => ' '.repeat(m.length))
    // Nor the day the bill went out or the work was approved ("we invoiced stage 2 (ref 77, $9,000) on June 3",
    // "their manager approved it by phone on the 8th").
    .replace(BILLED_OR_APPROVED_ON, (m) => ' '.repeat(m.length))
  const corrected = SELF_CORRECTION.exec(inOrder)
  const after = corrected ? serviceDaysIn(inOrder.slice(corrected.index), from, to) : []
  if (after.length) return after
  // Of a message that tells of more days than it claims (staff notes on who was where, a day someone
  // thought it was), the days of its clauses that say a day was missed or claim it.
  const claiming = claimingClauses(inOrder)
  const said = claiming ? serviceDaysIn(claiming, from, to) : []
  // "just one check took place, on 9 May; the other never did": the day it did happen is no day claimed.
  const unsaid = inOrder
    .replace(HAPPENED_ON, (m) => ' '.repeat(m.length))
    .replace(PRESENT_ON, (m) => ' '.repeat(m.length))
  return withoutNoticeDays(said.length ? said : serviceDaysIn(unsaid, from, to), inOrder, from, to)
}

/** The clauses of a message that say a service day was missed, or claim days. */
function claimingClauses(message: string): string {
  return (
    message
      // A sentence that ends on a date ("… on 4/30. The 4/28 session was fine") ends there too.
      .split(/(?<!\d)[,;:.!?](?!\d)|[.!?;](?=\s)|\n|\s[-–—]\s|\bbut\b/)
      .filter((s) => DAY_MISSED.test(glossToEnglish(s)))
      .join('\n')
  )
}

/**
 * "rostered Tue-Thu; the fitter did not come on the Thursday": the weekdays a claim names with no date, each
 * the one day of its name the period holds (none when the period holds two of any, or the claim dates its
 * days). Weaker than a date: the caller takes them only where the log keeps one entry a day.
 */
export function claimedWeekdays(message: string, from: string, to: string): string[] {
  const claiming = claimingClauses(withoutClauses(message, IN_ORDER))
  // A claim that dates its days ("the Thursday, 4 June") is read by its dates.
  return claiming && !serviceDaysIn(claiming, from, to).length
    ? weekdaysOfPeriod(glossToEnglish(claiming), from, to)
    : []
}

const UNTIL_BEFORE = /\b(?:until|till|til)\b[^,.;!?\n]*$/i
/** The dates of the weekdays a text names, each the only day of its name from `from` to `to` (none
 *  if any name is found twice or more there, or not at all). */
function weekdaysOfPeriod(text: string, from: string, to: string): string[] {
  const named = new Set(
    [...text.matchAll(/\b(sun|mon|tues|wednes|thurs|fri|satur)day\b/gi)]
      // "didn't turn up until the Tuesday": the day it came, not a day missed.
      .filter((m) => !UNTIL_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index)))
      .map((m) => weekdayNumber(m[0])),
  )
  const length = daysBetween(from, to) + 1
  const out: string[] = []
  for (const name of named) {
    // The period's days of that name: the first falls within a week of its start.
    const first = addDays(from, (name - weekday(from) + 7) % 7)
    if (first > to || addDays(first, 7) <= to || length > 366) return []
    out.push(first)
  }
  return out.sort()
}

/** Whether the log keeps one entry a day for the day: it has an entry covering it, and every such entry is
 *  of that day alone (a log of a longer period says the work was done whatever the day). */
function loggedThatDay(logs: readonly ServiceLog[], day: string): boolean {
  const covering = logs.filter((l) => l.periodStart <= day && l.periodEnd >= day)
  return covering.length > 0 && covering.every((l) => l.periodStart === day && l.periodEnd === day)
}

/** A service said to have happened on a day ("one check took place, on 9 May", "it was carried out on the 3rd"). */
const HAPPENED_ON =
  /\b(?:happened|took place|was (?:done|carried out|performed)|were (?:done|carried out|performed))\b[,\s]+(?:on\s+)?(?:the\s+)?\d{1,2}(?:st|nd|rd|th|\.)?(?:\s+(?:of\s+)?\p{L}+)?/giu

/** The days a service was there, said as the only ones ("the crane was only on site on the 3rd and the
 *  9th", "the rig only turned up on 4, 5 and 11 May"): the days it came, not the days claimed; the
 *  count of them against the count billed is the claim. */
const PRESENT_ON =
  /\b(?:(?:was|were)\s+only\s+(?:there|here|on\s+site|present|used|onsite)|only\s+(?:came|showed up|turned up|attended|worked|was there|were there|was on site|were on site))\b[^.;\n]{0,40}?\bon\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th|\.)?(?:\s*(?:,|and|&)\s*(?:the\s+)?\d{1,2}(?:st|nd|rd|th|\.)?)*(?:\s+(?:of\s+)?\p{L}+)?/giu

/** The day a bill was sent or the work approved: "invoiced … on May 29", "approved it on the 3rd", "issued on 4/30"
 *  (not "billed the shift that was not manned on the 18th", a day the words deny). */
const BILLED_OR_APPROVED_ON =
  /\b(?:invoiced|billed|issued|approved|signed\s+(?:it\s+)?off)\b(?:(?!\b(?:not|never|no)\b|n't)[^.;\n]){0,50}?\bon\s+(?:the\s+)?(?:\p{L}{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|\d{1,2}(?:st|nd|rd|th|\.)?(?:\s+(?:of\s+)?\p{L}{3,})?|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)/giu

/** A day that names its week: "wk of Mar 29", "week ending the 12th", "w/c 4 May". */
const WEEK_OF_DAY =
  /\b(?:(?:wk|week)\s+(?:of|starting|commencing|beginning|ending)|w\/[ce])\s+(?:the\s+)?(?:\p{L}{3,9}\.?\s+)?\d{1,2}(?:st|nd|rd|th|\.)?(?:\s+(?:of\s+)?\p{L}+)?/giu

/** A day after "since" in the languages customers write in ("since 2 May", "depuis le 3", "seit dem 4.") */
const SINCE_DAY =
  /\b(?:since|ever since|depuis|seit|desde|sinds|siden|sedan)\s+(?:the\s+|le\s+|dem\s+|el\s+|o\s+)?\d{1,2}(?:st|nd|rd|th|\.)?(?:\s+(?:of\s+)?\p{L}+)?/giu

/** "called off by them on the 16th", "they told us on 2 May": the day a cancellation or notice was given. */
const NOTICE_ON =
  /\b(?:cancell?ed|called off|notified|informed|told|advised|wrote|e-?mailed|rang|phoned|gave notice|warned)\b(?:\s+[\p{L}']+){0,3}?\s+on\s+(?:the\s+)?[^\s,.;]+(?:\s+[\p{L}]+)?/giu

/** The days a service claim names, less the days on which a cancellation or notice was given, where
 *  another day is named: "the Friday 20 March workshop was called off by them on the 16th" claims
 *  the 20th. */
function withoutNoticeDays(days: string[], message: string, from: string, to: string): string[] {
  if (days.length < 2) return days
  const notice = new Set([...message.matchAll(NOTICE_ON)].flatMap((m) => serviceDaysIn(m[0], from, to)))
  const kept = days.filter((d) => !notice.has(d))
  return kept.length ? kept : days
}
/** A clause that says a service day was missed, or claims days. */
const DAY_MISSED =
  /\b(?:nobody|no one|never|not|no[- ]show|missed|skipped|absent|disput\w*|contest\w*|claim\w*|credit)\b|n't\b/i

/**
 * "5 cartons short, so 150 litres": the count affected said again in the measure the lines bill per is
 * the claim's count. The product words stay (they find the line); the measure becomes the word counted
 * in. Not beside a count received, whose packs the core sizes itself. Mutates the conversation's facts.
 */
function countedInTheBilledMeasure(state: ConversationState, invoice: InvoiceRecord, message: string): void {
  const f = state.facts
  if (f.quantityAffected === undefined || f.quantityReceived !== undefined) return
  const measured = affectedInBilledMeasure(message, invoice.lines)
  if (!measured || measured.count === f.quantityAffected) return
  f.quantityAffected = measured.count
  f.sku = `${f.sku ?? ''} ${measured.unit}`.trim()
}

/** Words with which a speaker corrects what they said earlier in the same message. */
const SELF_CORRECTION =
  /\b(?:changed (?:it|that|her mind|his mind|their minds?)|corrected (?:it|that|herself|himself|themselves)|no,? wait|wait,? no|scratch that|make that|i mean|actually it (?:was|is|'s))\b/i

/** Of several invoices named, the one the prose around a pasted table names when every other is named
 *  only in its rows: the table lists what the customer's books hold, the sentences say which line is
 *  wrong ("all lines agree but one … INV-12 is booked at 14.00, your invoice says 15.50"). */
function namedOutsideTable(found: readonly InvoiceRecord[], message: string): InvoiceRecord | undefined {
  const rows = tableRows(message)
  if (!rows.length) return undefined
  const outside = found.filter((inv) => mentionsOf(inv, message).some((m) => !insideAny(rows, m.index)))
  return outside.length === 1 && found.length > 1 ? outside[0] : undefined
}

/** Of the invoices named, the claim's when one is said to be paid or kept ("they are paying 7712 and
 *  want the other cancelled"): the one other, or among more the kept one's double. */
function otherThanKept(found: readonly InvoiceRecord[], message: string): InvoiceRecord | undefined {
  const kept = found.filter((inv) => saidKept(inv, message))
  if (kept.length !== 1 || found.length < 2) return undefined
  const others = found.filter((f) => f !== kept[0])
  // Among more, the one that bills what the kept one bills: its double ("paying 7712" beside a
  // pasted duplicate report of three rows).
  const twins = others.filter((o) => billsTheSame(kept[0]!, o))
  return others.length === 1 ? others[0] : twins.length === 1 ? twins[0] : undefined
}
const saidKept = (inv: InvoiceRecord, message: string): boolean =>
  mentionsOf(inv, message).some((m) => KEPT_BEFORE.test(message.slice(Math.max(0, m.index - 30), m.index)))
const KEPT_BEFORE =
  /\b(?:(?:are|is|we're|they're|we are|they are|will be)\s+)?(?:paying|pay|paid|keeping|keep|settling|settle|accepting|accept)\s+(?:invoice\s+|inv\.?\s*|the\s+)?$/i

/** Where the message writes the invoice's number, or the sequence people shorten it to ("5512", "B0512"). */
function mentionsOf(inv: InvoiceRecord, message: string): RegExpExecArray[] {
  const sequence = /(\d{3,})\D*$/.exec(inv.number)?.[1]
  const forms = [inv.number, ...(sequence ? [sequence.replace(/^0+(?=\d{3})/, ''), sequence] : [])]
  const lower = message.toLowerCase()
  return forms.flatMap((form) => {
    // A number the message does not hold is never found: a plain search first spares the expression,
    // whose lookbehind is tried at every position of a long statement.
    if (/^[\x20-\x7e]+$/.test(form) && !lower.includes(form.toLowerCase())) return []
    const escaped = form.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    return [...message.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])\\p{L}{0,3}${escaped}(?![\\p{N}])`, 'giu'))]
  })
}

/** Digits in groups joined by a hyphen, slash or dot, with letters before them or not ("7-00419",
 *  "AB/26/0412"), a week or series letter inside a group ("KX-26W41-03") or a series after them
 *  ("0412/26/BRX"): a document number as typed. */
const NUMBER_TYPED =
  /(?<![\w/.-])(?:[A-Z]{1,6}[-/ ]?)?\d+(?:[A-Z]{1,3}\d+)?(?:[-/.]\d+(?:[A-Z]{1,3}\d+)?)+(?:[-/.][A-Z]{1,6})?(?![\w/-]|[.,]\d)/g

/** A message that opens with an ordinal ("The second one, …"). */
const ORDINAL_FIRST = /^\W*(?:the\s+)?(?:first|second|third|last|latter|former)\b/i

/** Reasons a fee of the invoice can be the charge in question. */
const FEE_REASONS: ReadonlySet<ReasonCode> = new Set([
  'unrecognized_charge',
  'pricing_error',
  'contract_terms',
  'other',
  'late_fee',
])

/** The one fee of the type a claim names, where the invoice carries exactly one. */
const theFeeOfType = (fees: readonly Fee[], type: string | undefined): Fee | undefined => {
  const ofType = fees.filter((fee) => fee.type === type)
  return ofType.length === 1 ? ofType[0] : undefined
}

/** The reason a fee contested as a charge is: a late fee is a late-fee claim (its clause, grace days and the
 *  payment date decide it), any other fee one nobody recognises. */
const contestedFee = (type: Fee['type']): ReasonCode => (type === 'late_fee' ? 'late_fee' : 'unrecognized_charge')

/** One word in two forms ("engraved", "engraving"): the same, or the same first six letters. */
/** The one invoice of the ledger whose sequence the number is, with nothing against it ("418" of
 *  KX-Q-0418, when no other invoice's sequence is 418): said after the word for the invoice or its
 *  article, that invoice. */
function onlySequence(ranked: readonly RankedInvoice[], typed: string): boolean {
  const [top] = ranked
  return (
    ranked.length === 1 &&
    top !== undefined &&
    // Words read as a product that no line bills ("llegaron rotas") say nothing against it.
    top.against.every((a) => a.startsWith('no line matches')) &&
    /^\d{3,}$/.test(typed) &&
    (numberMatch(typed, top.number)?.score ?? 0) >= LOOSE_NUMBER
  )
}

/** The article of an invoice word left unsaid ("la 418", "na 512", "da 377", "a 2064"): Romance
 *  languages give the word for the invoice a feminine article, and a chat drops the word. */
const ARTICLE_BEFORE = /(?<![\p{L}])(?:la|na|da|a|à|nella|della|alla)\s+$/iu

/** What a sentence names before saying it is accepted ("… the hosting (6 at 75.00), which
 *  we accept, and …"): the words up to "which we accept", with no negation. */
const ACCEPTED_BEFORE =
  /^((?:(?!\b(?:not|never|n't)\b)[\s\S])*?)\b(?:which|that)\s+(?:we|they|the customer)\s+(?:accept|agree with|have no issue with)\b/i

/** Words that make a claim one of each invoice named, in the languages claims come in. */
const EACH_OF_THEM =
  /\b(?:both|each|either of them|on (?:each|both)|jeweils|beide|chacune?|les deux|cada (?:una|uno)|ambas|ambos|entrambe|allebei|begge|båda)\b/i

const alike = (a: string, b: string): boolean =>
  a === b || (a.length >= 6 && b.length >= 6 && a.slice(0, 6) === b.slice(0, 6))

/** "boxes" → box, "batches" → batch: plurals in -es whose singular is a short product word. */
function esPlurals(text: string): string[] {
  return (text.toLowerCase().match(/\b[a-z]+(?:x|ch|sh|ss)es\b/g) ?? []).map((w) => w.slice(0, -2))
}

/** Product codes in a text: runs of letters and digits with both in them, joined by dashes, slashes or
 *  dots ("15W-40", "EO-15W40", "M12x1.5"), each also split at its joins, in one spelling: lower case
 *  without the joins ("15w40"). Three characters at least. */
function codesIn(text: string): string[] {
  return [...text.matchAll(/[\p{L}\d]+(?:[-/.][\p{L}\d]+)*/gu)].flatMap((m) =>
    [m[0], ...m[0].split(/[-/.]/)]
      .map((c) => c.toLowerCase().replace(/[-/.]/g, ''))
      .filter((c) => c.length >= 3 && /\d/.test(c) && /\p{L}/u.test(c) && !/^\d+(?:st|nd|rd|th|h)$/.test(c)),
  )
}

/** Two-letter names in capitals ("PA", "AV", "QA"), not the words of a letter's header ("PO", "RE", "FW"). */
function twoCapitals(text: string): string[] {
  return (text.match(/(?<![\p{L}\d])[A-Z]{2}(?![\p{L}\d])/gu) ?? []).filter((w) => !NOT_A_NAME.has(w))
}
const NOT_A_NAME = new Set('PO RE FW CC OK NO ID AM PM US UK EU HQ IN AT ON TO OF IS IT BE WE'.split(' '))

/** Three-letter words of a line's description ("box", "oil"), matched only against plurals said. */
function shortWords(text: string): string[] {
  return text.toLowerCase().match(/\b[a-z]{3}\b/g) ?? []
}

/** A bare day after the article or preposition a day takes ("del 13", "le 4", "am 11"), where the
 *  sentence ends there or joins another such day ("del 3 ni del 10", "el 4 y 11"). */
/** The weekday a day may carry after its article ("el jueves 9", "le mardi 4", "am Dienstag 11"),
 *  in the languages of those articles, from the runtime's locale data. */
const DAY_ARTICLE_WEEKDAYS = ['es', 'pt', 'fr', 'it', 'de', 'ca', 'en'].flatMap((locale) => {
  const format = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' })
  return Array.from({ length: 7 }, (_, d) => format.format(new Date(Date.UTC(2026, 0, 4 + d))).toLowerCase())
})
const DAY_WORD = String.raw`(?:el|del|al|le|du|au|il|dal|dia|día|o dia|am|vom|den)\s+(?:d[ií]as?\s+)?(?:(?:${DAY_ARTICLE_WEEKDAYS.join('|')})\s+)?`
/** "and" and "or" between the days of a list, in the languages claims come in ("3, 4 dhe 5 mars", "12 ja 13
 *  maaliskuuta", "del 3 ni del 10"): a day left out of the list is a day left out of the claim. Not a word that
 *  also makes a range ("a", "do": "del 2 a 5 de marzo" is four days). */
const DAYS_JOINED_BY =
  'and|&|or|nor|ni|et|y|e|i|und|en|og|och|és|ve|dhe|si|și|dan|và|na|at|ja|un|ir|oraz|ou|o|oder|και|и|та'
const AND = `(?:${DAYS_JOINED_BY})`
const NOT_A_DAY_AFTER = String.raw`(?![\d]|[.,:/]\d|\s*(?:%|h\b|hrs?\b|horas?\b|hours?\b))`
/** A sentence saying something did not happen, in the English of its gloss: a negation, or "nothing", "missing". */
const notHappened = (english: string): boolean => NEGATED.test(english) || /\b(?:nothing|missing)\b/i.test(english)
const BARE_DAY = new RegExp(
  String.raw`(?<![\p{L}\d])${DAY_WORD}(\d{1,2})${NOT_A_DAY_AFTER}(?:\s+${AND}\s+(?:${DAY_WORD})?(\d{1,2})${NOT_A_DAY_AFTER})?(?=\s*(?:$|[.,;!?)]|${AND}\s)|\s+\p{L})`,
  'giu',
)

/** "two bills for the same 12 trays, 3 May and 4 May": the conversation names the day each of the two
 *  invoices was issued, so it names the one the disputed invoice repeats. */
function bothDatesNamed(description: readonly string[], a: InvoiceRecord, b: InvoiceRecord): boolean {
  if (!description.length) return false
  const later = [a.issueDate, b.issueDate].sort()[1]!
  const named = new Set(findDates(glossToEnglish(description.join('\n')), later, 'past').map((d) => d.date))
  return named.has(a.issueDate) && named.has(b.issueDate)
}

/** Day-of-month ordinals ("the 3rd and 4th", "on the 12th") and full dates named in a message, placed in
 *  the service period [start, end]; a day that falls in no month of the period is left out. */
export function serviceDaysIn(typed: string, start: string, end: string): string[] {
  // "el 28 de abril", "am 3. März": the month in English words, the day joined to it.
  const text = glossToEnglish(typed).replace(/\b(\d{1,2})\.?\s+(?:de|del|di|du|do|da|of)\s+(?=[A-Z][a-z]+)/g, '$1 ')
  const out = new Set<string>()
  const dates = findDates(text, start)
  for (const d of dates) {
    // "sorted by Friday", "tomorrow": said from the speaker's today, they name no day of the period.
    if (d.relative) continue
    // The end of a range ("9-11 Mar") is read with its range below.
    if (/\d{1,2}\s*(?:-|–|to|until)\s*$/.test(text.slice(Math.max(0, d.index - 12), d.index))) continue
    if (d.date >= start && d.date <= end) out.add(d.date)
  }
  const ordinal =
    /\b(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:[a-z-]+\s+)?(?:visits?|times?|weeks?|months?|cleans?|calls?|shifts?|day of|deliver(?:y|ies)|invoices?|one)\b)/gi
  for (const m of text.matchAll(ordinal)) {
    // "on June 3rd": the day of a date with its month is that date, inside the period or not.
    if (dates.some((d) => !d.relative && m.index >= d.index && m.index < d.index + d.raw.length)) continue
    const date = dayOfPeriod(Number(m[1]), start, end)
    if (date) out.add(date)
  }
  for (const date of daysOfMonthsNamed(text, start, end)) out.add(date)
  // "el técnico no vino el 3 ni el 10", "le 4 et le 11": a bare day after the article or
  // preposition a day takes, where the sentence goes on to another day or ends; the month is the period's.
  for (const m of typed.matchAll(BARE_DAY)) {
    // One day alone is a day only where the sentence ends after it ("… del 20."); a pair, anywhere.
    // Either only in a sentence that says something did not happen: "vino una vez, el 5" names
    // the day it did.
    const alone = !m[2] && !/^\s*(?:$|[.,;!?)])/.test(typed.slice(m.index + m[0].length))
    const from = Math.max(0, ...['.', ';', '!', '?', '\n'].map((c) => typed.lastIndexOf(c, m.index - 1) + 1))
    const negated = notHappened(glossToEnglish(typed.slice(from, m.index)))
    for (const day of alone || !negated ? [] : [m[1], m[2]]) {
      const date = day ? dayOfPeriod(Number(day), start, end) : undefined
      if (date) out.add(date)
    }
  }
  // "5/3", "5.3.": a day and a month with no year; the service period says which order is meant.
  for (const m of text.matchAll(/(?<![\d/.])(\d{1,2})[/.](\d{1,2})\.?(?![\d]|[/.]\d)/g)) {
    const a = Number(m[1])
    const b = Number(m[2])
    const readings = new Set([dayIn(b, a, start, end), dayIn(a, b, start, end)].filter((d): d is string => !!d))
    if (readings.size === 1) out.add([...readings][0]!)
  }
  return [...out].sort()
}

/** The first date of the period that falls on that day of a month ("the 12th"), if any. */
function dayOfPeriod(day: number, start: string, end: string): string | undefined {
  if (day < 1 || day > 31) return undefined
  for (let month = start.slice(0, 7); month <= end.slice(0, 7); month = nextMonth(month)) {
    const date = `${month}-${String(day).padStart(2, '0')}`
    if (date >= start && date <= end && isRealDate(date)) return date
  }
  return undefined
}

/** A weekday, with its article, before a day of a list ("Tuesday 14 and the Wednesday 15 July", "Wed 4 and Thu 5 Mar"). */
const WEEKDAY_BEFORE = String.raw`(?:(?:the|el|le|il|o|a|der|den|on)\s+)?(?:(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?\s+(?:the\s+)?)?`

/** The list's days joined by this word, with a space or a digit after it (see DAYS_JOINED_BY). */
const DAY_LIST_AND = String.raw`(?:${DAYS_JOINED_BY})(?=[\s\d])`

/** "4, 5 and 6 March", "2-4 Feb", "le 3 et 4 mars": days before the month they share (in the
 *  customer's language through the gloss), each a date within the service period. */
function daysOfMonthsNamed(text: string, start: string, end: string): string[] {
  const english = glossToEnglish(text)
  const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th|\.)?`
  const re = new RegExp(
    String.raw`\b${DAY}((?:\s*(?:,|${DAY_LIST_AND})\s*${WEEKDAY_BEFORE}\d{1,2}(?:st|nd|rd|th|\.)?)*)\s*(?:(?:-|–|to|until)\s*${DAY})?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b`,
    'gi',
  )
  const out: string[] = []
  for (const m of english.matchAll(re)) {
    const month = MONTH_INDEX.indexOf(m[4]!.toLowerCase()) + 1
    const days = [Number(m[1]), ...(m[2]?.match(/\d{1,2}/g) ?? []).map(Number)]
    if (m[3]) {
      // A range that is the whole service period ("the course of 2-4 Feb") names the invoice, not
      // the days missed.
      if (dayIn(month, Number(m[1]), start, end) === start && dayIn(month, Number(m[3]), start, end) === end) continue
      for (let d = Number(m[1]) + 1; d <= Number(m[3]) && d - Number(m[1]) <= 31; d++) days.push(d)
    }
    for (const d of days) {
      const date = dayIn(month, d, start, end)
      if (date) out.push(date)
    }
  }
  return out
}

/** The date of that month and day within the period (whichever of its years holds it), if any. */
function dayIn(month: number, day: number, start: string, end: string): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined
  for (let year = Number(start.slice(0, 4)); year <= Number(end.slice(0, 4)); year++) {
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    if (date >= start && date <= end && isRealDate(date)) return date
  }
  return undefined
}

const nextMonth = (ym: string): string => {
  const [y = 0, m = 0] = ym.split('-').map(Number)
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}
const isRealDate = (iso: string): boolean => {
  const d = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso
}
