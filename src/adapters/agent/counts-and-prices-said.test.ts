/**
 * Counts said against the counts billed, with no price said, are a claim about units, whatever the
 * reason model guesses from the words around them ("not 20", "so they pay for 14", "too many"); the
 * invoice's line says whether the units are goods short (a line with a delivery) or a service not rendered.
 * Likewise two prices said one against the other, one of them the line's, are a claim about the price.
 * Invented ledger, through the real chat API (in-memory Postgres, embedded engine).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { invoicesIn } from '../../testing/ledger-builders.ts'
import { converse, createTestApp, type TestApp } from '../../testing/test-app.ts'

const nzd = invoicesIn('NZD', '2026-10-31')

const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Kaimai Outdoor Training', currency: 'NZD' },
  customers: [
    { id: 'C-ROT', name: 'Rotoiti Scouts Trust' },
    { id: 'C-TAU', name: 'Tauranga Boat Builders' },
  ],
  invoices: [
    nzd(
      'KOT-2207',
      'C-ROT',
      '2026-09-30',
      [
        {
          line: 1,
          sku: 'KAYAK-CRS',
          description: 'Kayak safety course, per participant',
          quantity: 20,
          unitPrice: '85.00',
        },
      ],
      { servicePeriodStart: '2026-09-14', servicePeriodEnd: '2026-09-18' },
    ),
    nzd('KOT-2210', 'C-TAU', '2026-09-30', [
      { line: 1, sku: 'PFD-ADULT', description: 'Buoyancy vest, adult', quantity: 30, unitPrice: '64.00' },
    ]),
  ],
  deliveries: [
    { id: 'DN-2210', invoiceNumber: 'KOT-2210', sku: 'PFD-ADULT', quantity: 30, deliveredDate: '2026-09-28' },
  ],
})

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ today: '2026-10-12', ledger: ledger() })
})
afterAll(async () => {
  await t.close()
})

describe('counts against counts, no price said', () => {
  it.each([
    'Rotoiti Scouts on KOT-2207: only 14 kids did the kayak course, not 20, so they pay for 14. 510.00 off.',
    'KOT-2207 - the trust says 6 participants too many were charged, 510.00',
    'Rotoiti Scouts on KOT-2207: they say 14 children came on the course, not the 20 on the invoice like last year, so NZD 510 off.',
    'The scouts trust queried KOT-2207. Their leader says 14 sat the course and not 20, so we have billed six places too many.',
  ])('is a service not rendered on a course line: %j', async (message) => {
    const r = await converse(t, message)
    expect(r.resolution?.reasonCode, r.reply.slice(0, 300)).toBe('service_not_rendered')
  })

  it('is units short on a goods line', async () => {
    const r = await converse(
      t,
      'Tauranga Boat Builders on KOT-2210: only 24 vests, not 30, so they pay for 24. 384.00 off.',
    )
    expect(r.resolution?.reasonCode, r.reply.slice(0, 300)).toBe('quantity_discrepancy')
  })

  it.each([
    'Tauranga Boat Builders on KOT-2210: they say 24 vests came and not the 30 on the invoice, so NZD 384 off.',
    'Tauranga queried KOT-2210, their storeman counted 24 vests not 30, so we have billed six too many.',
  ])('is units short on a goods line: %j', async (message) => {
    const r = await converse(t, message)
    expect(r.resolution?.reasonCode, r.reply.slice(0, 300)).toBe('quantity_discrepancy')
  })
})

describe("prices against prices, one of them the line's", () => {
  it.each([
    'Tauranga say their buyer was promised the vests would be 58 instead of 64, but KOT-2210 still has 64. They want 180 back.',
    'On KOT-2210 the vests should have been 58, not 64 - still 64 on the bill, they want NZD 180.',
    // The sum is the difference of the prices over the whole line: (64 - 58) x 30.
    'Tauranga ask us to recalculate KOT-2210 at 58 a vest as in the old list; the overpayment is 180.',
  ])('is a price claim: %j', async (message) => {
    const r = await converse(t, message)
    expect(r.resolution?.reasonCode, r.reply.slice(0, 300)).toBe('pricing_error')
  })
})
