/**
 * The root cause as a code (so prevention, insights and trends key on one vocabulary) and as one
 * sentence a person reads, naming the documents and figures it rests on.
 */
import type { Classification, ReasonCode } from './ledger.ts'
import type { CheckResult } from './evidence/check.ts'
import { moneyOf } from './money.ts'
import type { Finding, RootCause } from './resolution.ts'

/** The cause when the evidence supports the customer, by reason. */
const CAUSE: Readonly<Record<ReasonCode, RootCause>> = {
  pricing_error: 'price_list_not_updated',
  quantity_discrepancy: 'billed_ordered_not_delivered',
  damaged_goods: 'damaged_in_transit',
  duplicate_billing: 'duplicate_invoice_generated',
  service_not_rendered: 'service_billed_not_rendered',
  service_dissatisfaction: 'service_billed_not_rendered',
  missing_po: 'po_missing_on_invoice',
  already_paid: 'payment_not_applied',
  late_fee: 'late_fee_applied_in_error',
  tax_error: 'unknown',
  contract_terms: 'billed_outside_contract_term',
  unrecognized_charge: 'charge_not_supported',
  other: 'unknown',
}

export interface RootCauseInput {
  reason: ReasonCode
  classification: Classification
  check: Pick<CheckResult, 'findings' | 'missing' | 'undecided' | 'rootCause'>
  invoiceNumber: string
  currency: string
}

const MAX_NAMED = 3

function listed(parts: string[]): string {
  const shown = parts.slice(0, MAX_NAMED).join('; ')
  return parts.length > MAX_NAMED ? `${shown}; and ${parts.length - MAX_NAMED} more` : shown
}

/** The evidence with its document id, unless the words already name it. */
const cited = (f: Finding) => (f.evidence.includes(f.documentId) ? f.evidence : `${f.evidence} (${f.documentId})`)

function supportedClause(f: Finding, currency: string): string {
  const notOwed = moneyOf(f.amountNotOwed, currency).minor > 0n ? `: ${f.amountNotOwed} ${currency} not owed` : ''
  return `${f.billed}, where ${cited(f)}${notOwed}`
}

export function rootCauseFor(input: RootCauseInput): { code: RootCause; sentence: string } {
  const { check, invoiceNumber: inv, reason, currency } = input
  const words = reason.replace(/_/g, ' ')
  if (input.classification === 'needs_info') {
    if (check.undecided) return { code: 'unknown', sentence: `${inv}: ${check.undecided.detail}.` }
    return {
      code: 'missing_documentation',
      sentence: `${inv}: no ${check.missing.map((k) => k.replace(/_/g, ' ')).join(', ')} in the ledger, so the ${words} claim cannot be decided yet.`,
    }
  }
  const supporting = check.findings.filter((f) => f.supportsCustomer)
  if (supporting.length) {
    return {
      code: check.rootCause ?? CAUSE[reason],
      sentence: `${inv} ${listed(supporting.map((f) => supportedClause(f, currency)))}.`,
    }
  }
  const code: RootCause = reason === 'service_dissatisfaction' ? 'service_quality_issue' : 'invoice_correct'
  const basis = check.findings.map(cited)
  return {
    code,
    sentence: basis.length
      ? `${inv} stands as billed: ${listed(basis)}.`
      : `${inv} stands as billed: nothing in the ledger supports the ${words} claim.`,
  }
}
