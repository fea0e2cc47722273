/**
 * Which invoice, customer and lines a message is about, read against the ledger, through the real
 * chat API (in-memory Postgres, embedded engine) on a small ledger with mixed numberings
 * ("SI-2026-00417", "718233", "F/26/0093", "INV-551002"), a customer whose name holds a fee word
 * (Northwind Freight Systems), service and goods lines. Each class has several wordings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callTool, toolByName } from '../../../tools/index.ts'
import type { Ledger } from '../../core/ledger.ts'
import { converse, createTestApp, type TestApp } from '../../testing/test-app.ts'

const TODAY = '2026-07-15'

const line = (n: number, sku: string, description: string, quantity: number, unitPrice: string, taxRate?: string) => ({
  line: n,
  sku,
  description,
  quantity,
  unitPrice,
  ...(taxRate ? { taxRate } : {}),
})

const groundingLedger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Harbor Supply Co.', currency: 'USD' },
  customers: [
    { id: 'C-OAK', name: 'Oakhurst Warehousing Inc' },
    { id: 'C-NFS', name: 'Northwind Freight Systems Ltd' },
    { id: 'C-BFM', name: 'Bluebird Facilities Management' },
    { id: 'C-TVB', name: 'Tri-Valley Builders Corp' },
    { id: 'C-KSH', name: 'Kessler & Sons Hardware' },
  ],
  invoices: [
    {
      number: 'SI-2026-00417',
      customerId: 'C-OAK',
      issueDate: '2026-06-08',
      dueDate: '2026-07-08',
      currency: 'USD',
      lines: [line(1, 'PALLET-RACK', 'Pallet racking bay 2.7m', 10, '385.00', '0.08')],
      total: '4158.00',
    },
    {
      number: 'SI-2026-00452',
      customerId: 'C-OAK',
      issueDate: '2026-07-02',
      dueDate: '2026-08-01',
      currency: 'USD',
      lines: [line(1, 'SHELF-WIRE', 'Wire shelving deck', 40, '95.00', '0.08')],
      total: '4104.00',
    },
    {
      number: 'SI-2026-00388',
      customerId: 'C-OAK',
      issueDate: '2026-05-11',
      dueDate: '2026-06-10',
      servicePeriodStart: '2026-05-01',
      servicePeriodEnd: '2026-05-31',
      currency: 'USD',
      lines: [line(1, 'SVC-FORK', 'Forklift maintenance visit', 4, '180.00')],
      total: '720.00',
    },
    {
      number: '718233',
      customerId: 'C-NFS',
      issueDate: '2026-06-20',
      dueDate: '2026-07-20',
      currency: 'USD',
      lines: [line(1, 'WRAP-500', 'Stretch wrap roll 500mm', 200, '18.50', '0.065')],
      fees: [{ type: 'freight', description: 'Freight', amount: '370.00' }],
      total: '4310.50',
    },
    {
      number: '718240',
      customerId: 'C-NFS',
      issueDate: '2026-06-23',
      dueDate: '2026-07-23',
      currency: 'USD',
      lines: [line(1, 'WRAP-500', 'Stretch wrap roll 500mm', 200, '18.50', '0.065')],
      total: '3940.50',
    },
    {
      number: '718190',
      customerId: 'C-NFS',
      issueDate: '2026-05-14',
      dueDate: '2026-06-13',
      currency: 'USD',
      lines: [line(1, 'CB-100', 'Corner boards', 500, '1.20', '0.065')],
      fees: [{ type: 'late_fee', description: 'Interest on overdue balance', amount: '25.00' }],
      total: '664.00',
    },
    {
      number: 'F/26/0093',
      customerId: 'C-BFM',
      issueDate: '2026-06-30',
      dueDate: '2026-07-30',
      servicePeriodStart: '2026-06-01',
      servicePeriodEnd: '2026-06-30',
      currency: 'USD',
      lines: [
        line(1, 'SVC-CLEAN', 'Contract cleaning', 1, '2400.00'),
        line(2, 'SVC-WIN', 'Window cleaning visit', 2, '150.00'),
      ],
      total: '2700.00',
    },
    {
      number: 'F/26/0081',
      customerId: 'C-BFM',
      issueDate: '2026-05-31',
      dueDate: '2026-06-30',
      servicePeriodStart: '2026-05-01',
      servicePeriodEnd: '2026-05-31',
      currency: 'USD',
      lines: [
        line(1, 'SVC-CLEAN', 'Contract cleaning', 1, '2400.00'),
        line(2, 'SVC-WIN', 'Window cleaning visit', 2, '150.00'),
      ],
      total: '2700.00',
    },
    {
      number: 'INV-551002',
      customerId: 'C-TVB',
      issueDate: '2026-04-10',
      dueDate: '2026-05-10',
      currency: 'USD',
      lines: [line(1, 'CONC-MIX', 'Ready-mix concrete m3', 12, '145.00', '0.08')],
      total: '1879.20',
    },
    {
      number: 'INV-551017',
      customerId: 'C-TVB',
      issueDate: '2026-06-15',
      dueDate: '2026-07-15',
      currency: 'USD',
      poNumber: 'TVB/PO/0917',
      lines: [line(1, 'REBAR-12', 'Rebar 12mm bundle', 30, '64.00', '0.08')],
      total: '2073.60',
    },
    {
      number: 'KS-0412',
      customerId: 'C-KSH',
      issueDate: '2026-06-12',
      dueDate: '2026-07-12',
      currency: 'USD',
      lines: [line(1, 'VALVE-BR', 'Brass valve 2in', 100, '12.00')],
      total: '1200.00',
    },
    {
      number: 'N2607-0441',
      customerId: 'C-KSH',
      issueDate: '2026-07-01',
      dueDate: '2026-07-31',
      currency: 'USD',
      lines: [line(1, 'HOSE-25', 'Rubber hose 25mm', 40, '9.00')],
      total: '360.00',
    },
  ],
  purchaseOrders: [
    {
      number: 'TVB/PO/0917',
      customerId: 'C-TVB',
      issueDate: '2026-06-01',
      lines: [{ sku: 'REBAR-12', quantity: 30, unitPrice: '60.00' }],
    },
  ],
  contracts: [
    {
      id: 'K-TVB',
      customerId: 'C-TVB',
      startDate: '2026-01-01',
      currency: 'USD',
      paymentTermsDays: 30,
      prices: [{ sku: 'REBAR-12', unitPrice: '60.00' }],
    },
  ],
  deliveries: [
    { id: 'D-1', invoiceNumber: 'SI-2026-00417', sku: 'PALLET-RACK', quantity: 10, deliveredDate: '2026-06-09' },
    { id: 'D-2', invoiceNumber: 'SI-2026-00452', sku: 'SHELF-WIRE', quantity: 40, deliveredDate: '2026-07-03' },
    { id: 'D-3', invoiceNumber: '718233', sku: 'WRAP-500', quantity: 200, deliveredDate: '2026-06-21' },
    { id: 'D-4', invoiceNumber: '718190', sku: 'CB-100', quantity: 500, deliveredDate: '2026-05-15' },
    { id: 'D-5', invoiceNumber: 'INV-551017', sku: 'REBAR-12', quantity: 30, deliveredDate: '2026-06-16' },
  ],
  serviceLogs: [
    ...['F/26/0093', 'F/26/0081'].flatMap((n, i) => [
      {
        id: `L-C${i}`,
        customerId: 'C-BFM',
        invoiceNumber: n,
        sku: 'SVC-CLEAN',
        periodStart: i ? '2026-05-01' : '2026-06-01',
        periodEnd: i ? '2026-05-31' : '2026-06-30',
        quantity: 1,
        status: 'rendered' as const,
      },
      {
        id: `L-W${i}`,
        customerId: 'C-BFM',
        invoiceNumber: n,
        sku: 'SVC-WIN',
        periodStart: i ? '2026-05-01' : '2026-06-01',
        periodEnd: i ? '2026-05-31' : '2026-06-30',
        quantity: 2,
        status: 'rendered' as const,
      },
    ]),
    {
      id: 'L-F',
      customerId: 'C-OAK',
      invoiceNumber: 'SI-2026-00388',
      sku: 'SVC-FORK',
      periodStart: '2026-05-01',
      periodEnd: '2026-05-31',
      quantity: 4,
      status: 'rendered',
    },
  ],
})

let t: TestApp
beforeAll(async () => {
  // Many turns from one key in a few seconds: the per-key chat limit is not what these tests are about.
  t = await createTestApp({ today: TODAY, ledger: groundingLedger(), env: { DISPUTE_DESK_CHAT_PER_MINUTE: '100000' } })
}, 60_000)
afterAll(() => t?.close())

/** The conversation's turns; the last response. */

