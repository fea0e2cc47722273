/**
 * Test helpers: small, valid evidence for one invoice, changed field by field, so each test states
 * only what it is about. The default: Acme (C-1) billed 100 WIDGET at 14.00 on INV-1 under contract
 * CT-1 (12.50), PO-1, delivered in full (D-1), due 2026-03-04.
 */
import { investigate } from '../investigate.ts'
import { invoiceFigures } from '../invoice-math.ts'
import type { Contract, FxRate, Invoice, PolicyInput } from '../ledger.ts'
import { toDecimal } from '../money.ts'
import type { Claim, Decision, Evidence } from '../resolution.ts'

export const TODAY = '2026-03-10'

export function contract(patch: Partial<Contract> = {}): Contract {
  return {
    id: 'CT-1',
    customerId: 'C-1',
    startDate: '2025-01-01',
    endDate: '2026-12-31',
    currency: 'USD',
    paymentTermsDays: 30,
    poRequired: true,
    lateFee: { percentPerMonth: '1.5', graceDays: 10 },
    prices: [
      { sku: 'WIDGET', unitPrice: '12.50' },
      { sku: 'SEAT', unitPrice: '30.00' },
    ],
    ...patch,
  }
}

/** An invoice whose total is recomputed from its lines and fees unless the patch states one. */
export function invoice(patch: Partial<Invoice> = {}): Invoice {
  const base: Invoice = {
    number: 'INV-1',
    customerId: 'C-1',
    contractId: 'CT-1',
    poNumber: 'PO-1',
    issueDate: '2026-02-02',
    dueDate: '2026-03-04',
    currency: 'USD',
    status: 'open',
    lines: [{ line: 1, sku: 'WIDGET', description: 'Widget', quantity: 100, unitPrice: '14.00' }],
    ...patch,
  }
  return { ...base, total: patch.total ?? toDecimal(invoiceFigures(base).total) }
}

export function evidence(patch: Partial<Evidence> = {}): Evidence {
  return {
    invoice: invoice(),
    customer: { id: 'C-1', name: 'Acme Corp' },
    contract: contract(),
    purchaseOrders: [
      {
        number: 'PO-1',
        customerId: 'C-1',
        issueDate: '2026-01-20',
        lines: [{ sku: 'WIDGET', quantity: 100, unitPrice: '12.50' }],
      },
    ],
    deliveries: [
      {
        id: 'D-1',
        invoiceNumber: 'INV-1',
        poNumber: 'PO-1',
        sku: 'WIDGET',
        quantity: 100,
        deliveredDate: '2026-02-01',
      },
    ],
    serviceLogs: [],
    payments: [],
    creditMemos: [],
    otherInvoices: [],
    customerDisputes: [],
    ...patch,
  }
}

export interface RunOptions {
  today?: string
  policy?: PolicyInput
  companyCurrency?: string
  fxRates?: FxRate[]
  publicHolidays?: string[]
}

/** Investigates and returns the decision; a test expecting a decision fails loudly on an error. */
export function decide(
  claim: Omit<Claim, 'invoiceNumber'> & { invoiceNumber?: string },
  ev: Evidence,
  options: RunOptions = {},
): Decision {
  const outcome = investigate({
    claim: { invoiceNumber: ev.invoice.number, ...claim },
    evidence: ev,
    today: options.today ?? TODAY,
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.companyCurrency ? { companyCurrency: options.companyCurrency } : {}),
    ...(options.fxRates ? { fxRates: options.fxRates } : {}),
    ...(options.publicHolidays ? { publicHolidays: options.publicHolidays } : {}),
  })
  if (!outcome.ok) throw new Error(`expected a decision, got ${outcome.error.field}: ${outcome.error.message}`)
  return outcome.decision
}

/** The figures most tests assert, in one object for a readable `toMatchObject`. */
export const outcomeOf = (d: Decision) => ({
  classification: d.classification,
  action: d.action,
  disputedAmount: d.disputedAmount,
  supportedAmount: d.supportedAmount,
})
