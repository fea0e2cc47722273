/**
 * Which invoice a message is about when it names or describes two: the one a pasted message's subject
 * line names, not one another matter is said to be about, and, of a pair billed twice that a
 * description finds one of, the later copy. Invented ledger, through the real chat API (in-memory
 * Postgres, embedded engine).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { converse, createTestApp, type TestApp } from '../../testing/test-app.ts'

const pump = (number: string, issueDate: string, po: string) => ({
  number,
  customerId: 'C-TRN',
  issueDate,
  dueDate: `${issueDate.slice(0, 8)}28`,
  currency: 'USD',
  poNumber: po,
  lines: [{ line: 1, sku: 'PUMP-3K', description: 'Transfer pump 3 kW', quantity: 1, unitPrice: '1840.00' }],
  total: '1840.00',
})

const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Marsh Fen Pumps', currency: 'USD' },
  customers: [{ id: 'C-TRN', name: 'Tarnbrook Water Board' }],
  invoices: [
    pump('MF-5108', '2026-08-12', 'TWB-771'),
    pump('MF-5131', '2026-09-03', 'TWB-771'),
    {
      number: 'MF-5090',
      customerId: 'C-TRN',
      issueDate: '2026-07-20',
      dueDate: '2026-08-19',
      currency: 'USD',
      lines: [{ line: 1, sku: 'SEAL-KIT', description: 'Seal kit', quantity: 4, unitPrice: '55.00', taxRate: '0.10' }],
      total: '242.00',
    },
  ],
  deliveries: [{ id: 'DN-5108', invoiceNumber: 'MF-5108', sku: 'PUMP-3K', quantity: 1, deliveredDate: '2026-08-14' }],
  payments: [
    {
      id: 'PAY-5108',
      customerId: 'C-TRN',
      invoiceNumber: 'MF-5108',
      amount: '1840.00',
      currency: 'USD',
      date: '2026-09-10',
    },
  ],
})

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ today: '2026-10-20', ledger: ledger() })
})
afterAll(async () => {
  await t.close()
})

describe('of two invoices', () => {
  it('takes the later of a pair billed twice that a description finds one of', async () => {
    const r = await converse(
      t,
      'Tarnbrook say the single transfer pump was invoiced twice: an invoice in August and another early in September.',
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('MF-5131')
    expect(r.resolution?.reasonCode).toBe('duplicate_billing')
  })

  it('takes the invoice the subject line of a pasted message names', async () => {
    const r = await converse(
      t,
      'Tarnbrook AP, pasted:\n\nSubject: Re: MF-5090 - tax on seal kits?\n\nHi, MF-5090 adds 10% tax to the seal kits, but MF-5108 had no tax at all. Please credit the 22.00.\n\nThanks',
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('MF-5090')
  })

  it('stays on the copy when a later turn names the other as the one paid', async () => {
    const r = await converse(
      t,
      'Tarnbrook: 5108 and 5131 - the same, 1 pump on both, there was one delivery',
      '5108 already paid, the other they ask to cancel',
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('MF-5131')
    expect(r.resolution?.reasonCode).toBe('duplicate_billing')
  })

  it('reads an invoice paid twice as a payment to apply, not a bill sent twice', async () => {
    const r = await converse(
      t,
      'Tarnbrook paid MF-5108 two times by mistake; they ask that the second transfer pays MF-5131, same amount 1,840.00',
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('MF-5131')
    expect(r.resolution?.reasonCode).toBe('already_paid')
  })

  it('leaves out the one said to be under query with someone else', async () => {
    const r = await converse(
      t,
      'Tarnbrook wrote that MF-5090 was paid in full on 28 August by transfer. MF-5108 is still under query with their engineer, so that one is open.',
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('MF-5090')
  })
})
