/**
 * Claims read against what the ledger holds beside the invoice: a contract that ended before the period
 * billed did, a payment quoted by a reference that names another invoice, a number typed in the ledger's
 * own shape that names no invoice, a rate written into a line's description, a signature's street
 * number. Invented ledger, through the real chat API (in-memory Postgres, embedded engine).
 */
import { describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { invoicesIn } from '../../testing/ledger-builders.ts'
import { chatOnLedger } from '../../testing/test-app.ts'

const gbp = invoicesIn('GBP', '2026-07-15')
const vat = '0.20'

const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Kestrel Ridge Facilities', currency: 'GBP' },
  customers: [
    { id: 'C-BRD', name: 'Brackley Dental Practice' },
    { id: 'C-WHM', name: 'Whitmore Housing Co-operative' },
    { id: 'C-ELM', name: 'Elmbridge Ice Arena' },
  ],
  contracts: [
    {
      id: 'CT-BRD-WASH',
      customerId: 'C-BRD',
      startDate: '2026-06-10',
      currency: 'GBP',
      paymentTermsDays: 30,
      prices: [{ sku: 'WASH-MO', unitPrice: '300.00' }],
    },
    {
      id: 'CT-BRD-SCR',
      customerId: 'C-BRD',
      startDate: '2025-06-01',
      endDate: '2026-05-10',
      currency: 'GBP',
      paymentTermsDays: 30,
      prices: [{ sku: 'SCRUB-MO', unitPrice: '620.00' }],
    },
    {
      id: 'CT-WHM-PLAN',
      customerId: 'C-WHM',
      startDate: '2025-04-01',
      endDate: '2026-03-31',
      currency: 'GBP',
      paymentTermsDays: 30,
      prices: [{ sku: 'PLAN-MO', unitPrice: '410.00' }],
    },
    {
      id: 'CT-WHM-WORKS',
      customerId: 'C-WHM',
      startDate: '2025-04-01',
      currency: 'GBP',
      paymentTermsDays: 30,
      prices: [{ sku: 'BLR-VAC', description: 'Boiler replacement in a vacant flat (5 % VAT)', unitPrice: '2400.00' }],
    },
  ],
  invoices: [
    gbp(
      'KR-2100',
      'C-BRD',
      '2026-07-01',
      [
        {
          line: 1,
          sku: 'WASH-MO',
          description: 'Washroom service, month',
          quantity: 1,
          unitPrice: '300.00',
          taxRate: vat,
        },
      ],
      { contractId: 'CT-BRD-WASH', servicePeriodStart: '2026-06-01', servicePeriodEnd: '2026-06-30' },
    ),
    gbp(
      'KR-2051',
      'C-BRD',
      '2026-05-01',
      [
        {
          line: 1,
          sku: 'SCRUB-MO',
          description: 'Floor scrubber hire, month',
          quantity: 1,
          unitPrice: '620.00',
          taxRate: vat,
        },
      ],
      { contractId: 'CT-BRD-SCR', servicePeriodStart: '2026-05-01', servicePeriodEnd: '2026-05-31' },
    ),
    gbp(
      'KR-2052',
      'C-WHM',
      '2026-04-01',
      [
        {
          line: 1,
          sku: 'PLAN-MO',
          description: 'Planned maintenance plan, April',
          quantity: 1,
          unitPrice: '410.00',
          taxRate: vat,
        },
      ],
      { contractId: 'CT-WHM-PLAN', servicePeriodStart: '2026-04-01', servicePeriodEnd: '2026-04-30' },
    ),
    gbp('KR-2040', 'C-WHM', '2026-01-14', [
      {
        line: 1,
        sku: 'BLR-VAC',
        description: 'Boiler replacement in a vacant flat',
        quantity: 1,
        unitPrice: '2400.00',
        taxRate: '0.05',
      },
    ]),
    gbp(
      'KR-2090',
      'C-WHM',
      '2026-04-01',
      [
        {
          line: 1,
          sku: 'DEEP-QTR',
          description: 'Deep clean, quarter',
          quantity: 1,
          unitPrice: '1200.00',
          taxRate: vat,
        },
      ],
      { servicePeriodStart: '2026-04-01', servicePeriodEnd: '2026-06-30' },
    ),
    gbp(
      'KR-2091',
      'C-WHM',
      '2026-04-08',
      [
        {
          line: 1,
          sku: 'DEEP-QTR',
          description: 'Deep clean, quarter',
          quantity: 1,
          unitPrice: '1200.00',
          taxRate: vat,
        },
      ],
      { servicePeriodStart: '2026-04-01', servicePeriodEnd: '2026-06-30' },
    ),
    gbp('KR-2095', 'C-BRD', '2026-05-06', [
      { line: 1, sku: 'CLN-STD', description: 'Surgery clean, April', quantity: 1, unitPrice: '300.00', taxRate: vat },
      { line: 2, sku: 'CALLOUT', description: 'After-hours call-out', quantity: 1, unitPrice: '120.00', taxRate: vat },
    ]),
    gbp('KR-2055', 'C-BRD', '2026-04-02', [
      { line: 1, sku: 'MOP-HD', description: 'Mop heads, box of 10', quantity: 12, unitPrice: '18.50', taxRate: vat },
    ]),
    gbp('KR-2060', 'C-BRD', '2026-05-04', [
      { line: 1, sku: 'MOP-HD', description: 'Mop heads, box of 10', quantity: 8, unitPrice: '18.50', taxRate: vat },
    ]),
    gbp(
      'KR-2070',
      'C-WHM',
      '2026-05-12',
      [
        {
          line: 1,
          sku: 'BLR-VAC',
          description: 'Boiler replacement in a vacant flat (5 % VAT)',
          quantity: 1,
          unitPrice: '2400.00',
          taxRate: vat,
        },
      ],
      { contractId: 'CT-WHM-WORKS' },
    ),
    gbp('4-00511', 'C-ELM', '2026-05-05', [
      {
        line: 1,
        sku: 'ICE-PNT',
        description: 'Rink ice paint, white, 20 L',
        quantity: 6,
        unitPrice: '142.00',
        taxRate: vat,
      },
    ]),
    gbp('4-00514', 'C-ELM', '2026-05-19', [
      {
        line: 1,
        sku: 'BLADE-SH',
        description: 'Resurfacer blade sharpening',
        quantity: 2,
        unitPrice: '85.00',
        taxRate: vat,
      },
    ]),
  ],
  payments: [
    {
      id: 'PM-BRD-2',
      customerId: 'C-BRD',
      invoiceNumber: 'KR-2095',
      amount: '360.00',
      currency: 'GBP',
      date: '2026-06-01',
    },
    {
      id: 'PM-WHM-1',
      customerId: 'C-WHM',
      invoiceNumber: 'KR-2090',
      amount: '1440.00',
      currency: 'GBP',
      date: '2026-05-02',
    },
    {
      id: 'PM-BRD-1',
      customerId: 'C-BRD',
      invoiceNumber: 'KR-2055',
      amount: '266.40',
      currency: 'GBP',
      date: '2026-05-20',
      reference: 'BRD EFT KR-2055',
    },
  ],
})

