import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { converse, createTestApp, type TestApp } from '../../testing/test-app.ts'

// A figure written as a day and a month ("14.09.", "14/09") that is a date of the invoice or its
// delivery, read against an invented ledger of a timber yard billing boards in EUR.
const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Sava Timber', currency: 'EUR' },
  customers: [{ id: 'ST-1', name: 'Lika Joinery' }],
  invoices: [
    {
      number: 'DRV-2291',
      customerId: 'ST-1',
      issueDate: '2026-09-15',
      dueDate: '2026-10-15',
      currency: 'EUR',
      lines: [{ line: 1, sku: 'BRD-40', description: 'Pine boards 40 mm', quantity: 600, unitPrice: '6.40' }],
      total: '3840.00',
    },
    {
      number: 'DRV-2304',
      customerId: 'ST-1',
      issueDate: '2026-10-01',
      dueDate: '2026-10-31',
      currency: 'EUR',
      servicePeriodStart: '2026-09-01',
      servicePeriodEnd: '2026-09-30',
      lines: [{ line: 1, sku: 'KILN-DAY', description: 'Kiln drying, per day', quantity: 8, unitPrice: '95.00' }],
      total: '760.00',
    },
  ],
  serviceLogs: [
    ...['02', '04', '08', '11', '15', '18', '22'].map((d) => ({
      id: `KL-${d}`,
      customerId: 'ST-1',
      invoiceNumber: 'DRV-2304',
      sku: 'KILN-DAY',
      periodStart: `2026-09-${d}`,
      periodEnd: `2026-09-${d}`,
      quantity: 1,
      status: 'rendered' as const,
    })),
  ],
  deliveries: [{ id: 'DL-7781', invoiceNumber: 'DRV-2291', sku: 'BRD-40', quantity: 580, deliveredDate: '2026-09-14' }],
})

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ today: '2026-10-02', ledger: ledger(), env: { DISPUTE_DESK_CHAT_PER_MINUTE: '100000' } })
}, 60_000)
afterAll(() => t?.close())

describe('a day and a month the delivery carries', () => {
  it.each([
    'Lika Joinery, DRV-2291: bei der Anlieferung 14.09. fehlten 20 Bretter',
    'Lika Joinery, DRV-2291: przy dostawie 14.09 brakowało 20 desek',
    'Lika Joinery about DRV-2291 - the delivery of 14/09 was short by 20 boards',
  ])('is its date, never the amount in dispute: %j', async (text) => {
    const last = await converse(t, text)
    expect(last.resolution?.invoiceNumber, last.reply).toBe('DRV-2291')
    expect(last.resolution?.reasonCode, last.reply).toBe('quantity_discrepancy')
    // 20 boards x 6.40, not a credit of 14.90 or 14.09.
    expect(last.resolution?.disputedAmount, last.reply).toBe('128.00')
  })
})

describe('a day and a month of the service period that no record carries', () => {
  it('is the day claimed, never the amount in dispute', async () => {
    const last = await converse(t, 'Lika Joinery, DRV-2304: kiln drying 25.09. did not happen, nobody came')
    expect(last.resolution?.invoiceNumber, last.reply).toBe('DRV-2304')
    // One day at 95.00, not a credit of 25.09.
    expect(last.resolution?.disputedAmount, last.reply).toBe('95.00')
  })
})
