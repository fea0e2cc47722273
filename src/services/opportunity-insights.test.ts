/**
 * The account manager's opportunity through the real services: an investigation on a customer who
 * keeps ordering a SKU their contract does not price names the account manager in the consultant
 * insights, and the customer email of the same resolution says nothing of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Invoice, Ledger } from '../core/ledger.ts'
import type { Resolution } from '../core/resolution.ts'
import { exampleLedger } from '../testing/example-ledger.ts'
import { createTestApp, type TestApp } from '../testing/test-app.ts'

const gaskets = (number: string, issueDate: string, quantity: number): Invoice => ({
  number,
  customerId: 'C-100',
  contractId: 'CT-100',
  issueDate,
  dueDate: issueDate.replace(/-10$/, '-28'),
  currency: 'USD',
  status: 'open',
  lines: [{ line: 1, sku: 'GASKET-X', quantity, unitPrice: '2.50' }],
  total: (quantity * 2.5).toFixed(2),
})

/** Globex (C-100, account manager Dana Whitfield) also buys gaskets, which contract CT-100 does not price. */
function ledger(): Ledger {
  const l = exampleLedger()
  const invoices = l.invoices.map((i) =>
    i.number === 'INV-1001'
      ? { ...i, lines: [...i.lines, { line: 2, sku: 'GASKET-X', quantity: 40, unitPrice: '2.50' }], total: '1500.00' }
      : i,
  )
  return { ...l, invoices: [...invoices, gaskets('INV-1090', '2025-10-10', 60), gaskets('INV-1091', '2025-12-10', 80)] }
}

let t: TestApp
let resolution: Resolution
beforeAll(async () => {
  t = await createTestApp({ ledger: ledger() })
  const r = await t.runtime.services.investigate(
    { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error', sku: 'WIDGET-A' },
    { today: t.runtime.today() },
  )
  if (!r.ok) throw new Error(r.error.message)
  resolution = r.value
}, 120_000)
afterAll(() => t?.close())

describe('the opportunity insight over the real services', () => {
  it('names the account manager and the volume among the consultant insights', () => {
    const opportunity = resolution.insights.filter((i) => i.kind === 'opportunity')
    expect(opportunity.map((i) => i.text)).toEqual([
      'For Dana Whitfield (account manager): Globex Corporation orders GASKET-X regularly (3 invoices, 180 units, ' +
        '$450.00 before tax since 2025-03-15) with no contract price in CT-100; offer a contract price for that volume.',
    ])
  })

  it('never reaches the customer email of the same resolution', () => {
    expect(resolution.classification).toBe('valid')
    const email = `${resolution.email.subject}\n${resolution.email.body}`
    expect(email).toContain('INV-1001')
    expect(email).not.toMatch(/Dana Whitfield|account manager|GASKET-X|contract price for that volume/i)
  })
})
