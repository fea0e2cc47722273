/**
 * What a conversation remembers between turns: the facts gathered so far, what was asked, the
 * dispute it opened and its latest resolution. Persisted as JSON with the messages.
 */
import { z } from 'zod'
import { type Claim, Resolution } from '../../core/resolution.ts'
import { QuestionTopic, Understood } from './chat-types.ts'
import { claimOf, DisputeFacts, isStated } from './dispute-facts.ts'
import { Pending } from './proposals.ts'
import { normalizeNumber } from './nlu/amounts.ts'
import type { CorrectionPair } from './nlu/turn-intent.ts'
import { StatedFacts } from './understanding.ts'

export const ConversationState = z.object({
  facts: DisputeFacts.default({}),
  /** The customer's and specialist's words about the dispute, for similarity and the record. */
  description: z.array(z.string()).default([]),
  asked: z.array(QuestionTopic).default([]),
  /** The invoices last offered to choose from, so a later "the second one" picks among them. */
  offered: z.array(z.string()).default([]),
  disputeId: z.string().nullable().default(null),
  resolution: Resolution.nullable().default(null),
  tone: z.enum(['neutral', 'warm', 'firm']).default('neutral'),
  /** The change proposed to this conversation's person, waiting for their confirmation. */
  pending: Pending.nullable().default(null),
})
export type ConversationState = z.infer<typeof ConversationState>

export function loadState(raw: unknown): ConversationState {
  const r = ConversationState.safeParse(raw ?? {})
  if (r.success) return r.data
  // A fact an older version wrote that no longer validates is dropped, not the whole conversation.
  const facts = (raw as { facts?: unknown } | null)?.facts
  if (facts && typeof facts === 'object') {
    const shape = DisputeFacts.shape as Record<string, z.ZodType>
    const valid = Object.entries(facts).filter(([k, v]) => shape[k]?.safeParse(v).success)
    const again = ConversationState.safeParse({ ...(raw as object), facts: Object.fromEntries(valid) })
    if (again.success) return again.data
  }
  // A state written by an older version is not worth failing a conversation over: start afresh.
  return ConversationState.parse({})
}

/** A later reason replaces a known one only when a phrase states it this plainly (or it is a correction). */
const REASON_OVERRIDE_CONFIDENCE = 0.6
/** A model reading this sure, or one said with counts or prices, replaces an earlier guess. */
const GUESS_REPLACED_AT = 0.9

/** Later statements win: "actually it's 45 units" replaces the 42 said before. A reason guessed from an
 *  aside ("they only paid 310.40 of it") does not replace the reason the dispute was opened with. */
export function mergeFacts(
  state: ConversationState,
  facts: StatedFacts,
  options: { correction?: boolean; pair?: CorrectionPair } = {},
): ConversationState['facts'] {
  const f = { ...state.facts }
  // A correction that states its counts with their verbs ("7 visits took place, so 2 were missed, not 3")
  // says which count is which; the bare pair would put its figure in whichever fact held the other.
  const countsStated = facts.quantityReceived !== undefined || facts.quantityAffected !== undefined
  const pairOfCounts = options.pair && (options.pair.field === 'count' || options.pair.field === undefined)
  const restated = Boolean(options.correction && pairOfCounts && countsStated)
  const corrected = options.pair && !restated ? applyPair(f, options.pair) : false
  // "Correction: 2,360.00, the tax on the difference included": a later turn that names the tax beside a
  // figure says how the figure is counted; the claim stays what it was.
  const taxOfTheFigure =
    facts.reason?.code === 'tax_error' &&
    state.facts.reasonCode !== undefined &&
    state.facts.reasonCode !== 'tax_error' &&
    !state.facts.reasonGuessed &&
    facts.amount !== undefined
  const r = taxOfTheFigure ? undefined : facts.reason
  // A guess from vague words ("they have an issue with a bill") gives way, before the claim is
  // investigated, to a reason the next words state by a phrase or by their facts ("32 of the 40").
  const backed = Boolean(
    r &&
      (r.source !== 'model' ||
        r.confidence >= GUESS_REPLACED_AT ||
        [facts.quantityReceived, facts.quantityAffected, facts.expectedUnitPrice].some((x) => x !== undefined)),
  )
  // After an investigation that asked for a document, too: a reason read from "they won't pay" alone
  // was never the customer's, and the reason they give in answer is the claim.
  const replacesGuess = Boolean(
    f.reasonGuessed && backed && (!state.resolution || state.resolution.classification === 'needs_info'),
  )
  // "Oh, and they cleared that bill last week": a later turn that says the invoice was paid, where the
  // claim already has a reason of its own, tells how the invoice stands, not why it is disputed.
  const paidAside =
    r?.code === 'already_paid' && f.reasonCode !== undefined && f.reasonCode !== 'already_paid' && !f.reasonGuessed
  // A correction of a figure ("no, 12 sacks not 10") says nothing new about the reason.
  if (
    r &&
    (!f.reasonCode ||
      replacesGuess ||
      // A correction that names another invoice or site ("sorry, it's the Harbour Road depot, PO 7730…")
      // corrects the reference: only words that state a reason plainly change the reason.
      // In a double billing, a correction's "they already paid 3001" tells how the original stands.
      (options.correction &&
        !corrected &&
        !restated &&
        // A reason the figures imply ("one visit at 350.00" reads as a price) is no reason stated plainly,
        // nor is the model's reading of a correction's words ("the transfer's reference reads …") where
        // the claim's reason was stated plainly.
        r.source !== 'facts' &&
        (r.source !== 'model' || (r.confidence >= GUESS_REPLACED_AT && f.reasonGuessed !== false)) &&
        !(paidAside && f.reasonCode === 'duplicate_billing')) ||
      (r.source !== 'model' && r.source !== 'facts' && r.confidence >= REASON_OVERRIDE_CONFIDENCE && !paidAside))
  ) {
    if (f.reasonCode !== r.code) f.reasonGuessed = !backed
    f.reasonCode = r.code
  }
  // A figure corrected ("1,250 not 1,520") replaced the fact it restates: the turn's other readings
  // of the same figures (a count read as a price) are not taken.
  // The count the restating turn leaves out was the one misread ("3 missing" replaces "4 received").
  if (restated && facts.quantityReceived === undefined) delete f.quantityReceived
  if (restated && facts.quantityAffected === undefined) delete f.quantityAffected
  if (!corrected) {
    // "they paid 18.2k on 04/10": a payment told in a later turn is the setting of the claim held, unless
    // the claim is that it was paid.
    const payment = facts.amount?.paid && f.disputedAmount !== undefined && f.reasonCode !== 'already_paid'
    if (facts.amount && !payment) f.disputedAmount = facts.amount.value
    if (facts.quantityReceived !== undefined) f.quantityReceived = facts.quantityReceived
    if (facts.quantityAffected !== undefined) f.quantityAffected = facts.quantityAffected
    if (facts.expectedUnitPrice) f.expectedUnitPrice = facts.expectedUnitPrice
    // "10 hours, not 8": in a correction the figure after "not" is the one withdrawn, not the billed count.
    const withdrawn =
      restated &&
      figure(facts.quantityBilled) === figure(options.pair?.was) &&
      FIGURES.some((k) => figure(state.facts[k]) === figure(options.pair?.was))
    if (facts.quantityBilled !== undefined && !withdrawn) f.quantityBilled = facts.quantityBilled
  } else if (facts.amount?.currency && options.pair && f.disputedAmount !== undefined) {
    // "got 18, not 20. That makes it 412 €": money said with its currency beside the corrected count is
    // the claim's new total, unless it is one of the two figures the correction swapped.
    const said = figure(facts.amount.value)
    if (said !== figure(options.pair.now) && said !== figure(options.pair.was)) f.disputedAmount = facts.amount.value
  }
  if (facts.productWords) f.sku = facts.productWords
  for (const key of AS_SAID) if (isStated(facts[key])) Object.assign(f, { [key]: facts[key] })
  return f
}

