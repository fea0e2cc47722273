/** What every defect planter shares: picking an untouched invoice, recording the expected outcome. */
import { invoiceFigures, lineFigures } from '../core/invoice-math.ts'
import type { Invoice, InvoiceLine, ReasonCode } from '../core/ledger.ts'
import { cmp, moneyOf, sub, toDecimal } from '../core/money.ts'
import { DEFAULT_POLICY } from '../core/policy.ts'
import type { Plan, World } from './model.ts'

export const PER_REASON = 6

export type Planter = (world: World, pick: Picker) => void
export interface Picker {
  /** A recent invoice meeting the test, not used by another defect; undefined when none is left. */
  invoice(test: (inv: Invoice, plan: Plan) => boolean): { inv: Invoice; plan: Plan } | undefined
}

export const gross = (l: InvoiceLine) => lineFigures(l, 'USD').gross
export const total = (inv: Invoice) => toDecimal(invoiceFigures(inv).total)
export const isService = (inv: Invoice) => inv.servicePeriodStart !== undefined

export function record(
  world: World,
  inv: Invoice,
  reasonCode: ReasonCode,
  expected: {
    classification: 'valid' | 'partial' | 'invalid' | 'needs_info'
    supportedAmount: string
    disputedAmount: string
    action: string
  },
  note: string,
  l?: InvoiceLine,
): void {
  world.manifest.push({ inv, reasonCode, expected, note, ...(l ? { line: l.line, sku: l.sku } : {}) })
}

/** billed − corrected for one line, tax following the line. */
export function notOwed(billed: InvoiceLine, corrected: InvoiceLine): string {
  return toDecimal(sub(gross(billed), gross(corrected)))
}

/**
 * What DOMAIN.md rules when the evidence supports the invoice: the invoice stands, unless what the
 * customer would still owe of the disputed amount is under the write-off threshold.
 */
export function invoiceStands(disputedAmount: string) {
  const small = cmp(moneyOf(disputedAmount, 'USD'), moneyOf(DEFAULT_POLICY.writeOffBelow, 'USD')) < 0
  return {
    classification: 'invalid' as const,
    supportedAmount: '0.00',
    disputedAmount,
    action: small ? 'write_off' : 'no_adjustment',
  }
}
