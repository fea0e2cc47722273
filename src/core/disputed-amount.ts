/**
 * The amount in dispute: what the specialist stated, else derived. Derivation takes the customer's
 * own figures first (units received or affected, the days a service was missed, the price they
 * expect, the fee they dispute). Then
 * it depends on what the customer contests: a difference (price, quantity, damage, service not
 * rendered, days outside the contract, an unsupported charge) is what the evidence shows is not owed;
 * a whole charge (a duplicate, a payment, the tax, an invoice AP cannot process, a disliked service)
 * is the charge in question: the named lines, else the whole invoice; for tax the tax on them; for a
 * payment claim the open balance. A disputed amount must be positive and no more than the invoice total.
 */
import { billedJustAbove, billedPer, countInLineUnits, priceInLineUnits, unitsUnclear } from './line-units.ts'
import { type Checked, claimError, type Scope } from './claim-scope.ts'
import { lineFigures } from './invoice-math.ts'
import type { InvoiceLine, ReasonCode } from './ledger.ts'
import { cmp, decimal, decimalSub, type Money, moneyOf, parseMoney, sum, toDecimal } from './money.ts'
import { lineGross, unitsCredit } from './evidence/check.ts'
import { overBilled } from './evidence/pricing-error.ts'
import type { Claim } from './resolution.ts'

export interface DisputedAmount {
  amount: Money
  source: 'stated' | 'derived'
  /** How it was arrived at, for the rationale. */
  basis: string
}

export interface DisputedInput {
  claim: Claim
  scope: Scope
  currency: string
  invoiceNumber: string
  invoiceTotal: Money
  openBalance: Money
  /** What the evidence shows is not owed within the scope. */
  evidenceNotOwed: Money
  /** Credit memos already issued for the charges in question (credited-already.ts). */
  alreadyCredited?: Money
}

type Figure = { amount: Money; field: string; basis: string }

/** Reasons where the customer contests a whole charge, not a difference the evidence can size. */
const WHOLE_CHARGE: ReadonlySet<ReasonCode> = new Set([
  'duplicate_billing',
  'already_paid',
  'tax_error',
  'missing_po',
  'service_dissatisfaction',
  'other',
])

/** Whole-charge reasons a count received or a price said has no part in. */
const COUNT_FREE: ReadonlySet<ReasonCode> = new Set(['duplicate_billing', 'already_paid', 'tax_error', 'missing_po'])

/** Claims on the invoice as a document (no PO on it, already paid), that no count of units sizes. */
const DOCUMENT_CLAIMS: ReadonlySet<ReasonCode> = new Set(['already_paid', 'missing_po'])

/** A claim amount in the invoice currency; more decimals than it allows is an error, never rounded. */
export function claimAmount(text: string, currency: string, field: string): Checked<Money> {
  const r = parseMoney(text, currency)
  if (!r.ok) return claimError(field, `${field}: ${r.error.message}`)
  if (r.value.minor < 0n) return claimError(field, `${field} must not be negative`)
  return { ok: true, value: r.value }
}

const FIELD_WORDS: Record<string, string> = {
  quantityReceived: 'the units received',
  quantityAffected: 'the units affected',
  expectedUnitPrice: 'the expected price',
  serviceDates: 'the days named',
}

function oneLine(scope: Scope, field: string): Checked<InvoiceLine> {
  const [line, ...rest] = scope.lines
  if (line && !rest.length) return { ok: true, value: line }
  const lines = scope.lines.map((l) => `line ${l.line} ${l.sku}`).join(', ')
  return claimError('lines', `Which line are ${FIELD_WORDS[field] ?? field} about${lines ? ` (${lines})` : ''}?`)
}