async function investigated(turns: string[], invoice: string) {
  const r = await converse(t, ...turns)
  expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe(invoice)
  return r
}

async function asked(turns: string[], mention: RegExp[]) {
  const r = await converse(t, ...turns)
  expect(r.resolution, r.reply.slice(0, 300)).toBeNull()
  expect(r.questions.map((q) => q.topic)).toContain('invoice')
  for (const m of mention) expect(`${r.reply}\n${JSON.stringify(r.questions)}`).toMatch(m)
  return r
}

describe('several invoices named: the ordinal or role picks the disputed one', () => {
  it.each([
    ['Northwind Freight got billed twice, 718233 and 718240, they want the second one cancelled', '718240'],
    ['718233 and 718240 are the same stretch wrap order, cancel the later one', '718240'],
    ['Northwind was charged twice (718233, 718240) - they dispute the newer invoice', '718240'],
    ['duplicate billing on 718240 and 718233, they dispute the earlier one', '718233'],
    ['both 718233 and 718240 bill the same wrap, they want the more recent one cancelled', '718240'],
  ])('%j disputes %s', async (text, invoice) => {
    await investigated([text], invoice)
  })
})

describe('an invoice described instead of numbered', () => {
  it.each([
    ['Oakhurst says the invoice we sent on 8 June has the wrong price on the racking', 'SI-2026-00417'],
    ["Bluebird disputes last month's invoice, the window cleaning visits never happened", 'F/26/0093'],
    ['Oakhurst: the pallet racking invoice is priced wrong', 'SI-2026-00417'],
    ['Northwind Freight query on the 4,310.50 one, the stretch wrap price is wrong', '718233'],
    ['Tri-Valley says the rebar invoice from June is priced wrong', 'INV-551017'],
  ])('%j is %s', async (text, invoice) => {
    await investigated([text], invoice)
  })

  it('asks, naming the options with date and total, when a description fits several invoices', async () => {
    const r = await asked(['Bluebird says the cleaning invoice is priced wrong'], [/F\/26\/0093/, /F\/26\/0081/])
    expect(r.questions[0]?.quickReplies?.some((q) => /\(2026-06-30, 2700\.00 USD\)/.test(q))).toBe(true)
  })
})

