/**
 * The contract's example cases (shared/contract/examples, copied into evals/cases) at the domain
 * level: Evidence built from northwind.ledger.json as the store's evidenceFor builds it, and the
 * Claim a conversation would fill from the turns. The figures asserted are the cases' `expect`.
 * unknown-invoice.case.json is not here: an invoice the ledger lacks never reaches the core (the
 * service answers invoice_not_found before it fetches evidence).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { investigate } from './investigate.ts'
import { invoiceFigures } from './invoice-math.ts'
import { type Ledger, parseLedger } from './ledger.ts'
import { toDecimal } from './money.ts'
import type { Claim } from './resolution.ts'
import { evidenceFromLedger } from './testing/evidence-from-ledger.ts'

const CASES = resolve(import.meta.dirname, '../../evals/cases')
const read = (file: string): unknown => JSON.parse(readFileSync(resolve(CASES, file), 'utf8'))

function northwind(): Ledger {
  const parsed = parseLedger(read('northwind.ledger.json'))
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
  return parsed.ledger
}

interface ExampleCase {
  today: string
  expect: Record<string, unknown>
}

/** The case's expected figures that a Decision carries under the same names. */
const FIGURES = [
  'invoiceNumber',
  'customerId',
  'reasonCode',
  'classification',
  'disputedAmount',
  'supportedAmount',
  'action',
] as const
const figures = (expected: Record<string, unknown>) =>
  Object.fromEntries(FIGURES.filter((k) => k in expected).map((k) => [k, expected[k]]))

function run(caseFile: string, claim: Claim) {
  const c = read(caseFile) as ExampleCase
  const ledger = northwind()
  const evidence = evidenceFromLedger(ledger, claim.invoiceNumber)
  if (!evidence) throw new Error(`no evidence for ${claim.invoiceNumber}`)
  const outcome = investigate({ claim, evidence, today: c.today, ...(ledger.policy ? { policy: ledger.policy } : {}) })
  if (!outcome.ok) throw new Error(outcome.error.message)
  const d = outcome.decision
  // Every figure the case states, and at least its stakeholders.
  expect(d).toMatchObject(figures(c.expect))
  expect(d.stakeholders).toEqual(expect.arrayContaining((c.expect.stakeholders as string[] | undefined) ?? []))
  return { d, expected: c.expect }
}

describe('the example cases', () => {
  it('pricing-overcharge: INV-1001 billed 14.00 against 12.50 on 100 units, 150.00 valid credit memo', () => {
    // "they say we charged the wrong unit price on the widgets, they want $150 back"
    const { d, expected } = run('pricing-overcharge.case.json', {
      invoiceNumber: 'INV-1001',
      reasonCode: 'pricing_error',
      disputedAmount: '150.00',
      sku: 'widgets',
    })
    expect(d).toMatchObject({
      escalation: { required: expected.escalation },
      approval: { requiredRole: 'specialist', amount: '150.00' },
      rootCauseCode: 'price_list_not_updated',
      findings: [expect.objectContaining({ documentId: 'CT-100', amountNotOwed: '150.00' })],
    })
    expect(d.rootCause).toContain('CT-100')
  })

  it('short-shipment: INV-1002 billed 50, D-779 shows 42 received, 8 × 40.00 = 320.00', () => {
    // "customer says they only got 42 of the 50 widget B units"
    const { d } = run('short-shipment.case.json', {
      invoiceNumber: 'INV-1002',
      reasonCode: 'quantity_discrepancy',
      quantityReceived: 42,
      sku: 'widget B',
    })
    expect(d).toMatchObject({
      disputedAmount: '320.00',
      disputedAmountSource: 'derived',
      findings: [expect.objectContaining({ documentId: 'D-779' })],
    })
  })

  it('duplicate-subscription: INV-2002 bills the February period INV-2001 billed, 1,700.00 valid', () => {
    // "Initech says INV-2002 is a duplicate of INV-2001, both for February. Disputing the full 1,700."
    const { d, expected } = run('duplicate-subscription.case.json', {
      invoiceNumber: 'INV-2002',
      reasonCode: 'duplicate_billing',
      relatedInvoiceNumber: 'INV-2001',
      disputedAmount: '1700.00',
    })
    expect(d).toMatchObject({
      stakeholders: expected.stakeholders,
      approval: { requiredRole: 'lead', amount: '1700.00' },
    })
    expect(d.documentation.find((x) => x.kind === 'duplicate_invoice')).toMatchObject({
      status: 'found',
      ids: ['INV-2001'],
    })
  })

  it('every northwind invoice total recomputes from its lines to the cent', () => {
    for (const inv of northwind().invoices) expect(toDecimal(invoiceFigures(inv).total)).toBe(inv.total)
  })
})
