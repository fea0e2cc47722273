/**
 * Price claims read against the invoice's lines: the prices of several lines each set against a figure
 * of their own, a price said as the one expected that is the one billed, a working that ends "so …",
 * a tax named inside the working of a price claim, and damage to what a service provides on days the
 * log must answer for. Invented ledger, through the real chat API (in-memory Postgres, embedded engine).
 */
import { describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { invoicesIn } from '../../testing/ledger-builders.ts'
import { chatOnLedger, converse } from '../../testing/test-app.ts'

const eur = invoicesIn('EUR', '2026-07-31')

const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Lakeside Vending & Catering', currency: 'EUR' },
  customers: [
    { id: 'C-OR', name: 'Orchard Row Offices' },
    { id: 'C-PS', name: 'Pinewood School' },
    { id: 'C-HL', name: 'Harbour Lane Clinic' },
  ],
  contracts: [
    {
      id: 'K-OR',
      customerId: 'C-OR',
      startDate: '2026-01-01',
      currency: 'EUR',
      paymentTermsDays: 30,
      prices: [
        { sku: 'MACH-RENT', unitPrice: '68.00' },
        { sku: 'CAPS', unitPrice: '32.00' },
        { sku: 'CLEAN-HR', unitPrice: '34.60' },
      ],
    },
    {
      id: 'K-PS',
      customerId: 'C-PS',
      startDate: '2026-01-01',
      currency: 'EUR',
      paymentTermsDays: 30,
      prices: [{ sku: 'MEAL', unitPrice: '7.25' }],
    },
  ],
  invoices: [
    eur(
      'LV-0201',
      'C-OR',
      '2026-06-01',
      [
        {
          line: 1,
          sku: 'MACH-RENT',
          description: 'Espresso machine rent',
          quantity: 3,
          unitPrice: '71.00',
          taxRate: '0.21',
        },
        {
          line: 2,
          sku: 'CAPS',
          description: 'Coffee capsules per 100',
          quantity: 12,
          unitPrice: '33.40',
          taxRate: '0.21',
        },
      ],
      { contractId: 'K-OR' },
    ),
    eur(
      'LV-0202',
      'C-PS',
      '2026-06-02',
      [{ line: 1, sku: 'MEAL', description: 'Hot meals', quantity: 400, unitPrice: '7.25', taxRate: '0.09' }],
      { contractId: 'K-PS' },
    ),
    eur(
      'LV-0203',
      'C-OR',
      '2026-06-03',
      [
        {
          line: 1,
          sku: 'CLEAN-HR',
          description: 'Office cleaning hours',
          quantity: 300,
          unitPrice: '35.95',
          taxRate: '0.21',
        },
      ],
      { contractId: 'K-OR' },
    ),
    eur(
      'LV-0204',
      'C-HL',
      '2026-06-15',
      [
        {
          line: 1,
          sku: 'DRINKS',
          description: 'Drinks vending, week 24',
          quantity: 1,
          unitPrice: '90.00',
          taxRate: '0.21',
        },
        {
          line: 2,
          sku: 'LUNCH-DAY',
          description: 'Lunch service, week 24',
          quantity: 5,
          unitPrice: '120.00',
          taxRate: '0.21',
        },
      ],
      { servicePeriodStart: '2026-06-08', servicePeriodEnd: '2026-06-12' },
    ),
  ],
  serviceLogs: [
    {
      id: 'SL-24',
      customerId: 'C-HL',
      invoiceNumber: 'LV-0204',
      sku: 'LUNCH-DAY',
      periodStart: '2026-06-08',
      periodEnd: '2026-06-12',
      quantity: 5,
      status: 'rendered',
    },
  ],
})

const { app, resolve } = chatOnLedger({ today: '2026-06-20', ledger: ledger() })

describe('the prices of two lines, each set against a figure of its own', () => {
  // 3 × (71.00 − 68.00) = 9.00 + 21 % = 10.89; 12 × (33.40 − 32.00) = 16.80 + 21 % = 20.33; 31.22 in all.
  // The German wording is a check (its reason read already named both lines); the English one was read
  // as the rent alone.
  it.each([
    'Orchard Row on LV-0201: the machine rent is 71.00 where the contract says 68.00, and the capsules 33.40 where it says 32.00. With VAT that is 31.22.',
    'Orchard Row, LV-0201: Preise zu hoch, Miete 71,00 statt 68,00 und Kapseln 33,40 statt 32,00, Differenz brutto 31,22 EUR.',
  ])('%j is about both lines', async (text) => {
    expect(await resolve(text)).toMatchObject({
      invoiceNumber: 'LV-0201',
      reasonCode: 'pricing_error',
      classification: 'valid',
      supportedAmount: '31.22',
    })
  })
})

describe('a price said as the one expected that is the one the line bills', () => {
  it.each([
    'Pinewood School on LV-0202: meals are 7.25 each now, last year it was 6.95.',
    'Pinewood, LV-0202: 7,25 pro Essen, letztes Jahr 6,95.',
  ])('%j: the figure set against it is the one expected', async (text) => {
    const r = await converse(app(), text)
    expect(r.understood).toMatchObject({ invoiceNumber: 'LV-0202', expectedUnitPrice: '6.95' })
  })
  it('a working that ends "so …" ends in the amount in dispute', async () => {
    expect(
      await resolve(
        'Pinewood School on LV-0202: you charge 7.25 per meal, last year it was 6.95. 400 meals x 0.30 = 120.00 + VAT, so 130.80.',
      ),
    ).toMatchObject({ classification: 'invalid', disputedAmount: '130.80' })
  })
})

describe('a tax named inside the working of a price claim', () => {
  // 300 × (35.95 − 34.60) = 405.00 + 21 % = 490.05.
  it.each([
    'Forwarded from Orchard Row AP, about LV-0203: "cleaning is charged at EUR 35,95 an hour, the agreement has EUR 34,60. We dispute the difference over 300 hours: EUR 405,00 excl. VAT, 490,05 incl. 21% VAT."',
    'Orchard Row, LV-0203: Reinigung mit 35,95 pro Stunde berechnet, laut Vertrag 34,60. Wir bestreiten die Differenz: 405,00 exkl. MwSt., 490,05 inkl. 19% MwSt.',
  ])('%j is the working, not a claim that the tax is wrong', async (text) => {
    expect(await resolve(text)).toMatchObject({
      reasonCode: 'pricing_error',
      classification: 'valid',
      supportedAmount: '490.05',
    })
  })
})

describe('damage to what a service provides, on named days', () => {
  // The week's log is one entry: it cannot say whether Wednesday and Thursday were served.
  it('is days of the service not rendered, which the log of the week cannot answer for', async () => {
    expect(
      await resolve(
        'Harbour Lane on LV-0204: on Wednesday 10 and Thursday 11 June there was no lunch, the kitchen oven was broken. They dispute those 2 days.',
      ),
    ).toMatchObject({
      reasonCode: 'service_not_rendered',
      classification: 'needs_info',
      disputedAmount: '290.40',
    })
  })
})