describe('corrections replace the invoice', () => {
  it.each([
    [["Kessler disputes 718233 - sorry, wrong number, it's KS-0412, the valve price is wrong"], 'KS-0412'],
    [['not 718240, 718233: Northwind says the stretch wrap price is too high'], '718233'],
    [['Oakhurst pricing issue on SI-2026-00452, no wait, I meant SI-2026-00417'], 'SI-2026-00417'],
    [['718240, not 718233 - Northwind says the wrap price is wrong'], '718240'],
    [
      ['Bluebird says the window cleaning on F/26/0081 was priced wrong', "sorry, wrong invoice, it's F/26/0093"],
      'F/26/0093',
    ],
  ])('%j investigates %s', async (turns, invoice) => {
    await investigated(turns, invoice)
  })
})

describe('a number that only ends like an unrelated invoice is asked about, not taken', () => {
  it.each([
    ['invoice 1002, customer says wrong price for the valves', [/INV-551002/]],
    ['Oakhurst disputes inv 1002 pricing', [/INV-551002/]],
    ['short shipment on invoice 1002, they got 10 of the 12', [/INV-551002/]],
    ['Kessler says invoice 0417 has the wrong valve price', [/SI-2026-00417/]],
  ])('%j', async (text, mention) => {
    await asked([text], mention)
  })

  it.each([
    ['#1017 the rebar price is wrong', 'INV-551017'],
    ['Oakhurst disputes invoice 00417, racking price is off', 'SI-2026-00417'],
  ])('takes a partial number the rest of the claim confirms: %j', async (text, invoice) => {
    await investigated([text], invoice)
  })
})

