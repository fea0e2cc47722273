/**
 * Claims that arrive piecemeal, through the real chat API (in-memory Postgres, embedded engine) on a
 * small ledger: corrections in a later turn, facts spread over turns (no question for what was told),
 * several invoices named with the conversation saying which, a line picked out by the only line that
 * fits, and a first message that is a request. Each class has several voices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { chatTurn, createTestApp, type TestApp } from '../../testing/test-app.ts'
import type { ChatResponse } from './chat-types.ts'

const TODAY = '2026-05-20'

const line = (n: number, sku: string, description: string, quantity: number, unitPrice: string) => ({
  line: n,
  sku,
  description,
  quantity,
  unitPrice,
})

const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Corbel Trade Supply', currency: 'USD' },
  customers: [
    { id: 'C-PIN', name: 'Pinecrest Dental Group' },
    { id: 'C-HAR', name: 'Harlow Logistics' },
    { id: 'C-MAR', name: 'Marisol Bakeries' },
  ],
  invoices: [
    ...[
      ['0004508', '2026-02-10'],
      ['0004509', '2026-03-10'],
      ['0004510', '2026-04-10'],
    ].map(([number, issueDate], i) => ({
      number: number as string,
      customerId: 'C-PIN',
      issueDate: issueDate as string,
      dueDate: `2026-0${i + 3}-30`,
      currency: 'USD',
      lines: [
        line(1, 'GLV-NIT', 'Nitrile gloves box', 50 + i * 10, '12.00'),
        line(2, 'BIB-PAP', 'Patient bibs pack', 20, '8.50'),
      ],
      total: String(((50 + i * 10) * 12 + 170).toFixed(2)),
    })),
    {
      number: 'HL-2201',
      customerId: 'C-HAR',
      issueDate: '2026-01-31',
      dueDate: '2026-03-02',
      servicePeriodStart: '2026-01-01',
      servicePeriodEnd: '2026-01-31',
      currency: 'USD',
      lines: [
        line(1, 'SVC-FLT', 'Forklift maintenance visit', 4, '200.00'),
        line(2, 'OIL-HYD', 'Hydraulic oil drum', 2, '310.00'),
      ],
      total: '1420.00',
    },
    {
      number: 'HL-2207',
      customerId: 'C-HAR',
      issueDate: '2026-03-31',
      dueDate: '2026-04-30',
      servicePeriodStart: '2026-03-01',
      servicePeriodEnd: '2026-03-31',
      currency: 'USD',
      lines: [
        line(1, 'SVC-FLT', 'Forklift maintenance visit', 6, '200.00'),
        line(2, 'OIL-HYD', 'Hydraulic oil drum', 1, '310.00'),
      ],
      total: '1510.00',
    },
    {
      number: 'MB-7730',
      customerId: 'C-MAR',
      issueDate: '2026-04-22',
      dueDate: '2026-05-22',
      currency: 'USD',
      lines: [
        line(1, 'FLR-50', 'Bread flour 50 lb sack', 100, '25.20'),
        line(2, 'YST-1', 'Dry yeast 1 kg', 30, '9.00'),
      ],
      total: '2790.00',
    },
  ],
  deliveries: [
    ...['0004508', '0004509', '0004510'].flatMap((n, i) => [
      { id: `D-G${i}`, invoiceNumber: n, sku: 'GLV-NIT', quantity: 50 + i * 10, deliveredDate: `2026-0${i + 2}-11` },
      { id: `D-B${i}`, invoiceNumber: n, sku: 'BIB-PAP', quantity: 20, deliveredDate: `2026-0${i + 2}-11` },
    ]),
    { id: 'D-H1', invoiceNumber: 'HL-2201', sku: 'OIL-HYD', quantity: 2, deliveredDate: '2026-01-12' },
    { id: 'D-H7', invoiceNumber: 'HL-2207', sku: 'OIL-HYD', quantity: 1, deliveredDate: '2026-03-12' },
    { id: 'D-M1', invoiceNumber: 'MB-7730', sku: 'FLR-50', quantity: 100, deliveredDate: '2026-04-23' },
    { id: 'D-M2', invoiceNumber: 'MB-7730', sku: 'YST-1', quantity: 30, deliveredDate: '2026-04-23' },
  ],
  serviceLogs: [
    ...[
      ['HL-2201', '2026-01', 4],
      ['HL-2207', '2026-03', 6],
    ].map(([n, m, q]) => ({
      id: `L-${n}`,
      customerId: 'C-HAR',
      invoiceNumber: n as string,
      sku: 'SVC-FLT',
      periodStart: `${m}-01`,
      periodEnd: `${m}-31`,
      quantity: q as number,
      status: 'rendered' as const,
    })),
  ],
})

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ today: TODAY, ledger: ledger(), env: { DISPUTE_DESK_CHAT_PER_MINUTE: '100000' } })
}, 60_000)
afterAll(() => t?.close())

async function converse(turns: string[]): Promise<ChatResponse[]> {
  let sessionId: string | undefined
  const out: ChatResponse[] = []
  for (const m of turns) {
    const r = await chatTurn(t, m, sessionId)
    sessionId = r.sessionId
    out.push(r)
  }
  return out
}
const show = (r: ChatResponse) => `${r.reply.slice(0, 400)}\n${JSON.stringify(r.questions)}`

describe('a correction in a later turn replaces the fact it corrects', () => {
  it.each([
    [
      ['Pinecrest Dental says 0004508 overcharged the gloves, should be 11.00 each', 'sorry, 0004509 not 0004508'],
      '0004509',
    ],
    [['0004508 - Pinecrest got 40 boxes of gloves not 50', 'wrong invoice, I meant 0004510'], '0004510'],
    [
      ['Pinecrest dispute the glove price on 0004510, contract says 11', 'wrong one - it is the March invoice'],
      '0004509',
    ],
    [['Harlow says HL-2201 billed visits that never happened', 'my bad, it was HL-2207'], 'HL-2207'],
    [['Pinecrest 0004509 gloves should be 11.00', 'wrong invoice - it is the April one'], '0004510'],
    [['HL-2207 visits missed', 'oops, HL-2201 not HL-2207'], 'HL-2201'],
    [['bibs on 0004509 were priced wrong, they agreed 8.00', 'scratch that, the February invoice, 0004508'], '0004508'],
  ])('%j ends on %s', async (turns, invoice) => {
    const rs = await converse(turns)
    const last = rs.at(-1) as ChatResponse
    expect(last.resolution?.invoiceNumber, show(last)).toBe(invoice)
  })

  it.each([
    [
      ['Marisol Bakeries disputes MB-7730, they say 250 of flour is overbilled', 'no, the amount is 252.00 not 250'],
      '252.00',
    ],
    [['MB-7730 yeast overcharge of 1,520 per Marisol', 'sorry, the amount is 1,250 not 1,520'], '1250.00'],
    [['Marisol: MB-7730 is overcharged by 90 on the yeast', 'correction: it is 60, not 90'], '60.00'],
  ])('an amount corrected: %j disputes %s', async (turns, amount) => {
    const last = (await converse(turns)).at(-1) as ChatResponse
    expect(last.understood?.disputedAmount ?? last.resolution?.disputedAmount, show(last)).toBe(amount)
  })

  it.each([
    [['MB-7730: Marisol received only 90 sacks of flour', 'sorry, they received 80, not 90'], 80],
    [['Marisol got 95 of the flour sacks on MB-7730', 'actually it was 85 sacks'], 85],
  ])('a count corrected stays a count: %j', async (turns, received) => {
    const last = (await converse(turns)).at(-1) as ChatResponse
    expect(last.understood?.quantityReceived, show(last)).toBe(received)
    expect(last.understood?.expectedUnitPrice, show(last)).toBeUndefined()
  })
})

describe('a correction while a change is proposed corrects, it does not cancel', () => {
  it.each([
    [['Pinecrest says 0004509 gloves overcharged by 70', 'no wait, it is 75 not 70'], '75.00'],
    [['MB-7730: Marisol says the flour is overbilled by 40', 'no, 45 not 40'], '45.00'],
  ])('%j disputes %s', async (turns, amount) => {
    const last = (await converse(turns)).at(-1) as ChatResponse
    expect(last.reply).not.toMatch(/^Cancelled/)
    expect(last.understood?.disputedAmount, show(last)).toBe(amount)
  })

  it('a corrected count keeps the reason the dispute was opened with', async () => {
    const last = (await converse(['Marisol, MB-7730, 10 sacks of flour came damaged', 'no, 12 sacks not 10'])).at(
      -1,
    ) as ChatResponse
    expect(last.resolution?.reasonCode, show(last)).toBe('damaged_goods')
    expect(last.understood?.quantityAffected).toBe(12)
  })

  it('an invoice number given in a correction is not read as a count', async () => {
    const last = (
      await converse(['MB-7730 flour price wrong', 'sorry wrong number, it is 0004509, the gloves price is off'])
    ).at(-1) as ChatResponse
    expect(last.resolution?.invoiceNumber, show(last)).toBe('0004509')
    expect(last.understood?.quantityReceived).toBeUndefined()
  })
})

describe('a figure restated alone replaces the figure it restates', () => {
  it.each([
    [['Pinecrest 0004509 gloves overpriced, contract 11.00', 'make that 10.50'], '10.50'],
    [['Pinecrest 0004509 gloves overpriced, contract 11.00', 'sorry, the contract price is 10.50 not 11.00'], '10.50'],
  ])('%j expects %s', async (turns, price) => {
    const last = (await converse(turns)).at(-1) as ChatResponse
    expect(last.understood?.expectedUnitPrice, show(last)).toBe(price)
    expect(last.understood?.disputedAmount).toBeUndefined()
  })

  it('a corrected count of damaged goods stays the damaged count', async () => {
    const last = (await converse(['the flour on MB-7730 - 5 sacks were split', 'my mistake, 7 not 5'])).at(
      -1,
    ) as ChatResponse
    expect(last.understood?.quantityAffected, show(last)).toBe(7)
    expect(last.understood?.quantityReceived).toBeUndefined()
  })
})

describe('facts told over several turns are not asked for again', () => {
  it.each([
    [['Pinecrest Dental is unhappy, the glove price is higher than agreed', 'it is 0004509']],
    [['customer says they were overcharged on the bibs', '0004510']],
    [['Harlow Logistics: forklift visits were billed but the tech never came', 'HL-2207 is the one']],
    [['Marisol says half the yeast arrived damaged', 'invoice MB-7730']],
    [['MB-7730', 'the flour price is wrong, contract says 24.00']],
    [['hi, I have one for Pinecrest', 'they were charged more than the agreed price for gloves', '0004508']],
    [['need help with HL-2201', 'Harlow says they got only 1 drum of hydraulic oil, not 2']],
    [['Pinecrest says 0004509 gloves overcharged by 70']],
    [['Harlow called', 'they say the forklift tech never showed up in March', 'HL-2207']],
    [['HL-2207 Harlow says 2 of the 6 were not done']],
    [['Harlow, HL-2201', 'two of the visits were skipped']],
  ])('%j investigates without asking for invoice or reason', async (turns) => {
    const last = (await converse(turns)).at(-1) as ChatResponse
    expect(last.resolution, show(last)).not.toBeNull()
    expect(last.questions.map((q) => q.topic)).not.toContain('invoice')
    expect(last.questions.map((q) => q.topic)).not.toContain('reason')
    expect(last.reply).not.toMatch(/One more thing before I investigate/)
  })

  it('an invoice picked from the quick replies is not asked for again', async () => {
    const [first] = await converse(['Pinecrest Dental says they were overcharged on the glove price'])
    const pick = first?.questions.find((q) => q.topic === 'invoice')?.quickReplies?.find((q) => q.startsWith('0004509'))
    expect(pick, first && show(first)).toBeDefined()
    const r2 = await chatTurn(t, pick as string, first?.sessionId)
    expect(r2.resolution?.invoiceNumber, show(r2)).toBe('0004509')
    expect(r2.questions.map((q) => q.topic)).not.toContain('reason')
  })
})

describe('several invoices named: the conversation says which', () => {
  it.each([
    [
      ['Pinecrest has questions on 0004508, 0004509 and 0004510', 'the glove price on the second one is wrong'],
      '0004509',
    ],
    [['Pinecrest mentions 0004508, 0004509 and 0004510; the March one overcharged the gloves'], '0004509'],
    [
      ['Harlow flagged HL-2201 and HL-2207', 'it is the one for the March service, visits billed that never happened'],
      'HL-2207',
    ],
    [['0004508 and 0004510 came up with Pinecrest', 'the latest one has the bib price wrong'], '0004510'],
    [['Pinecrest: 0004508, 0004509, 0004510 - the one for 770.00 has the wrong glove price'], '0004508'],
    [['overcharge on the gloves', 'Pinecrest Dental Group', 'the March one'], '0004509'],
    [['0004508, 0004509: Pinecrest says the bibs on the older one were overpriced, they agreed 8.00'], '0004508'],
    [['Pinecrest named 0004508 and 0004509 and 0004510', 'the one from April, bibs overcharged'], '0004510'],
    [['Harlow Logistics is disputing a charge', 'visits not done', 'the March one'], 'HL-2207'],
    [['Pinecrest named 0004508 and 0004509', 'the one for 890.00, the glove price'], '0004509'],
  ])('%j disputes %s', async (turns, invoice) => {
    const last = (await converse(turns)).at(-1) as ChatResponse
    expect(last.resolution?.invoiceNumber, show(last)).toBe(invoice)
    // A total that described the invoice is not the amount in dispute.
    expect(['770.00', '890.00']).not.toContain(last.understood?.disputedAmount)
  })

  it('asks, naming the invoices, when nothing says which', async () => {
    const last = (await converse(['Pinecrest disputes 0004508 and 0004510, the glove price is wrong'])).at(
      -1,
    ) as ChatResponse
    expect(last.resolution, show(last)).toBeNull()
    expect(`${last.reply}${JSON.stringify(last.questions)}`).toMatch(/0004508[\s\S]*0004510|0004510[\s\S]*0004508/)
  })
})

describe('the only line that fits the words is the claimed line', () => {
  it.each([
    [['HL-2207: Harlow says two of the visits never happened'], 1],
    [['Harlow disputes HL-2201, the technician visits were not done'], 1],
    [['MB-7730 the yeast was overcharged, should be 8.00'], 2],
    [['Marisol, MB-7730', 'they only got 90 sacks of flour'], 1],
    [['Pinecrest 0004509', 'bibs were priced above the agreed 8.00'], 2],
    [['HL-2207: the tech did not come twice'], 1],
    [['Harlow HL-2201 - nobody turned up on the 12th'], 1],
    [['Pinecrest 0004509: 10 of the boxes were crushed'], 1],
  ])('%j is about line %i without asking which', async (turns, lineNo) => {
    const last = (await converse(turns)).at(-1) as ChatResponse
    expect(last.resolution, show(last)).not.toBeNull()
    expect(last.reply).not.toMatch(/which line/i)
    const claimed = last.understood?.lines ?? []
    const sku = last.understood?.sku
    expect(claimed.includes(lineNo) || Boolean(sku), show(last)).toBe(true)
  })
})

describe('a first message that is a request starts the claim', () => {
  it.each([
    ['give Pinecrest a goodwill credit of 150 on 0004509'],
    ['can we reconcile Harlow statement, they say HL-2201 was paid'],
    ['please credit Marisol for the damaged yeast on MB-7730'],
    ['write off the bib charge on 0004508, Pinecrest never ordered bibs'],
    ['raise a credit note on HL-2207, the March visits did not happen'],
  ])('%j is not answered with "no dispute yet"', async (text) => {
    const [r] = await converse([text])
    expect(r?.reply, r && show(r)).not.toMatch(/no dispute in this conversation/i)
    expect(r?.resolution !== null || (r?.questions.length ?? 0) > 0, r && show(r)).toBe(true)
  })
})
