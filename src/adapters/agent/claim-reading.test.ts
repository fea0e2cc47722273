import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { converse, createTestApp, type TestApp } from '../../testing/test-app.ts'
import type { ChatResponse } from './chat-types.ts'

// Which invoice, figures and lines a claim is about, read against an invented ledger: a hire firm
// whose invoice numbers end in the kind of counts its customers say.
const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Lantern Hire Co', currency: 'USD' },
  customers: [{ id: 'C-ORC', name: 'Orchard Hall Events' }],
  invoices: [
    {
      number: 'LH-0410',
      customerId: 'C-ORC',
      issueDate: '2026-04-02',
      dueDate: '2026-05-02',
      currency: 'USD',
      lines: [
        { line: 1, sku: 'STOOL-BAR', description: 'Bar stools, spring gala', quantity: 360, unitPrice: '4.00' },
        { line: 2, sku: 'LIGHT-RIG', description: 'Lighting rig', quantity: 1, unitPrice: '300.00' },
      ],
      total: '1740.00',
    },
    {
      number: 'LH-0330',
      customerId: 'C-ORC',
      issueDate: '2026-04-09',
      dueDate: '2026-05-09',
      currency: 'USD',
      lines: [{ line: 1, sku: 'LIGHT-RIG', description: 'Lighting rig', quantity: 2, unitPrice: '300.00' }],
      total: '600.00',
    },
    {
      number: 'LH-0502',
      customerId: 'C-ORC',
      issueDate: '2026-05-06',
      dueDate: '2026-06-05',
      currency: 'USD',
      lines: [{ line: 1, sku: 'MARQ-9', description: 'Marquee 9 x 12 m, May fair', quantity: 1, unitPrice: '800.00' }],
      total: '800.00',
    },
    {
      number: 'LH-0501',
      customerId: 'C-ORC',
      issueDate: '2026-05-04',
      dueDate: '2026-06-03',
      currency: 'USD',
      lines: [{ line: 1, sku: 'MARQ-9', description: 'Marquee 9 x 12 m, May fair', quantity: 1, unitPrice: '800.00' }],
      total: '800.00',
    },
  ],
  deliveries: [{ id: 'D-1', invoiceNumber: 'LH-0410', sku: 'STOOL-BAR', quantity: 330, deliveredDate: '2026-04-01' }],
})

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ today: '2026-05-20', ledger: ledger(), env: { DISPUTE_DESK_CHAT_PER_MINUTE: '100000' } })
}, 60_000)
afterAll(() => t?.close())

const talk = (turns: string[]): Promise<ChatResponse> => converse(t, ...turns)

describe('a count corrected with figures another invoice of the customer ends in', () => {
  it('corrects the count on the invoice under discussion, it does not move to that invoice', async () => {
    const last = await talk([
      'Orchard Hall say only 300 bar stools came for the gala on LH-0410, out of 360',
      'update from them: their tally shows 330 not 300, so 30 stools short',
    ])
    expect(last.resolution?.invoiceNumber, last.reply).toBe('LH-0410')
    expect(last.resolution?.disputedAmount, last.reply).toBe('120.00')
  })
})

describe('the lines a claim is about', () => {
  it.each([
    "Orchard Hall's accounts team can't book LH-0410 in their lighting system: there is no purchase order on it",
    'LH-0410 from Orchard Hall got bounced by their AP, no PO reference on the invoice',
  ])('a missing PO is about the whole invoice, whatever line a word names: %j', async (text) => {
    const last = await talk([text])
    expect(last.resolution?.reasonCode, last.reply).toBe('missing_po')
    expect(last.resolution?.disputedAmount, last.reply).toBe('1740.00')
  })

  it.each([
    'Orchard Hall think LH-0410 was priced above their agreement, which says 3.50 apiece',
    'LH-0410: Orchard Hall say the agreed rate is 3.50 each, not what we billed',
  ])('a price said with no line named is about the line billed just above it: %j', async (text) => {
    const last = await talk([text])
    expect(last.resolution?.disputedAmount, last.reply).toBe('180.00')
  })
})

describe('a correction naming the invoice under discussion and another', () => {
  it('moves the claim to the other one', async () => {
    const last = await talk([
      'Orchard Hall say LH-0410 charged the lighting rig twice',
      'wrong number, sorry: it is LH-0330 they mean, LH-0410 is fine',
    ])
    expect(last.resolution?.invoiceNumber, last.reply).toBe('LH-0330')
  })
})

describe('a correction naming another invoice and its PO', () => {
  it('corrects the invoice and keeps the reason', async () => {
    const last = await talk([
      'Orchard Hall say the lighting rig on LH-0410 should be 250, not 300',
      'apologies, wrong gala: it is the other one, LH-0330, PO OH-55210',
    ])
    expect(last.resolution?.invoiceNumber, last.reply).toBe('LH-0330')
    expect(last.resolution?.reasonCode, last.reply).toBe('pricing_error')
  })
})

describe('an ordinal said before the invoices are named', () => {
  it('counts the billings in the order they were issued', async () => {
    const last = await talk([
      'Orchard Hall say we invoiced the May fair marquee twice',
      'The second one, LH-0502. Same marquee as on LH-0501, they say',
    ])
    expect(last.resolution?.invoiceNumber, last.reply).toBe('LH-0502')
    expect(last.resolution?.reasonCode, last.reply).toBe('duplicate_billing')
  })
})

describe('a message announcing a paste', () => {
  it.each(['Pasting from Orchard Hall accounts:', 'forwarding their email -'])(
    'invites the text instead of asking what it will say: %j',
    async (text) => {
      const last = await talk([text])
      expect(last.reply).toMatch(/paste it/i)
      expect(last.questions).toEqual([])
    },
  )
})

describe('an invoice named only in brackets beside another', () => {
  it('is an aside: the claim is about the one named outside them', async () => {
    const last = await talk([
      'Orchard Hall query the rig price on LH-0330: 300.00 a rig, they were quoted 255.00 (the rig on LH-0410 they settled, no issue).',
    ])
    expect(last.resolution?.invoiceNumber, last.reply).toBe('LH-0330')
  })
})

describe('a later turn describing the work of the invoice under discussion', () => {
  it('goes on with that invoice, not a choice among others it fits', async () => {
    const last = await talk([
      'Orchard Hall have a query on the May fair marquee invoice, LH-0502',
      'Their note: "the marquee on the above invoice was booked for the May fair but never put up, please cancel the 800.00."',
    ])
    expect(last.resolution?.invoiceNumber, last.reply).toBe('LH-0502')
  })
})

describe('several invoices told of, one asked about', () => {
  it('is the one the request names alone', async () => {
    const last = await talk([
      'Orchard Hall say they paid LH-0330 and LH-0410 in one transfer on 2 May. Could you look at LH-0410 for me?',
    ])
    expect(last.resolution?.invoiceNumber, last.reply).toBe('LH-0410')
  })
})

describe('a pasted table of the customer’s books with a sentence naming one of its invoices', () => {
  it('is about the invoice the sentence names: the rows list what their books hold', async () => {
    const last = await talk([
      [
        'Orchard Hall reconciled their ledger with ours, one difference:',
        '',
        'Date         Doc       Our ref     Amount',
        '02/04/2026   PI-7781   LH-0410     1,740.00',
        '09/04/2026   PI-7802   LH-0330       510.00',
        '',
        'Their note: LH-0330 should carry the quoted 255.00 a rig, not 300.00, so they booked 510.00.',
      ].join('\n'),
    ])
    expect(last.resolution?.invoiceNumber, last.reply).toBe('LH-0330')
  })
})