describe('ledgers whose numbering is not INV-1234', () => {
  it.each([
    ['SI-2026-00417: Oakhurst says the racking price is off', 'SI-2026-00417'],
    ['F/26/0093 Bluebird says the window cleaning visits never happened', 'F/26/0093'],
    ['718233 from Northwind: the stretch wrap price is wrong', '718233'],
    ['Bluebird: inv 26/0093, the window cleaning was never done', 'F/26/0093'],
    ['ks0412 - kessler says the valve price is wrong', 'KS-0412'],
  ])('%j is %s', async (text, invoice) => {
    await investigated([text], invoice)
  })
})

describe("a customer named who is not the invoice's customer", () => {
  it.each([
    ['Kessler & Sons disputes 718233, the stretch wrap price is wrong', /Northwind Freight Systems/, /Kessler/],
    ['Bluebird says SI-2026-00417 is priced wrong', /Oakhurst/, /Bluebird/],
    ['Tri-Valley Builders: the cleaning on F/26/0093 never happened', /Bluebird/, /Tri-Valley/],
    ['Oakhurst Warehousing got short shipped on 718190', /Northwind/, /Oakhurst/],
  ])('%j asks which is right, naming both', async (text, owner, named) => {
    await asked([text], [owner, named])
  })
})

describe('short names and aliases', () => {
  it.each([
    ['TVB says the rebar invoice from June is priced wrong', 'INV-551017'],
    ['NFS disputes the corner boards invoice, price too high', '718190'],
    ['Northwind says the corner boards invoice is priced too high', '718190'],
    ['Kessler says the valve invoice is priced wrong', 'KS-0412'],
  ])('%j is %s', async (text, invoice) => {
    await investigated([text], invoice)
  })
})

describe('incidental words are not the charge in dispute', () => {
  it.each([
    ['Northwind Freight Systems says the stretch wrap price on 718233 is wrong'],
    ['Northwind Freight wants 718190 checked, the corner boards price is too high'],
    ['Northwind Freight Systems Ltd is disputing the corner boards price on 718190'],
    ['Northwind Freight: pricing on 718233 does not match their quote'],
  ])('%j is not about the freight fee', async (text) => {
    const r = await converse(t, text)
    expect(r.resolution?.reasonCode, r.reply.slice(0, 300)).toBe('pricing_error')
    expect(r.resolution?.disputedAmount).not.toBe('370.00')
    expect(JSON.stringify(r.resolution?.findings ?? [])).not.toMatch(/freight/i)
  })

  it.each([
    ['Bluebird needs a clean invoice for F/26/0093: the window visits were billed at the wrong rate'],
    ['F/26/0093 - Bluebird wants a clean invoice, the window cleaning price is wrong'],
    ['send Bluebird a clean invoice, F/26/0093 has the window visit rate wrong'],
    ['Bluebird asked for a clean invoice because the window visit price on F/26/0093 is off'],
  ])('%j is about the window line, not contract cleaning', async (text) => {
    const r = await converse(t, text)
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('F/26/0093')
    expect(JSON.stringify(r.resolution?.findings ?? [])).not.toMatch(/SVC-CLEAN/)
  })
})

