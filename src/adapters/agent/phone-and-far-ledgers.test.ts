/**
 * Claims read against the ledger where the words alone cannot say: sums said on the phone ("six fifteen")
 * that the invoice says are hundreds or cents, an invoice number spelled out with its letter and
 * separator, a series said apart from its serial, "every line", a dot before three digits in a currency
 * of three decimals, and the second of two billings named by what the customer will not pay.
 * Invented ledgers, through the real chat API (in-memory Postgres, embedded engine).
 */
import { describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { invoicesIn } from '../../testing/ledger-builders.ts'
import { chatOnLedger } from '../../testing/test-app.ts'

const usd = invoicesIn('USD', '2026-06-30')
const kwd = invoicesIn('KWD', '2026-06-30')

const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Milwaukee Valve & Fitting', currency: 'USD' },
  customers: [
    { id: 'C-GL', name: 'Green Lake Mechanical' },
    { id: 'C-SH', name: 'Shuwaikh Marine Services' },
    { id: 'C-EX', name: 'Exempt Tribal Council', taxExempt: true },
  ],
  invoices: [
    usd('K205518.01', 'C-GL', '2026-05-04', [
      { line: 1, sku: 'BV-2IN', description: 'Ball valve 2 inch', quantity: 20, unitPrice: '615.00' },
      { line: 2, sku: 'GSK-2', description: 'Gasket 2 inch', quantity: 40, unitPrice: '3.25' },
    ]),
    usd(
      'K205519.01',
      'C-GL',
      '2026-05-06',
      [{ line: 1, sku: 'THR-PIPE', description: 'Pipe threading', quantity: 12, unitPrice: '14.50' }],
      { fees: [{ type: 'late_fee', description: 'Finance charge', amount: '61.50' }] },
    ),
    usd('MV-26/0311', 'C-GL', '2026-05-07', [
      { line: 1, sku: 'TEE-1', description: 'Tee 1 inch', quantity: 100, unitPrice: '4.10' },
    ]),
    usd('MV-26/0312', 'C-GL', '2026-05-08', [
      { line: 1, sku: 'ELB-1', description: 'Elbow 1 inch', quantity: 100, unitPrice: '3.90' },
    ]),
    usd('MV-26/0340', 'C-GL', '2026-06-01', [
      { line: 1, sku: 'RENT-MACH', description: 'Threading machine rental, May', quantity: 1, unitPrice: '280.00' },
    ]),
    usd('MV-26/0361', 'C-GL', '2026-06-03', [
      { line: 1, sku: 'RENT-MACH', description: 'Threading machine rental, May', quantity: 1, unitPrice: '280.00' },
    ]),
    usd('EX-0077', 'C-EX', '2026-05-10', [
      { line: 1, sku: 'BV-1IN', description: 'Ball valve 1 inch', quantity: 10, unitPrice: '40.00', taxRate: '0.05' },
      { line: 2, sku: 'TEE-1', description: 'Tee 1 inch', quantity: 50, unitPrice: '4.10', taxRate: '0.05' },
      { line: 3, sku: 'ELB-1', description: 'Elbow 1 inch', quantity: 50, unitPrice: '3.90', taxRate: '0.05' },
    ]),
    kwd('SM-0419', 'C-SH', '2026-05-12', [
      { line: 1, sku: 'ANODE', description: 'Zinc anodes', quantity: 40, unitPrice: '312.000' },
    ]),
    kwd('SM-0420', 'C-SH', '2026-05-20', [
      { line: 1, sku: 'ANODE', description: 'Zinc anodes, second lot', quantity: 10, unitPrice: '312.000' },
    ]),
  ],
  deliveries: [
    { id: 'DN-0312', invoiceNumber: 'MV-26/0312', sku: 'ELB-1', quantity: 100, deliveredDate: '2026-05-08' },
  ],
  payments: [
    {
      id: 'PM-340',
      customerId: 'C-GL',
      invoiceNumber: 'MV-26/0340',
      amount: '280.00',
      currency: 'USD',
      date: '2026-06-10',
    },
  ],
})

const { resolve } = chatOnLedger({ today: '2026-06-20', ledger: ledger() })

describe('a voicemail as the transcription wrote it', () => {
  it('reads sums said as prices the way the invoice bills them, hundreds here', async () => {
    expect(
      await resolve(
        'voicemail transcript: "hi it is dana at green lake on invoice k as in kilo two zero five five one eight dot zero one the two inch ball valves you charged six fifteen each and our price is five ninety so that is twenty five bucks times twenty, five hundred dollars"',
      ),
    ).toMatchObject({
      invoiceNumber: 'K205518.01',
      reasonCode: 'pricing_error',
      disputedAmount: '500.00',
    })
  })

  it('and cents where the invoice holds the sum so, on a number said without its shipment suffix', async () => {
    expect(
      await resolve(
        'transcript: "its green lake about K two zero five five one nine the finance charge of sixty one fifty we paid on time so we dispute it"',
      ),
    ).toMatchObject({ invoiceNumber: 'K205519.01', reasonCode: 'late_fee', disputedAmount: '61.50' })
  })
})

describe('invoices named the way other places name them', () => {
  it('a series said apart from its serial names the one invoice of the series ending so', async () => {
    expect(
      await resolve('Green Lake: số 0312 (ký hiệu MV-26) bills the elbows at 3.90, the agreed price is 3.60.'),
    ).toMatchObject({ invoiceNumber: 'MV-26/0312', reasonCode: 'pricing_error' })
  })

  it('of two billings of one rental, the one the customer will not pay is the one disputed', async () => {
    expect(
      await resolve(
        'Green Lake says May rental was billed twice, there is MV-26/0340 we paid that and then MV-26/0361 for the same month, so they will not be paying the second one',
      ),
    ).toMatchObject({ invoiceNumber: 'MV-26/0361', reasonCode: 'duplicate_billing' })
  })

  it('tax charged "on every line" to an exempt customer is every line’s tax', async () => {
    expect(
      await resolve(
        'Tribal council on EX-0077: you charged tax on every line, the valves, tees and elbows, and we are exempt, please reissue it without tax',
      ),
    ).toMatchObject({ reasonCode: 'tax_error', disputedAmount: '40.00', action: 'cancel_and_rebill' })
  })
})

describe('a figure with a dot before three digits, in a currency of three decimals', () => {
  it('is the thousands the invoice holds, not fils it does not', async () => {
    expect(
      await resolve('Shuwaikh says SM-0420 is a duplicate of SM-0419, they will not pay it: amount 3.120 KD'),
    ).toMatchObject({ invoiceNumber: 'SM-0420', disputedAmount: '3120.000' })
  })
  it('thousands grouped by spaces, then three digits: fils, in dinars the message does not name', async () => {
    expect(
      await resolve('Shuwaikh on SM-0419: 4 of the zinc anodes came cracked, they want 1 248,000 dinars back'),
    ).toMatchObject({ invoiceNumber: 'SM-0419', reasonCode: 'damaged_goods', disputedAmount: '1248.000' })
  })
})

describe('counts said beside the line’s own price', () => {
  it('are a claim about units, however the words lean to a price', async () => {
    expect(
      await resolve(
        'sorry the line dropped. Green Lake say only ninety elbows came on MV-26/0312 in May not a hundred, so ten elbows at 3.90',
      ),
    ).toMatchObject({ invoiceNumber: 'MV-26/0312', reasonCode: 'quantity_discrepancy' })
  })
})