/** The customer's own figures, when the conversation gathered any. */
function claimFigure(input: DisputedInput): Checked<Figure | null> {
  const { claim, scope, currency } = input
  const units = (field: 'quantityReceived' | 'quantityAffected', said: number) => {
    const line = oneLine(scope, field)
    if (!line.ok) return line
    const l = line.value
    if (unitsUnclear(said, claim.sku, l)) {
      const per = billedPer(l) ?? 'unit'
      return claimError(
        field,
        `Line ${l.line} (${l.sku}) is billed per ${per}: how many ${per} are the ${said}${claim.sku ? ` ${claim.sku}` : ''}?`,
      )
    }
    const value = countInLineUnits(said, l, claim.sku)
    const count = field === 'quantityReceived' ? decimalSub(decimal(l.quantity), decimal(value)) : decimal(value)
    const amount = unitsCredit(l, count, currency)
    const basis =
      field === 'quantityReceived'
        ? `(${l.quantity} billed − ${value} received) × ${l.unitPrice} on line ${l.line}, with its tax`
        : `${value} × ${l.unitPrice} on line ${l.line}, with its tax`
    return { ok: true as const, value: { amount, field, basis } }
  }
  // A count received sizes a shortfall; a claim on a whole charge (billed twice, already paid, taxed,
  // without its PO) is not sized by it ("the same 15 crates, only one delivery" is a duplicate).
  if (claim.quantityReceived !== undefined && !COUNT_FREE.has(claim.reasonCode)) {
    // More received than billed is a count in another unit ("3 000 cups" on a line of 6 cartons) or
    // a misread: asked, never turned into "nothing in dispute".
    const line = oneLine(scope, 'quantityReceived')
    if (line.ok && countInLineUnits(claim.quantityReceived, line.value, claim.sku) > line.value.quantity) {
      return claimError(
        'quantityReceived',
        `${claim.quantityReceived} received is more than the ${line.value.quantity} billed on line ${line.value.line} (${line.value.sku}): how many of those ${line.value.quantity} arrived?`,
      )
    }
    return units('quantityReceived', claim.quantityReceived)
  }
  // Nor do units affected size a claim on the document itself ("it's the other invoice that's missing
  // one", of a PO; "paid, all 3 of them"): the invoice lacks its PO or was paid, whatever its units.
  if (claim.quantityAffected !== undefined && !DOCUMENT_CLAIMS.has(claim.reasonCode)) {
    const line = oneLine(scope, 'quantityAffected')
    if (line.ok && countInLineUnits(claim.quantityAffected, line.value, claim.sku) > line.value.quantity) {
      return claimError('quantityAffected', `line ${line.value.line} bills only ${line.value.quantity} units`)
    }
    return units('quantityAffected', claim.quantityAffected)
  }
  // "nobody came on the 3rd and the 17th": each day named is one unit of the service not rendered,
  // as the service rule counts them (evidence/service-rendered.ts), never more than the line bills.
  if (claim.serviceDates?.length) {
    const line = oneLine(scope, 'serviceDates')
    if (line.ok && claim.serviceDates.length <= line.value.quantity) {
      const l = line.value
      const amount = unitsCredit(l, decimal(claim.serviceDates.length), currency)
      const basis = `${claim.serviceDates.length} day(s) named × ${l.unitPrice} on line ${l.line}, with its tax`
      return { ok: true, value: { amount, field: 'serviceDates', basis } }
    }
  }
  // Nor by a price said ("EUR 2,080.00 each" of an invoice billed twice is what each one bills).
  if (claim.expectedUnitPrice !== undefined && !COUNT_FREE.has(claim.reasonCode)) {
    const said = claim.expectedUnitPrice
    // Each line reads the price in its own units ("4.2 cents a card" on a line priced per thousand).
    // No line named: a price is the price of one product, so of the invoice's lines only those billed
    // above it by the margin such disputes have (at most half again as much) are priced against it;
    // a line billed at three times it bills something else (a pick-up beside the pallets).
    const priced =
      scope.whole && scope.lines.length > 1 ? scope.lines.filter((l) => billedJustAbove(l, said)) : scope.lines
    const over: Money[] = []
    for (const l of priced) {
      const expected = claimAmount(priceInLineUnits(said, l), currency, 'expectedUnitPrice')
      if (!expected.ok) return expected
      over.push(overBilled(l, expected.value, currency))
    }
    const amount = sum(over, currency)
    // None of them ("nothing in dispute … on line(s) , with tax" read as if a line were missing): say so.
    const basis = priced.length
      ? `(billed − expected ${said}) × quantity on line(s) ${priced.map((l) => l.line).join(', ')}, with tax`
      : `no line is billed just above ${said}, so the price difference`
    return { ok: true, value: { amount, field: 'expectedUnitPrice', basis } }
  }
  if (scope.fees.length && !scope.whole && !scope.lines.length) {
    const amount = sum(
      scope.fees.map((f) => moneyOf(f.fee.amount, currency)),
      currency,
    )
    return { ok: true, value: { amount, field: 'feeType', basis: `the disputed fee(s) ${toDecimal(amount)}` } }
  }
  return { ok: true, value: null }
}

