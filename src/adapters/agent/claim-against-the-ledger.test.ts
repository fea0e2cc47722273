import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { converse, createTestApp, type TestApp } from '../../testing/test-app.ts'

// What a claim covers, read against an invented ledger: the currency a figure is said in, the lines an
// amount is too large for one of, a line named by its capitals, and the invoice a later turn moves the
// claim to.
const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Northway Site Services', currency: 'USD' },
  customers: [
    { id: 'C-PIN', name: 'Pinecrest Lodges' },
    { id: 'C-ORC', name: 'Orchard Vale Mining' },
    { id: 'C-HAL', name: 'Hallam Arts Trust' },
    { id: 'C-DRY', name: 'Drysdale Freight' },
  ],
  contracts: [
    {
      id: 'CT-ORC',
      customerId: 'C-ORC',
      startDate: '2025-04-01',
      endDate: '2026-03-31',
      currency: 'USD',
      paymentTermsDays: 30,
      prices: [
        { sku: 'EVE-MEAL', unitPrice: '3.00' },
        { sku: 'MID-LUNCH', unitPrice: '3.00' },
      ],
    },
  ],
  invoices: [
    {
      number: 'NW-501',
      customerId: 'C-PIN',
      issueDate: '2026-04-02',
      dueDate: '2026-05-02',
      currency: 'USD',
      lines: [{ line: 1, sku: 'HTR-2K', description: 'Patio heater 2 kW', quantity: 10, unitPrice: '95.00' }],
      total: '950.00',
    },
    {
      number: 'NW-504',
      customerId: 'C-ORC',
      contractId: 'CT-ORC',
      issueDate: '2026-04-06',
      dueDate: '2026-05-06',
      servicePeriodStart: '2026-03-29',
      servicePeriodEnd: '2026-04-04',
      currency: 'USD',
      lines: [
        { line: 1, sku: 'EVE-MEAL', description: 'Evening meals, camp canteen', quantity: 350, unitPrice: '3.00' },
        { line: 2, sku: 'MID-LUNCH', description: 'Midday lunch, camp canteen', quantity: 350, unitPrice: '3.00' },
      ],
      total: '2100.00',
    },
    {
      number: 'NW-505',
      customerId: 'C-HAL',
      issueDate: '2026-04-08',
      dueDate: '2026-05-08',
      servicePeriodStart: '2026-04-03',
      servicePeriodEnd: '2026-04-05',
      currency: 'USD',
      lines: [
        { line: 1, sku: 'AUD-PA', description: 'PA package', quantity: 3, unitPrice: '150.00' },
        { line: 2, sku: 'LGT-STG', description: 'Stage lighting rig', quantity: 3, unitPrice: '110.00' },
        { line: 3, sku: 'TNT-20', description: 'Marquee 20 m', quantity: 3, unitPrice: '400.00' },
      ],
      total: '1980.00',
    },
    {
      number: 'NW-506',
      customerId: 'C-DRY',
      issueDate: '2026-04-09',
      dueDate: '2026-05-09',
      currency: 'USD',
      lines: [{ line: 1, sku: 'PLT-WRAP', description: 'Pallet wrap rolls', quantity: 14, unitPrice: '9.00' }],
      total: '126.00',
    },
    {
      number: 'NW-507',
      customerId: 'C-DRY',
      issueDate: '2026-04-10',
      dueDate: '2026-05-10',
      servicePeriodStart: '2026-03-01',
      servicePeriodEnd: '2026-03-31',
      currency: 'USD',
      lines: [{ line: 1, sku: 'STOR-PD', description: 'Storage, pallet-days', quantity: 14, unitPrice: '12.00' }],
      total: '168.00',
    },
    {
      number: 'NW-508',
      customerId: 'C-PIN',
      issueDate: '2026-04-12',
      dueDate: '2026-05-12',
      servicePeriodStart: '2026-04-01',
      servicePeriodEnd: '2026-04-10',
      currency: 'USD',
      lines: [
        { line: 1, sku: 'SVC-500H', description: '500-hour service, wheel loader', quantity: 1, unitPrice: '690.00' },
        { line: 2, sku: 'PMP-HIRE', description: 'Dewatering pump hire', quantity: 5, unitPrice: '80.00' },
      ],
      total: '1090.00',
    },
    {
      number: 'NW-509',
      customerId: 'C-ORC',
      issueDate: '2026-04-12',
      dueDate: '2026-05-12',
      servicePeriodStart: '2026-04-06',
      servicePeriodEnd: '2026-04-09',
      currency: 'USD',
      lines: [{ line: 1, sku: 'BWS-HR', description: 'Water bowser, haul road', quantity: 30, unitPrice: '80.00' }],
      total: '2400.00',
    },
    {
      number: 'NW-512',
      customerId: 'C-DRY',
      issueDate: '2026-04-14',
      dueDate: '2026-05-14',
      currency: 'USD',
      lines: [
        { line: 1, sku: 'HYD-46', description: 'Hydraulic oil HV46 (9 x 20 L)', quantity: 180, unitPrice: '3.10' },
      ],
      total: '558.00',
    },
    {
      number: 'NW-514',
      customerId: 'C-DRY',
      issueDate: '2026-04-15',
      dueDate: '2026-05-15',
      currency: 'USD',
      lines: [{ line: 1, sku: 'LIME-T', description: 'Crushed limestone', quantity: 24.6, unitPrice: '30.00' }],
      total: '738.00',
    },
  ],
  deliveries: [
    { id: 'DN-514', invoiceNumber: 'NW-514', sku: 'LIME-T', quantity: 23.8, deliveredDate: '2026-04-14' },
    { id: 'DN-512', invoiceNumber: 'NW-512', sku: 'HYD-46', quantity: 160, deliveredDate: '2026-04-13' },
    {
      id: 'DN-501',
      invoiceNumber: 'NW-501',
      sku: 'HTR-2K',
      quantity: 7,
      deliveredDate: '2026-04-01',
    },
  ],
  serviceLogs: [
    {
      id: 'SL-509-1',
      customerId: 'C-ORC',
      invoiceNumber: 'NW-509',
      sku: 'BWS-HR',
      periodStart: '2026-04-06',
      periodEnd: '2026-04-06',
      quantity: 7,
      status: 'rendered',
    },
    {
      id: 'SL-509-2',
      customerId: 'C-ORC',
      invoiceNumber: 'NW-509',
      sku: 'BWS-HR',
      periodStart: '2026-04-07',
      periodEnd: '2026-04-07',
      quantity: 7,
      status: 'rendered',
    },
    {
      id: 'SL-509-3',
      customerId: 'C-ORC',
      invoiceNumber: 'NW-509',
      sku: 'BWS-HR',
      periodStart: '2026-04-08',
      periodEnd: '2026-04-08',
      quantity: 7,
      status: 'rendered',
    },
    {
      id: 'SL-509-4',
      customerId: 'C-ORC',
      invoiceNumber: 'NW-509',
      sku: 'BWS-HR',
      periodStart: '2026-04-09',
      periodEnd: '2026-04-09',
      quantity: 6.5,
      status: 'rendered',
    },
    {
      id: 'SL-508-S',
      customerId: 'C-PIN',
      invoiceNumber: 'NW-508',
      sku: 'SVC-500H',
      periodStart: '2026-04-01',
      periodEnd: '2026-04-10',
      quantity: 0,
      status: 'not_rendered',
    },
    {
      id: 'SL-504-E',
      customerId: 'C-ORC',
      invoiceNumber: 'NW-504',
      sku: 'EVE-MEAL',
      periodStart: '2026-03-29',
      periodEnd: '2026-04-04',
      quantity: 350,
      status: 'rendered',
    },
    {
      id: 'SL-504-M',
      customerId: 'C-ORC',
      invoiceNumber: 'NW-504',
      sku: 'MID-LUNCH',
      periodStart: '2026-03-29',
      periodEnd: '2026-04-04',
      quantity: 350,
      status: 'rendered',
    },
    {
      id: 'SL-507',
      customerId: 'C-DRY',
      invoiceNumber: 'NW-507',
      sku: 'STOR-PD',
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      quantity: 10,
      status: 'partial',
    },
  ],
})

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ today: '2026-04-20', ledger: ledger(), env: { DISPUTE_DESK_CHAT_PER_MINUTE: '100000' } })
}, 60_000)
afterAll(() => t?.close())