describe("the invoice's own lines decide between readings", () => {
  it.each([
    ['Bluebird says the window cleaning on F/26/0093 never happened', 'service_not_rendered'],
    ['Oakhurst: the forklift technician never showed up, SI-2026-00388', 'service_not_rendered'],
    ['Oakhurst: the wire shelving on SI-2026-00452 never arrived', 'quantity_discrepancy'],
    ['Tri-Valley says the rebar on INV-551017 never came', 'quantity_discrepancy'],
    ['Northwind Freight are refusing the interest on 718190', 'late_fee'],
    ['718190: Northwind says they should not pay the interest, it was our delay', 'late_fee'],
    ['Northwind disputes the finance charge on 718190', 'late_fee'],
    ['the penalty on 718190 is not owed, says Northwind', 'late_fee'],
    [
      'Northwind contest the overdue interest on 718190. They settled the principal, 639.00, on 2 July by transfer.',
      'late_fee',
    ],
  ])('%j reads as %s', async (text, reason) => {
    const r = await converse(t, text)
    expect(r.resolution?.reasonCode, r.reply.slice(0, 300)).toBe(reason)
  })
})

describe('a unit price said beside another is a price, whatever joins them', () => {
  // INV-551017: 30 × 64.00 + 8 %; the contract says 60.00. Not owed: 30 × 4.00 × 1.08 = 129.60.
  it.each([
    ['Tri-Valley say we billed 64.00 a bundle against 60.00 on their contract for the rebar, INV-551017'],
    ['INV-551017 rebar at 64 when their agreement has it at 60.00'],
    ['Tri-Valley querying the rebar on INV-551017: 64.00 billed, 60.00 in the contract'],
    ['INV-551017 - the rebar went out at 64.00, Tri-Valley pay 60.00 under the contract. Could you look into it?'],
  ])('%j credits the difference, not a unit price', async (text) => {
    const r = await investigated([text], 'INV-551017')
    expect(r.resolution?.reasonCode).toBe('pricing_error')
    expect(r.resolution?.supportedAmount).toBe('129.60')
    expect(r.resolution?.disputedAmount).toBe('129.60')
  })

  it('keeps a figure that is also a charge of the invoice as the amount', async () => {
    // 2073.60 is the invoice total: an amount, never read as a price.
    const r = await investigated(
      ['Tri-Valley dispute the full 2,073.60 on INV-551017, rebar price is wrong'],
      'INV-551017',
    )
    expect(r.resolution?.disputedAmount).toBe('2073.60')
  })
})

describe('an invoice found through what the ledger knows of it', () => {
  it.each([
    ['Tri-Valley on PO TVB/PO/0917: the rebar was priced above the contract'],
    ['PO TVB/PO/0917 - rebar overpriced, says Tri-Valley'],
    ['their purchase order TVB/PO/0917, the rebar price is wrong'],
  ])('%j: the invoice that carries the PO', async (text) => {
    await investigated([text], 'INV-551017')
  })

  it.each([
    ["Oakhurst don't recognise a charge on their last invoice"],
    ['the latest invoice we sent Oakhurst has a charge they do not recognise'],
  ])("%j: the customer's latest invoice", async (text) => {
    await investigated([text], 'SI-2026-00452')
  })

  it.each([
    ['Northwind paid 718233 last week. Now 718240 arrived for the same wrap and they want it killed'],
    ['718233 is settled; 718240 bills the very same stretch wrap, Northwind wants it gone'],
  ])('%j: two invoices that bill the same thing are a double billing', async (text) => {
    const r = await investigated([text], '718240')
    expect(r.resolution?.reasonCode).toBe('duplicate_billing')
  })
})

describe("invoice numbers in the ledger's own numbering, whatever their shape", () => {
  it.each([
    ['N2607-0441 / Kessler - the hose price is wrong'],
    ['Kessler say the hose price on n2607-0441 is wrong. can you check'],
  ])('%j is N2607-0441', async (text) => {
    await investigated([text], 'N2607-0441')
  })
})