/** The charge in question: named lines (and fees), the whole invoice's total, its tax, its balance. */
function chargeInQuestion(input: DisputedInput): Figure {
  const { claim, scope, currency } = input
  if (claim.reasonCode === 'tax_error') {
    const amount = sum(
      scope.lines.map((l) => lineFigures(l, currency).tax),
      currency,
    )
    return { amount, field: 'disputedAmount', basis: `the tax on the line(s) in question` }
  }
  if (claim.reasonCode === 'already_paid') {
    const open = input.openBalance.minor > 0n
    const amount = open ? input.openBalance : input.invoiceTotal
    return { amount, field: 'disputedAmount', basis: open ? 'the open balance' : 'the invoice total' }
  }
  if (scope.whole) return { amount: input.invoiceTotal, field: 'disputedAmount', basis: 'the invoice total' }
  const amount = sum(
    [...scope.lines.map((l) => lineGross(l, currency)), ...scope.fees.map((f) => moneyOf(f.fee.amount, currency))],
    currency,
  )
  return { amount, field: 'disputedAmount', basis: 'the charges in question, with their tax' }
}

function withinInvoice(input: DisputedInput, figure: Figure): Checked<Money> {
  if (figure.amount.minor <= 0n) {
    return claimError(
      figure.field,
      `nothing in dispute on ${input.invoiceNumber}: ${figure.basis} comes to ${toDecimal(figure.amount)}`,
    )
  }
  if (cmp(figure.amount, input.invoiceTotal) > 0) {
    return claimError(
      figure.field,
      `${toDecimal(figure.amount)} ${input.currency} is more than the total of ${input.invoiceNumber} (${toDecimal(input.invoiceTotal)})`,
    )
  }
  return { ok: true, value: figure.amount }
}

export function disputedAmount(input: DisputedInput): Checked<DisputedAmount> {
  const { claim, currency } = input
  // "settled on the 2nd, 96,400.00 in all": a figure above what is still open in a claim that it was
  // paid is the payment's amount (the invoice's total paid in full, or a remittance covering several
  // invoices), not a part of this one; what is in dispute is then the charge in question, the open
  // balance.
  const stillOpen = input.openBalance.minor > 0n ? input.openBalance : input.invoiceTotal
  const paymentSaid =
    claim.reasonCode === 'already_paid' &&
    claim.disputedAmount !== undefined &&
    (() => {
      const p = parseMoney(claim.disputedAmount, currency)
      return p.ok && cmp(p.value, stillOpen) > 0
    })()
  if (claim.disputedAmount !== undefined && !paymentSaid) {
    const stated = claimAmount(claim.disputedAmount, currency, 'disputedAmount')
    if (!stated.ok) return stated
    const ok = withinInvoice(input, { amount: stated.value, field: 'disputedAmount', basis: 'the stated amount' })
    if (!ok.ok) return ok
    return { ok: true, value: { amount: ok.value, source: 'stated', basis: 'stated by the specialist' } }
  }
  const own = claimFigure(input)
  if (!own.ok) return own
  const derived =
    own.value ??
    (input.evidenceNotOwed.minor > 0n && !WHOLE_CHARGE.has(claim.reasonCode)
      ? { amount: input.evidenceNotOwed, field: 'disputedAmount', basis: 'what the evidence shows is not owed' }
      : chargeInQuestion(input))
  // "35 broke in all, 20 were credited, credit the other 15": a figure sized from the customer's own
  // count is in dispute less what was already credited for it; what the evidence sized already is.
  const credited = own.value ? input.alreadyCredited : undefined
  const figure =
    credited && credited.minor > 0n && cmp(derived.amount, credited) > 0
      ? {
          ...derived,
          amount: { ...derived.amount, minor: derived.amount.minor - credited.minor },
          basis: `${derived.basis}, less ${toDecimal(credited)} already credited`,
        }
      : derived
  const ok = withinInvoice(input, figure)
  if (!ok.ok) return ok
  return { ok: true, value: { amount: ok.value, source: 'derived', basis: figure.basis } }
}
