/**
 * A contractor's claims read against the ledger: quantities measured on site against those billed
 * (thousands grouped by a space, the unit run onto the figure), plant on hire that stood broken for
 * days, the days a service was there said as the only ones, a count times the line's own price, an
 * invoice named only by its total, and payments that are the setting of a claim rather than the claim.
 * Invented ledger, through the real chat API (in-memory Postgres, embedded engine).
 */
import { describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { invoicesIn } from '../../testing/ledger-builders.ts'
import { chatOnLedger } from '../../testing/test-app.ts'

const aud = invoicesIn('AUD', '2026-11-30')
const gst = '0.10'

/** One log entry a day for a plant or service line: `down` lists the days it was not rendered. */
const daily = (invoiceNumber: string, sku: string, days: number[], down: number[]) =>
  days.map((d) => {
    const day = `2026-10-${String(d).padStart(2, '0')}`
    const off = down.includes(d)
    return {
      id: `${invoiceNumber}-${d}`,
      customerId: 'C-DER',
      invoiceNumber,
      sku,
      periodStart: day,
      periodEnd: day,
      quantity: off ? 0 : 1,
      status: off ? ('not_rendered' as const) : ('rendered' as const),
    }
  })

const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Huon Earthworks & Landscapes', currency: 'AUD' },
  customers: [
    { id: 'C-DER', name: 'Derwent Valley Homes' },
    { id: 'C-TAM', name: 'Tamar Civil Group' },
  ],
  invoices: [
    aud('HEL-0412', 'C-DER', '2026-10-31', [
      {
        line: 1,
        sku: 'TURF-M2',
        description: 'Turf supplied and laid, lot 14',
        quantity: 2350,
        unitPrice: '9.40',
        taxRate: gst,
      },
      { line: 2, sku: 'EDGE-M', description: 'Steel garden edging', quantity: 180, unitPrice: '22.00', taxRate: gst },
    ]),
    aud('HEL-0413', 'C-DER', '2026-10-31', [
      { line: 1, sku: 'FENCE-M', description: 'Paling fence', quantity: 92, unitPrice: '64.00', taxRate: gst },
      { line: 2, sku: 'GATE', description: 'Pedestrian gate', quantity: 1, unitPrice: '92.00', taxRate: gst },
    ]),
    aud(
      'HEL-0420',
      'C-DER',
      '2026-11-02',
      [
        {
          line: 1,
          sku: 'EXC-DAY',
          description: 'Mini excavator, October',
          quantity: 4,
          unitPrice: '380.00',
          taxRate: gst,
        },
      ],
      { servicePeriodStart: '2026-10-01', servicePeriodEnd: '2026-10-31' },
    ),
    aud(
      'HEL-0421',
      'C-DER',
      '2026-11-02',
      [
        {
          line: 1,
          sku: 'PUMP-DAY',
          description: 'Concrete pump, October pours',
          quantity: 4,
          unitPrice: '1200.00',
          taxRate: gst,
        },
      ],
      { servicePeriodStart: '2026-10-01', servicePeriodEnd: '2026-10-31' },
    ),
    aud(
      'HEL-0422',
      'C-DER',
      '2026-11-02',
      [
        {
          line: 1,
          sku: 'SPRAY-VISIT',
          description: 'Weed spraying visits, October',
          quantity: 4,
          unitPrice: '150.00',
          taxRate: gst,
        },
      ],
      { servicePeriodStart: '2026-10-01', servicePeriodEnd: '2026-10-31' },
    ),
    aud('HEL-0440', 'C-TAM', '2026-10-31', [
      {
        line: 1,
        sku: 'CART-T',
        description: 'Gravel cartage per tonne',
        quantity: 44.2,
        unitPrice: '18.00',
        taxRate: gst,
      },
    ]),
    aud(
      'HEL-0430',
      'C-TAM',
      '2026-09-30',
      [
        {
          line: 1,
          sku: 'TURF-M2',
          description: 'Turf supplied and laid, September',
          quantity: 800,
          unitPrice: '9.40',
          taxRate: gst,
        },
      ],
      { servicePeriodStart: '2026-09-01', servicePeriodEnd: '2026-09-30' },
    ),
    aud(
      'HEL-0431',
      'C-TAM',
      '2026-10-03',
      [
        {
          line: 1,
          sku: 'TURF-M2',
          description: 'Turf supplied and laid, September',
          quantity: 800,
          unitPrice: '9.40',
          taxRate: gst,
        },
      ],
      { servicePeriodStart: '2026-09-01', servicePeriodEnd: '2026-09-30' },
    ),
  ],
  payments: [
    {
      id: 'PM-0413',
      customerId: 'C-DER',
      invoiceNumber: 'HEL-0413',
      amount: '6476.80',
      currency: 'AUD',
      date: '2026-11-10',
    },
  ],
  deliveries: [
    { id: 'MS-0412-T', invoiceNumber: 'HEL-0412', sku: 'TURF-M2', quantity: 2210, deliveredDate: '2026-10-29' },
    { id: 'MS-0412-E', invoiceNumber: 'HEL-0412', sku: 'EDGE-M', quantity: 164, deliveredDate: '2026-10-29' },
    { id: 'MS-0413-F', invoiceNumber: 'HEL-0413', sku: 'FENCE-M', quantity: 92, deliveredDate: '2026-10-29' },
    { id: 'WB-0440', invoiceNumber: 'HEL-0440', sku: 'CART-T', quantity: 41.6, deliveredDate: '2026-10-30' },
    { id: 'MS-0430', invoiceNumber: 'HEL-0430', sku: 'TURF-M2', quantity: 800, deliveredDate: '2026-09-29' },
  ],
  serviceLogs: [
    ...daily('HEL-0420', 'EXC-DAY', [13, 14, 15, 16], [16]),
    ...daily('HEL-0421', 'PUMP-DAY', [6, 13, 20, 27], [27]),
    ...daily('HEL-0422', 'SPRAY-VISIT', [5, 12, 19, 26], [26]),
  ],
})

