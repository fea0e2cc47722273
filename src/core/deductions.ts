/**
 * Deductions (DOMAIN.md, "Deductions"): a short payment whose remittance advice says what the
 * customer deducted from an invoice, and why, in their own words or codes. Each one becomes a claim
 * on that invoice for the deducted amount. The reason is read the way HighRadius or SAP map a
 * customer's reason codes to their own: a table a lead edits (prompts/deduction-codes.json) first,
 * then the customer's words, read by the same reason classifier as the chat (passed in, so the core
 * stays free of any model). Pure.
 */
import { z } from 'zod'
import { ReasonCode } from './ledger.ts'
import type { Claim } from './resolution.ts'
import { escapeRegExp } from './escape-regexp.ts'

/** The customer's reason codes → ours: a general table, and per-customer tables that win over it. */
export const DeductionCodes = z.strictObject({
  description: z.string().optional(),
  codes: z.record(z.string().trim().min(1, 'a code must not be empty'), ReasonCode),
  customers: z.record(z.string().min(1), z.record(z.string().trim().min(1), ReasonCode)).optional(),
})
export type DeductionCodes = z.infer<typeof DeductionCodes>

export const EMPTY_DEDUCTION_CODES: DeductionCodes = { codes: {} }

/** One short-paid invoice of one payment (remittance entries for the same invoice summed). */
export interface Deduction {
  paymentId: string
  paymentReference: string | null
  paymentDate: string
  customerId: string
  /** As the remittance advice names it; the investigation resolves it against the ledger. */
  invoiceNumber: string
  currency: string
  paid: string
  deducted: string
  /** The customer's reason as written ("SHORT 4 CTNS", "PD 0.50/EA"); empty when they gave none. */
  reasonText: string
}

/** What the reason classifier the chat uses says about a text. */
export interface ReasonReading {
  code: ReasonCode | null
  confidence: number
}
export type ReadReason = (text: string) => ReasonReading

/** How a deduction's reason was read: by the lead's code table, by its words, or not at all. */
export type DeductionReason =
  | { by: 'code'; reasonCode: ReasonCode; customerCode: string }
  | { by: 'text'; reasonCode: ReasonCode; confidence: number }
  | { by: 'none'; reasonCode: 'other' }

const norm = (s: string): string => s.trim().replace(/\s+/g, ' ').toUpperCase()

/**
 * The customer code a reason text starts with, in the customer's table, then the general one. The
 * longest code wins ("PRICE DIFF" over "PRICE"); a code must end at a word boundary ("SH" is not
 * "SHIPPED").
 */
export function customerCode(
  text: string,
  customerId: string,
  table: DeductionCodes,
): { customerCode: string; reasonCode: ReasonCode } | null {
  const said = norm(text)
  if (!said) return null
  for (const codes of [table.customers?.[customerId], table.codes]) {
    if (!codes) continue
    const keys = Object.keys(codes).sort((a, b) => norm(b).length - norm(a).length)
    for (const key of keys) {
      const k = norm(key)
      if (!k) continue
      if (new RegExp(`^${escapeRegExp(k)}(?![A-Z0-9])`).test(said)) {
        return { customerCode: key, reasonCode: codes[key] as ReasonCode }
      }
    }
  }
  return null
}

/** The table first; an unmapped code falls back to reading the words; nothing readable is `other`. */
export function deductionReason(d: Deduction, table: DeductionCodes, read: ReadReason): DeductionReason {
  const mapped = customerCode(d.reasonText, d.customerId, table)
  if (mapped) return { by: 'code', ...mapped }
  if (d.reasonText.trim()) {
    const r = read(d.reasonText)
    if (r.code) return { by: 'text', reasonCode: r.code, confidence: r.confidence }
  }
  return { by: 'none', reasonCode: 'other' }
}

/** The dispute a deduction is: the deducted amount in dispute, for the reason read. */
export function deductionClaim(d: Deduction, reason: DeductionReason): Claim {
  return {
    invoiceNumber: d.invoiceNumber,
    reasonCode: reason.reasonCode,
    disputedAmount: d.deducted,
    description: deductionDescription(d, reason),
  }
}

export function deductionDescription(d: Deduction, reason: DeductionReason): string {
  const said = d.reasonText.trim() ? `"${d.reasonText.trim()}"` : 'no reason given'
  const how =
    reason.by === 'code'
      ? `customer code ${reason.customerCode} → ${reason.reasonCode}`
      : reason.by === 'text'
        ? `read as ${reason.reasonCode}`
        : 'reason not readable'
  const ref = d.paymentReference ? ` (ref ${d.paymentReference})` : ''
  return `Deduction of ${d.deducted} ${d.currency} on payment ${d.paymentId}${ref} of ${d.paymentDate}: ${said}; ${how}.`
}