describe('a figure said in another currency than the invoice’s', () => {
  it('is not taken as the amount in the invoice’s currency', async () => {
    const last = await converse(
      t,
      'Pinecrest: 3 of the 10 patio heaters on NW-501 never came, about CAD 390 at their end',
    )
    expect(last.resolution?.disputedAmount, last.reply).toBe('285.00')
  })
})

describe('an amount above all that the lines a word names bill', () => {
  it('is about every line the period covers, not the one the word names', async () => {
    const last = await converse(
      t,
      'Orchard Vale: their canteen contract ended on 31 March, so they refuse the 1st to 4th April meals on NW-504, $1,200.00',
    )
    expect(last.resolution?.supportedAmount, last.reply).toBe('1200.00')
  })
})

describe('a line named by two capitals', () => {
  it('is one of the lines of the claim', async () => {
    const last = await converse(
      t,
      'Hallam Arts Trust contract NW-505: the PA and the stage lighting rig were billed but never set up, all 3 days; the marquee is fine',
    )
    expect(last.resolution?.disputedAmount, last.reply).toBe('780.00')
  })
})

describe('a later turn that moves the claim to another invoice', () => {
  it('lets that invoice’s line say whether the units were goods or a service', async () => {
    const last = await converse(
      t,
      'Drysdale on NW-506: 14 pallet-days billed, their yard sheet counts 10, they contest the 4 days too many',
      'sorry, wrong number: it is NW-507',
    )
    expect(last.resolution?.reasonCode, last.reply).toBe('service_not_rendered')
  })
})

