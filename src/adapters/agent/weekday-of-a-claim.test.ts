/**
 * A weekday a claim names with no date ("nobody came on the Thursday") is the one day of that name the
 * invoice's period holds, and the log answers for it where it keeps one entry a day; against a log of the
 * whole week the count said is the claim. Invented ledger of a rigging firm billing in AUD, through the
 * real chat API (in-memory Postgres, embedded engine).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { converse, createTestApp, type TestApp } from '../../testing/test-app.ts'

const line = (sku: string, description: string, quantity: number) => ({
  line: 1,
  sku,
  description,
  quantity,
  unitPrice: '880.00',
})

const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Lismore Rigging', currency: 'AUD' },
  customers: [
    { id: 'LR-4', name: 'Moorabool Staging' },
    { id: 'LR-7', name: 'Barwon Events' },
  ],
  invoices: [
    {
      number: 'LR-7741',
      customerId: 'LR-4',
      issueDate: '2026-06-15',
      dueDate: '2026-07-15',
      currency: 'AUD',
      servicePeriodStart: '2026-06-08',
      servicePeriodEnd: '2026-06-12',
      lines: [line('RIGGER-DAY', 'Rigger on site, per day', 3)],
      total: '2640.00',
    },
    {
      number: 'LR-7752',
      customerId: 'LR-7',
      issueDate: '2026-06-15',
      dueDate: '2026-07-15',
      currency: 'AUD',
      servicePeriodStart: '2026-06-08',
      servicePeriodEnd: '2026-06-12',
      lines: [line('RIGGER-DAY', 'Rigger on site, per day', 5)],
      total: '4400.00',
    },
  ],
  serviceLogs: [
    // Day by day: Monday and Tuesday logged, the Wednesday not.
    ...['08', '09'].map((d) => ({
      id: `LR-SL-${d}`,
      customerId: 'LR-4',
      invoiceNumber: 'LR-7741',
      sku: 'RIGGER-DAY',
      periodStart: `2026-06-${d}`,
      periodEnd: `2026-06-${d}`,
      quantity: 1,
      status: 'rendered' as const,
    })),
    // One entry for the week: four days worked.
    {
      id: 'LR-SL-WK24',
      customerId: 'LR-7',
      invoiceNumber: 'LR-7752',
      sku: 'RIGGER-DAY',
      periodStart: '2026-06-08',
      periodEnd: '2026-06-12',
      quantity: 4,
      status: 'rendered' as const,
    },
  ],
})

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ today: '2026-06-22', ledger: ledger(), env: { DISPUTE_DESK_CHAT_PER_MINUTE: '100000' } })
}, 60_000)
afterAll(() => t?.close())

describe('a weekday a claim names with no date', () => {
  it('is the day of that name in the period, checked against a log kept day by day', async () => {
    const r = await converse(
      t,
      'Moorabool on LR-7741: our rigger was rostered Mon-Wed (June 8-10) for their load-in; they say the rigger never turned up on the Wednesday and want that day credited',
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('LR-7741')
    expect(r.resolution?.supportedAmount, r.reply.slice(0, 300)).toBe('880.00')
  })

  it('gives way to the count said, against a log of the whole week (check)', async () => {
    const r = await converse(
      t,
      'Barwon (LR-7752): only 4 of the 5 rigger days happened, the Friday was called off by your crew',
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('LR-7752')
    expect(r.resolution?.supportedAmount, r.reply.slice(0, 300)).toBe('880.00')
  })
})
