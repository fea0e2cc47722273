/**
 * Which part of the invoice a claim is about: the lines the specialist named (by number or by SKU
 * words), the fee it disputes, or, when nothing was named, the whole invoice.
 */
import { invoiceFigures, lineFigures } from './invoice-math.ts'
import type { Fee, Invoice, InvoiceLine, ReasonCode } from './ledger.ts'
import { cmp, moneyOf, parseMoney } from './money.ts'
import type { Claim } from './resolution.ts'

export interface InvestigationError {
  code: 'invalid_claim'
  message: string
  field?: string
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: InvestigationError }

export const claimError = (field: string, message: string): { ok: false; error: InvestigationError } => ({
  ok: false,
  error: { code: 'invalid_claim', message, field },
})

export interface ScopedFee {
  fee: Fee
  index: number
}

export interface Scope {
  lines: InvoiceLine[]
  fees: ScopedFee[]
  /** Nothing was named: the claim is about the whole invoice (lines and fees). */
  whole: boolean
}

const norm = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '')

/** "widget B", "Widget-B", "widgets" → the lines whose SKU or description they name. */
export function matchSku(lines: readonly InvoiceLine[], words: string): InvoiceLine[] {
  const q = norm(words)
  if (!q) return []
  const names = (l: InvoiceLine) => [l.sku, l.description ?? ''].map(norm).filter((n) => n.length > 0)
  const exact = lines.filter((l) => names(l).includes(q))
  if (exact.length) return exact
  // Plural or partial words ("widgets" for WIDGET-A and WIDGET-B): containment, never below 3 letters.
  const stem = q.length > 3 ? q.replace(/S$/, '') : q
  if (stem.length < 3) return []
  return lines.filter((l) => names(l).some((n) => n.length >= 3 && (n.includes(stem) || stem.includes(n))))
}

/** The lines that bill a fee of the type: named by its words, else any line called a fee or charge. */
export function feeLines(invoice: Pick<Invoice, 'lines'>, feeType: Fee['type']): InvoiceLine[] {
  const named = feeType === 'other' ? [] : matchSku(invoice.lines, feeType.replace(/_/g, ' '))
  return named.length ? named : invoice.lines.filter((l) => /FEE|CHARGE/.test(norm(`${l.sku} ${l.description ?? ''}`)))
}

export function resolveScope(claim: Claim, invoice: Invoice): Checked<Scope> {
  const allFees = (invoice.fees ?? []).map((fee, index) => ({ fee, index }))
  // "a clean invoice without the 62.00 VAT, please": a tax claim for exactly the invoice's whole tax
  // is about every taxed line, whatever a word of the message seemed to name.
  if (claim.reasonCode === 'tax_error' && isWholeTax(claim.disputedAmount, invoice))
    return { ok: true, value: { lines: [...invoice.lines], fees: allFees, whole: true } }
  // "billed the pallet freight twice, 269.50 each time" on an invoice of freight and pallet hire that comes to
  // 269.50: a fee word with, as the amount, exactly the invoice's total is about all of it.
  if (claim.feeType && !claim.lines?.length && !claim.sku && isWholeTotal(claim.disputedAmount, invoice))
    return { ok: true, value: { lines: [...invoice.lines], fees: allFees, whole: true } }
  const feeType = claim.feeType ?? (claim.reasonCode === 'late_fee' ? 'late_fee' : undefined)
  const fees = feeType ? allFees.filter((f) => f.fee.type === feeType) : []
  // Fees are often billed as lines ("HANDLING-FEE", "Freight per drum"): the fee words, else "fee",
  // name the lines; lines named otherwise (by number or product) are the charge itself.
  if (feeType && !fees.length && !claim.lines?.length && !claim.sku) {
    const asLines = feeLines(invoice, feeType)
    if (!asLines.length) return claimError('feeType', `${invoice.number} carries no ${feeType.replace(/_/g, ' ')}`)
    return { ok: true, value: { lines: asLines, fees: [], whole: false } }
  }
  if (claim.lines?.length) {
    const unknown = claim.lines.filter((n) => !invoice.lines.some((l) => l.line === n))
    if (unknown.length) {
      return claimError('lines', `${invoice.number} has no line ${unknown.join(', ')}`)
    }
    const lines = invoice.lines.filter((l) => claim.lines?.includes(l.line))
    return { ok: true, value: { lines, fees, whole: false } }
  }
  if (claim.sku) {
    const lines = matchSku(invoice.lines, claim.sku)
    if (!lines.length) return claimError('sku', `no line of ${invoice.number} matches "${claim.sku}"`)
    return { ok: true, value: { lines, fees, whole: false } }
  }
  if (feeType) return { ok: true, value: { lines: [], fees: feeOfAmount(claim, invoice, fees), whole: false } }
  const byAmount = chargeOfAmount(claim, invoice, allFees)
  if (byAmount) return { ok: true, value: byAmount }
  return { ok: true, value: { lines: [...invoice.lines], fees: allFees, whole: true } }
}