describe('a charge named by a fee’s words on an invoice that carries no such fee', () => {
  it('is the line that bills it', async () => {
    const last = await converse(
      t,
      "Pinecrest on NW-508: nobody came to do the loader's 500-hour service at all. Please credit the service charge of $690.",
    )
    expect(last.resolution?.supportedAmount, last.reply).toBe('690.00')
  })
})

describe('hours counted against hours billed, with the days the work ran', () => {
  it('is the hours, not the days said', async () => {
    const last = await converse(
      t,
      'Orchard Vale, NW-509: the bowser worked their haul road from the 6th to the 9th. Their foreman makes it 27.5 hours, the invoice says 30; they want the 2.5 hours back.',
    )
    expect(last.resolution?.supportedAmount, last.reply).toBe('200.00')
  })
})

describe('a count in the packs the line says make its quantity', () => {
  it('is read in the line’s measure', async () => {
    const last = await converse(t, 'Drysdale on NW-512: the invoice bills 9 pails but only 8 came off the van')
    expect(last.resolution?.disputedAmount, last.reply).toBe('62.00')
  })
})

describe('a measure with decimals the line bills, beside another, in words no rule knows', () => {
  it('is the count billed against the one weighed: a delivery short', async () => {
    const last = await converse(t, 'Drysdale NW-514: fakturert 24,6 t, vekta vår viste 23,8 t')
    expect(last.resolution?.reasonCode, last.reply).toBe('quantity_discrepancy')
    expect(last.resolution?.supportedAmount, last.reply).toBe('24.00')
  })
})

describe('two prices read the wrong way round', () => {
  it('takes the one a line bills as billed and the other as the price expected', async () => {
    const last = await converse(
      t,
      'Pinecrest, NW-501: 10 patio heaters at 95.00 instead of 88.00, a difference of 70.00',
    )
    expect(last.resolution?.reasonCode, last.reply).toBe('pricing_error')
    expect(last.resolution?.disputedAmount, last.reply).toBe('70.00')
    expect(last.reply).not.toMatch(/nothing in dispute/)
  })
})

describe('a message whose one ask is a document', () => {
  it('opens no dispute and says there is no claim, not that one was withdrawn', async () => {
    const last = await converse(t, 'Pinecrest want a receipt for NW-501 for their auditors, nothing else')
    expect(last.resolution, last.reply).toBeFalsy()
    expect(last.reply).toMatch(/no claim to investigate/)
  })
})