/** The resolution a conversation ends with (the reply, where there is none, says why). */
const { resolve } = chatOnLedger({ today: '2026-11-20', ledger: ledger() })

describe('a quantity measured on site against the one billed', () => {
  it.each([
    // A check: read so before thousands grouped by a space were joined for a unit run onto them.
    "Derwent's supervisor: HEL-0412 claims 2 350m2 of turf on lot 14, their measurement with our leading hand on 4 Nov was 2 210m2. They want 140m2 off, $1 447,60 incl GST.",
    'Derwent on HEL-0412 - we claimed 2 350 m2 turf, their measure was 2 210 m2. $1 447.60 with GST to come off.',
  ])('is units short, valid on the measurement: %j', async (message) => {
    expect(await resolve(message)).toMatchObject({
      reasonCode: 'quantity_discrepancy',
      classification: 'valid',
      disputedAmount: '1447.60',
    })
  })

  it('a re-measure that "came back" at a figure is no damage', async () => {
    expect(
      await resolve(
        'Derwent came back on HEL-0412: the steel edging on the invoice is 180m but their re-measure came back at 164m. They want the 16m off.',
      ),
    ).toMatchObject({ reasonCode: 'quantity_discrepancy', classification: 'valid' })
  })

  // A check: it also passed before metres were set apart from prices (the counts were read first).
  it('metres said that equal another line’s price are metres, not a price', async () => {
    expect(
      await resolve(
        'Derwent on HEL-0413: "you claim 92 metre of paling fence, we measure 86 m along the boundary". They dispute 6 m.',
      ),
    ).toMatchObject({ reasonCode: 'quantity_discrepancy', findings: [{ target: { kind: 'line', line: 1 } }] })
  })
})

describe('tonnes weighed against tonnes billed, with the price billed said', () => {
  it('is units short, not a price claim', async () => {
    expect(
      await resolve(
        'Tamar cartage query on HEL-0440. Their weighbridge tickets add up to 41.6t, we billed 44.2t @ $18.00. They want the 2.6 t credited, $51.48 inc GST.',
      ),
    ).toMatchObject({ reasonCode: 'quantity_discrepancy', classification: 'valid', disputedAmount: '51.48' })
  })
})

