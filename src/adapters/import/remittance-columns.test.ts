import { describe, expect, it } from 'vitest'
import { csvToLedger } from './csv-to-ledger.ts'

const HEAD = 'Transaction Type,Num,Customer,Date,Amount,Payment,Applied To,Short Paid,Reason Code,Short Pay Reason'

describe('remittance columns on payment rows', () => {
  it('turns a short payment into the payment remittance advice, code and words joined', () => {
    const r = csvToLedger(`${HEAD}\nPayment,P-7,Acme,03/02/2026,,680.00,INV-9,20.00,PD,0.50 per unit over contract\n`)
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.report.mapping).toBe('quickbooks')
    expect(r.ledger.payments?.[0]).toMatchObject({
      id: 'P-7',
      invoiceNumber: 'INV-9',
      amount: '680.00',
      remittance: [
        { invoiceNumber: 'INV-9', paid: '680.00', deducted: '20.00', reasonText: 'PD 0.50 per unit over contract' },
      ],
    })
  })

  it('leaves a payment without a deduction as it was', () => {
    const r = csvToLedger(`${HEAD}\nPayment,P-8,Acme,03/02/2026,,700.00,INV-9,0.00,,\n`)
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.ledger.payments?.[0]).not.toHaveProperty('remittance')
  })

  it('refuses a deduction that names no invoice, by row and column', () => {
    const r = csvToLedger(`${HEAD}\nPayment,P-9,Acme,03/02/2026,,700.00,,15.00,SH,\n`)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors).toEqual([{ row: 2, column: 'Applied To', message: expect.stringMatching(/deduction/) }])
  })
})