/** Whether an amount is exactly the tax the whole invoice carries (every taxed line's). */
export function isWholeTax(amount: string | undefined, invoice: Invoice): boolean {
  if (!amount) return false
  const stated = parseMoney(amount, invoice.currency)
  const tax = invoiceFigures(invoice).tax
  return stated.ok && tax.minor > 0n && cmp(stated.value, tax) === 0
}

/** Whether an amount is exactly what the whole invoice comes to (lines, their tax and its fees). */
function isWholeTotal(amount: string | undefined, invoice: Invoice): boolean {
  if (!amount) return false
  const stated = parseMoney(amount, invoice.currency)
  return stated.ok && cmp(stated.value, invoiceFigures(invoice).total) === 0
}

/** Of several fees of the kind named ("other" charges, two surcharges), the one billed at exactly the
 *  amount disputed is the one meant; the others are not in question. */
function feeOfAmount(claim: Claim, invoice: Invoice, fees: ScopedFee[]): ScopedFee[] {
  if (fees.length < 2 || !claim.disputedAmount) return fees
  const stated = parseMoney(claim.disputedAmount, invoice.currency)
  if (!stated.ok) return fees
  const named = fees.filter((f) => cmp(moneyOf(f.fee.amount, invoice.currency), stated.value) === 0)
  return named.length === 1 ? named : fees
}

/** Reasons about the invoice as a whole document or payment, never about one of its charges. */
const WHOLE_INVOICE_REASONS: readonly ReasonCode[] = [
  'duplicate_billing',
  'already_paid',
  'missing_po',
  'tax_error',
  'other',
]

/**
 * "They don't recognise a charge, 3,535.73": when nothing was named but the disputed amount is
 * exactly one charge of the invoice (a line with or without its tax, or a fee), the claim is about
 * that charge. Two charges of that amount, or the whole invoice's total, name nothing.
 */
function chargeOfAmount(claim: Claim, invoice: Invoice, fees: ScopedFee[]): Scope | null {
  if (!claim.disputedAmount || WHOLE_INVOICE_REASONS.includes(claim.reasonCode)) return null
  const stated = parseMoney(claim.disputedAmount, invoice.currency)
  if (!stated.ok) return null
  const same = (amount: string | { minor: bigint; currency: string }) =>
    cmp(typeof amount === 'string' ? moneyOf(amount, invoice.currency) : amount, stated.value) === 0
  const lines = invoice.lines.filter((l) => {
    const f = lineFigures(l, invoice.currency)
    return same(f.gross) || same(f.net)
  })
  const matchingFees = fees.filter((f) => same(f.fee.amount))
  if (lines.length + matchingFees.length !== 1) return null
  if (invoice.lines.length + fees.length === 1) return null
  return { lines, fees: matchingFees, whole: false }
}
