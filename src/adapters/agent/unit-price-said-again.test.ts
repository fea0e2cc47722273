/**
 * The billed unit price said twice: once as the working of the line ("6 inspections billed @ 60") and
 * once on its own as what is disputed ("disputing one inspection, 60"). Beside units said short, the
 * second saying is one unit's worth, the claim's size, not a price claim. Invented ledger, through the
 * real chat API (in-memory Postgres, embedded engine).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { converse, createTestApp, type TestApp } from '../../testing/test-app.ts'

const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Kestrel Lift Services', currency: 'USD' },
  customers: [{ id: 'C-ORW', name: 'Orwell Street Clinic' }],
  invoices: [
    {
      number: 'KLS-3307',
      customerId: 'C-ORW',
      issueDate: '2026-09-30',
      dueDate: '2026-10-30',
      servicePeriodStart: '2026-09-01',
      servicePeriodEnd: '2026-09-30',
      currency: 'USD',
      lines: [
        { line: 1, sku: 'LIFT-INSP', description: 'Lift safety inspection', quantity: 6, unitPrice: '60.00' },
        { line: 2, sku: 'LIFT-OIL', description: 'Hydraulic oil top-up', quantity: 2, unitPrice: '140.00' },
      ],
      total: '640.00',
    },
  ],
  serviceLogs: [
    {
      id: 'SL-3307-1',
      customerId: 'C-ORW',
      invoiceNumber: 'KLS-3307',
      sku: 'LIFT-INSP',
      periodStart: '2026-09-01',
      periodEnd: '2026-09-30',
      quantity: 6,
      status: 'rendered',
    },
  ],
})

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ today: '2026-10-12', ledger: ledger() })
})
afterAll(async () => {
  await t.close()
})

describe('the billed price said again as the amount', () => {
  it.each([
    'KLS-3307: 6 lift inspections billed @ 60. Their facilities lead says only 5 were done, so they dispute one inspection, 60.',
    'Orwell Street, KLS-3307: inspections are charged @ 60 but one of them never happened, dispute 60',
  ])('is one unit short, not a price: %j', async (text) => {
    const r = await converse(t, text)
    expect(r.resolution?.reasonCode, r.reply.slice(0, 300)).toBe('service_not_rendered')
    expect(r.resolution?.disputedAmount).toBe('60.00')
  })

  it('stays a price claim when a second price is said', async () => {
    const r = await converse(t, 'KLS-3307: inspections billed @ 60, our rate card says 55, they want 30 back')
    expect(r.resolution?.reasonCode, r.reply.slice(0, 300)).toBe('pricing_error')
  })
})