type Facts = ConversationState['facts']
type FigureKey = 'disputedAmount' | 'expectedUnitPrice' | 'quantityReceived' | 'quantityAffected'
const FIGURES: FigureKey[] = ['disputedAmount', 'expectedUnitPrice', 'quantityReceived', 'quantityAffected']

/** The facts a message states under the name the conversation keeps them by, taken as said (a later
 *  statement replaces an earlier one). Not the figures: mergeFacts decides which one a figure restates. */
const AS_SAID = (Object.keys(StatedFacts.shape) as (keyof StatedFacts & keyof Facts)[]).filter(
  (k) => k in DisputeFacts.shape && !(FIGURES as string[]).includes(k) && k !== 'quantityBilled',
)

/** A decimal without its grouping, leading or trailing zeros, to compare figures said differently. */
export const figure = (v: string | number | undefined): string | undefined => {
  if (v === undefined) return undefined
  const s = String(v).replace(/,/g, '')
  const [int = '', frac = ''] = s.split('.')
  const f = frac.replace(/0+$/, '')
  return `${int.replace(/^0+(?=\d)/, '')}${f ? `.${f}` : ''}`
}

/** Whether the conversation holds this figure as one of the claim's figures (a count, a price, the
 *  amount, or the count billed). */
export function holdsFigure(f: Facts, value: string): boolean {
  const v = figure(value)
  return [...FIGURES, 'quantityBilled' as const].some((k) => f[k] !== undefined && figure(f[k]) === v)
}

/** Puts a corrected figure in the fact it restates: the fact the words name ("the amount is …",
 *  "… boxes"), else the fact that held the withdrawn figure. A fact that held the withdrawn figure
 *  under another name was misread and goes. Returns whether a fact took the figure. */
function applyPair(f: Facts, pair: CorrectionPair): boolean {
  const was = figure(pair.was)
  const holding = FIGURES.filter((k) => f[k] !== undefined && figure(f[k]) === was)
  let target: FigureKey | undefined
  if (pair.field === 'amount') target = 'disputedAmount'
  else if (pair.field === 'price') target = 'expectedUnitPrice'
  else if (pair.field === 'count')
    target =
      holding.find((k) => k === 'quantityReceived' || k === 'quantityAffected') ??
      ((f.quantityAffected !== undefined && f.quantityReceived === undefined) || f.reasonCode === 'damaged_goods'
        ? 'quantityAffected'
        : 'quantityReceived')
  else target = holding[0]
  if (!target) return false
  const isCount = target === 'quantityReceived' || target === 'quantityAffected'
  if (isCount && !/^\d+$/.test(pair.now)) return false
  const money = isCount ? undefined : normalizeNumber(pair.now)
  if (!isCount && !money) return false
  for (const k of holding) if (k !== target) delete f[k]
  if (isCount) f[target as 'quantityReceived' | 'quantityAffected'] = Number(pair.now)
  else f[target as 'disputedAmount' | 'expectedUnitPrice'] = money as string
  return true
}

export function claimFrom(state: ConversationState): Claim | null {
  return claimOf(state.facts, state.description)
}

/** The claim's facts as the latest investigation read them, for the person to check and correct. */
export function understoodOf(state: ConversationState): Understood | null {
  const claim = claimFrom(state)
  if (!claim) return null
  const { description: _d, deadline: _dl, openedOn: _o, ...facts } = claim
  return Understood.parse(facts)
}