const { resolve } = chatOnLedger({ today: '2026-06-20', ledger: ledger() })

describe('a period billed past the end of its contract', () => {
  it('the whole month said not owed, where the contract ended inside it, is about the contract', async () => {
    expect(
      await resolve(
        'Brackley Dental on KR-2051, the scrubber hire charged for all of May, £744.00',
        'the machine went back to our depot on 10 May, so they should not be paying for the whole month',
      ),
    ).toMatchObject({ invoiceNumber: 'KR-2051', reasonCode: 'contract_terms', classification: 'partial' })
  })

  it('a plan said not renewed, billed for the month after it ran out, is about the contract', async () => {
    expect(
      await resolve(
        'Whitmore Housing got KR-2052 for April. They wrote to us in February that they would not renew the maintenance plan once it ran out. Please look into it.',
      ),
    ).toMatchObject({ invoiceNumber: 'KR-2052', reasonCode: 'contract_terms', classification: 'valid' })
  })
})

describe('a period billed from before its contract began', () => {
  it('days "not recognised" that the words put before the contract are about the contract', async () => {
    expect(
      await resolve(
        'Brackley say KR-2100 bills all of June, but there was no contract before the 10th; they do not recognise those first nine days.',
      ),
    ).toMatchObject({ invoiceNumber: 'KR-2100', reasonCode: 'contract_terms', classification: 'valid' })
  })
})

