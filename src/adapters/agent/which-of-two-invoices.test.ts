/**
 * Which invoice a message is about when it names or describes two: the one a pasted message's subject
 * line names, not one another matter is said to be about or one it is compared with, and, of a pair billed twice that a
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
  customers: [
    { id: 'C-TRN', name: 'Tarnbrook Water Board' },
    { id: 'C-OAK', name: 'Oakridge Leisure Centre' },
    { id: 'C-WYE', name: 'Wyeside Hotels' },
  ],
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
    // Two identical bills of one day, no PO or period: the second is the copy.
    ...['MF-6001', 'MF-6002'].map((number) => ({
      number,
      customerId: 'C-OAK',
      issueDate: '2026-09-14',
      dueDate: '2026-10-14',
      currency: 'USD',
      lines: [{ line: 1, sku: 'SEAL-KIT', description: 'Seal kit', quantity: 6, unitPrice: '55.00' }],
      total: '330.00',
    })),
    // A bill voided and billed again, then billed a third time on the same PO.
    ...[
      ['MF-7001', 'WH-40', 'void'],
      ['MF-7002', 'WH-41', undefined],
      ['MF-7003', 'WH-41', undefined],
      ['MF-7101', 'WH-50', 'void'],
      ['MF-7102', 'WH-51', undefined],
    ].map(([number, po, status]) => ({
      number: number!,
      customerId: 'C-WYE',
      issueDate: '2026-09-20',
      dueDate: '2026-10-20',
      currency: 'USD',
      poNumber: po!,
      ...(status ? { status: status as 'void' } : {}),
      lines: [{ line: 1, sku: 'PUMP-3K', description: 'Transfer pump 3 kW', quantity: 2, unitPrice: '1840.00' }],
      total: '3680.00',
    })),
  ],
  deliveries: [
    { id: 'DN-5108', invoiceNumber: 'MF-5108', sku: 'PUMP-3K', quantity: 1, deliveredDate: '2026-08-14' },
    { id: 'DN-6001', invoiceNumber: 'MF-6001', sku: 'SEAL-KIT', quantity: 6, deliveredDate: '2026-09-15' },
    { id: 'DN-7002', invoiceNumber: 'MF-7002', sku: 'PUMP-3K', quantity: 2, deliveredDate: '2026-09-22' },
  ],
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

  it.each([
    'Tarnbrook on MF-5090: tax was added to the seal kits, which is wrong for a water board, as correctly shown on your MF-5108. Please reissue.',
    'Tarnbrook ask for MF-5090 again without tax on the seal kits, as you did on MF-5108',
    'Tarnbrook say MF-5090 should have no tax on it, the way you billed it on MF-5108; please cancel and reissue',
  ])('takes the invoice in question, not the one it is compared with: %s', async (message) => {
    const r = await converse(t, message)
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('MF-5090')
  })

  it('reads the invoice named as an earlier one that had the same as the example', async () => {
    const r = await converse(
      t,
      'MF-5090 adds 10% tax on the seal kits for Tarnbrook, a water board; the previous bill 5108 also had no tax. Credit the 22.00 please.',
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('MF-5090')
  })

  it.each([
    'Tarnbrook raised MF-5108 and MF-5090. MF-5108 is sorted now, no need to chase that one; MF-5090 has tax on the seal kits and they are exempt.',
    'Tarnbrook about MF-5090 and MF-5108: MF-5108 has been dealt with. The other one charges 10% tax on the seal kits, they are a tax-exempt water board',
    'Tarnbrook: please disregard MF-5108. MF-5090 added tax to the seal kits although they are exempt',
  ])('leaves out the one said to be closed already or to be ignored: %s', async (message) => {
    const r = await converse(t, message)
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('MF-5090')
    expect(r.resolution?.reasonCode).toBe('tax_error')
  })

  it('leaves out the one said to be under query with someone else', async () => {
    const r = await converse(
      t,
      'Tarnbrook wrote that MF-5090 was paid in full on 28 August by transfer. MF-5108 is still under query with their engineer, so that one is open.',
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('MF-5090')
  })
})

describe('billed twice, read against the ledger', () => {
  it.each([
    [
      'the copy of a bill of the same day and the same lines, named a turn later',
      [
        'Oakridge Leisure say they got two identical bills of 14 September, the same six seal kits on both.',
        'The one to cancel is MF-6002.',
      ],
      'MF-6002',
      'valid',
    ],
    [
      'of three named, the one said to be the double, against the one that bills the same',
      [
        'Wyeside: we voided MF-7001 and re-billed, but they got MF-7002 and MF-7003 for the same two pumps. MF-7003 is the double.',
      ],
      'MF-7003',
      'valid',
    ],
    [
      'a claim against a voided bill, read against the live ones only',
      ['Wyeside paid MF-7102 and now say MF-7102 is the double of MF-7101, they want the 3,680.00 back.'],
      'MF-7102',
      'invalid',
    ],
  ])('%s', async (_name, turns, invoice, classification) => {
    const r = await converse(t, ...turns)
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe(invoice)
    expect(r.resolution?.classification).toBe(classification)
  })
})

describe('an invoice of another customer than the one an earlier turn named', () => {
  it('is asked about, not investigated', async () => {
    const r = await converse(
      t,
      'Oakridge Leisure Centre say the transfer pump on 5131 was overcharged.',
      'Yes, 5131, that is what they sent me.',
    )
    expect(r.resolution, r.reply.slice(0, 300)).toBeFalsy()
    expect(r.reply).toContain('Tarnbrook')
  })
})