describe('the kept and the disputed invoice, by what is said of each', () => {
  it.each([
    ['Northwind: 718233 (paid) and 718240 bill the same wrap. Northwind will not pay the second invoice'],
    ['Northwind were charged twice, 718233 and 718240; they refuse to pay the second'],
  ])('%j disputes the one they will not pay', async (text) => {
    await investigated([text], '718240')
  })
})

describe('the resolve_invoice_reference tool', () => {
  const run = async (input: unknown) => {
    const spec = toolByName('resolve_invoice_reference')
    if (!spec) throw new Error('resolve_invoice_reference is not registered')
    const actor = { id: 'k-spec', name: 'Sam', role: 'specialist' as const }
    return (await callTool(spec, input, { services: t.runtime.services, actor, today: TODAY, readOnly: true })) as {
      ok: boolean
      value: { decision: string; invoiceNumber?: string; candidates: { number: string; why: string[] }[] }
    }
  }

  it('ranks candidates with why, and resolves a description the customer confirms', async () => {
    const r = await run({ customer: 'oakhurst', productWords: 'pallet racking' })
    expect(r.value.decision).toBe('resolved')
    expect(r.value.invoiceNumber).toBe('SI-2026-00417')
    expect(r.value.candidates[0]?.why.join(' ')).toMatch(/customer named/)
  })

  it('leaves a bare suffix ambiguous rather than resolving it', async () => {
    const r = await run({ reference: '1002' })
    expect(r.value.decision).toBe('ambiguous')
    expect(r.value.candidates.map((c) => c.number)).toEqual(['INV-551002'])
  })
})

describe("the payment's own reference is not an invoice number", () => {
  it.each([
    [
      'Oakhurst Warehousing say they paid the May forklift maintenance by transfer, ref. TRX/55/2026/0413, and it still shows open.',
    ],
    [
      'Oakhurst Warehousing: forklift maintenance for May settled by wire ref 88-OWH-20260611, please check, still open on our side',
    ],
  ])('the invoice is found from what the message describes: %j', async (text) => {
    const r = await converse(t, text)
    expect(r.reply).not.toMatch(/can't find an invoice/)
    expect(r.resolution?.invoiceNumber ?? JSON.stringify(r.questions), r.reply.slice(0, 300)).toMatch(/SI-2026-00388/)
  })
})

describe('a pasted thread whose older messages name other invoices', () => {
  it.each([
    [
      'From Oakhurst AP:\n\nFrom: Lee Park\nSent: 10 July 2026\nSubject: RE: statement\n\nHi, the racking on SI-2026-00417 was billed at 385.00, the quote said 360.00.\n\nLee\n\n> From: ar@harborsupply.example\n> Sent: 8 July 2026\n> Please find the statement: SI-2026-00452 and SI-2026-00388 are also open.',
      'SI-2026-00417',
    ],
    [
      'Oakhurst replied:\nwire shelving on SI-2026-00452 came in at 95.00 a deck, we agreed 90.00\n\nOn Mon, 6 Jul 2026 at 09:12, Harbor AR <ar@harborsupply.example> wrote:\nReminder: SI-2026-00417 falls due this week.',
      'SI-2026-00452',
    ],
  ])('is about the invoice of the newest message: %j', async (text, invoice) => {
    await investigated([text], invoice)
  })
})

describe('the fee said in a claim against it, beside the payment', () => {
  it.each([
    'Northwind on 718190: "We transferred the full 664.00 on 16 June, three days late. You then charged 25.00 interest and we reject that charge."',
    'Northwind query the interest on 718190: they paid USD 639.00 inside the grace days, so the 25.00 is not owed.',
  ])('is the amount in dispute, not the payment: %j', async (text) => {
    const r = await converse(t, text)
    expect(r.resolution?.reasonCode, r.reply.slice(0, 300)).toBe('late_fee')
    expect(r.resolution?.disputedAmount, r.reply.slice(0, 300)).toBe('25.00')
  })
})