describe('plant on hire and services by the day', () => {
  it('a machine that stood broken for days is a service not rendered on those days', async () => {
    expect(
      await resolve(
        'Derwent says the mini excavator we charged for October stood broken for two days and they will not pay for those.',
        'It is HEL-0420. The days are Thu 15 and Fri 16 Oct. So 2 days x $380 plus GST.',
      ),
    ).toMatchObject({
      reasonCode: 'service_not_rendered',
      disputedAmount: '836.00',
      classification: 'partial',
      supportedAmount: '418.00',
    })
  })

  it('the days a service was there, said as the only ones, are not the days claimed', async () => {
    expect(
      await resolve(
        'Derwent on the concrete pump, HEL-0421: 4 days charged but the pump was only on site for the pours on 6 and 20 October. They hold back 2 days, $2 640.',
      ),
    ).toMatchObject({ reasonCode: 'service_not_rendered', classification: 'partial', supportedAmount: '1320.00' })
  })

  it('a visit complained of on a day the log shows it took place: dissatisfaction, not owed back', async () => {
    expect(
      await resolve(
        'Derwent about the spraying visit of 19 October on HEL-0422: the crew came but the weeds are still there, they reckon the spraying did not work and won’t pay that visit ($165).',
      ),
    ).toMatchObject({ reasonCode: 'service_dissatisfaction', classification: 'invalid' })
  })
})

describe('one message, read against the ledger', () => {
  it.each([
    [
      // A check (the words name the reason); claimed-percents.test.ts tests the percentage itself.
      '"10% off" of a service they are unhappy with is no tax rate, even where the tax is 10 %',
      'Derwent are unhappy with the weed spraying on HEL-0422, the crew rushed it. Wants 10% off = $66.00.',
      { reasonCode: 'service_dissatisfaction' },
    ],
    [
      '"they paid for" the count they accept is no claim of payment',
      "Derwent's manager on HEL-0412: 'Invoiced 180 m of edging but we ran the wheel along it, 164 m. Disputing 16 m = $387.20 incl GST.' They paid for 164.",
      { reasonCode: 'quantity_discrepancy' },
    ],
    [
      '"they have paid the rest" beside a charge not recognised leaves the charge the claim',
      "Derwent finance: 'HEL-0413 includes a pedestrian gate @ 92.00 = $101.20 incl. GST. We do not recognise this charge.' They have paid the rest.",
      { reasonCode: 'unrecognized_charge' },
    ],
    [
      'the gap between two prices over the line, said beside another figure, is the amount in dispute',
      'Tamar came back on HEL-0430 with two queries, the $25 pallet fee and the turf price. Their site lead says the pallets are fine. So only the turf: charged 9.40/m2 on 800 m2, contract’s 9.10. That comes to $264.00 with GST.',
      { reasonCode: 'pricing_error', disputedAmount: '264.00' },
    ],
  ])('%s', async (_name, message, reading) => {
    expect(await resolve(message)).toMatchObject(reading)
  })
})

describe('a correction of which invoice is the double', () => {
  it.each([
    // A check: with the numbers typed whole it was read so before.
    'Correction: the duplicate is HEL-0431, HEL-0430 they already paid. They dispute the whole of HEL-0431.',
    'Corrigiendo: la duplicada es la 0431, la 0430 ya la pagaron. Disputan la 0431 entera.',
  ])('names the claim’s invoice: %j', async (second) => {
    expect(
      await resolve('Tamar dice que la 0430 vino por duplicado, el mismo césped y el mismo importe.', second),
    ).toMatchObject({ invoiceNumber: 'HEL-0431', reasonCode: 'duplicate_billing' })
  })
})

describe('an invoice named only by its total', () => {
  it.each([
    'Tamar Civil received our September valuation twice, once on 30 Sept and again on 3 Oct under a new number, same $8 272,00. They want the second one cancelled.',
    'Tamar Civil were billed twice for the same turf under two numbers, same $8 272,00 on both. They want the second one cancelled.',
  ])('of two invoices billing the same, the one said to be the second is the double: %j', async (message) => {
    expect(await resolve(message)).toMatchObject({ invoiceNumber: 'HEL-0431', reasonCode: 'duplicate_billing' })
  })
})