describe('a payment quoted by a reference that names another invoice', () => {
  it('leaves the claim on the invoice the conversation holds, where the payment pays the other one', async () => {
    expect(
      await resolve(
        'Brackley Dental tell us KR-2060 was settled already',
        'their bookkeeper quotes the EFT of 20 May, reference BRD EFT KR-2055, £266.40',
      ),
    ).toMatchObject({
      invoiceNumber: 'KR-2060',
      reasonCode: 'already_paid',
      classification: 'invalid',
      action: 'no_adjustment',
    })
  })
})

describe('a number typed in the shape of the ledger’s invoice numbers that names none', () => {
  it('is asked about, never replaced by an invoice the words describe', async () => {
    const r = await resolve(
      'Elmbridge Ice Arena querying 4-00519 - the ice paint cost more than they were quoted, they say.',
    )
    expect(r).not.toHaveProperty('invoiceNumber')
    expect(JSON.stringify(r)).toContain('4-00519')
  })
})

describe('a rate written into the description of the line billed', () => {
  it('names the rate the line carries, not the product: the tax claim stands', async () => {
    expect(
      await resolve(
        'Whitmore Housing: the boiler replacement on KR-2070 should have been 5% VAT like the January one, not 20%. £360 difference.',
      ),
    ).toMatchObject({ invoiceNumber: 'KR-2070', reasonCode: 'tax_error', classification: 'valid' })
  })
})

describe('a signature under a pasted email', () => {
  it('holds no figure of the claim', async () => {
    const email = [
      'Forwarding this one from Whitmore:',
      '',
      '> From: Priya Nandra <p.nandra@whitmore-housing.example>',
      '> Sent: 2 June 2026 10:14',
      '> Subject: KR-2052',
      '>',
      '> Hello, we let the maintenance plan lapse when March ended, and told your office so. KR-2052 bills April, £492.00. Please cancel it.',
      '>',
      '> Kind regards,',
      '> Priya Nandra | Finance Officer',
      '> Whitmore Housing Co-operative | Unit 300, Canal Wharf | 0161 555 0199',
    ].join('\n')
    expect(await resolve(email)).toMatchObject({
      invoiceNumber: 'KR-2052',
      reasonCode: 'contract_terms',
      disputedAmount: '492.00',
    })
  })
})

describe('two bills for one thing, one of them named as paid', () => {
  it('the one said paid is the original; the other is the copy disputed', async () => {
    expect(
      await resolve(
        'Whitmore Housing: they have had two invoices for the same quarterly deep clean. They paid KR-2090 at the start of May and there was only one clean.',
      ),
    ).toMatchObject({ invoiceNumber: 'KR-2091', reasonCode: 'duplicate_billing', classification: 'valid' })
  })
})

describe('a charge a phrase disputes, beside a part of the bill said paid', () => {
  it('is that charge, not a payment claim, where what is left open equals the charge', async () => {
    expect(
      await resolve(
        'Brackley Dental never agreed to an after-hours call-out charge on KR-2095. They already paid the cleaning portion; only the £144.00 is outstanding.',
      ),
    ).toMatchObject({ invoiceNumber: 'KR-2095', reasonCode: 'unrecognized_charge' })
  })
})
