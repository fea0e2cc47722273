import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cfpbReasonTable, evaluateReasons, formatReasonReport } from './reasons-eval.ts'

const CSV = `text,category
I was charged twice for the same coffee,transaction_charged_twice
"There is a payment on my card I don't recognise",card_payment_not_recognised
The exchange rate on my card payment was wrong,card_payment_wrong_exchange_rate
The ATM gave me less cash than I asked for,wrong_amount_of_cash_received
My transfer still hasn't shown up in my balance,balance_not_updated_after_bank_transfer
How do I order a new card?,card_arrival
`

describe('evaluateReasons', () => {
  it('scores only the mapped categories and reports accuracy, per reason and confusion', () => {
    const e = evaluateReasons(CSV)
    expect(e.n).toBe(5)
    expect(Object.keys(e.perReason).sort()).toEqual([
      'already_paid',
      'duplicate_billing',
      'pricing_error',
      'quantity_discrepancy',
      'unrecognized_charge',
    ])
    const total = Object.values(e.confusion).reduce((n, row) => n + Object.values(row).reduce((a, b) => a + b, 0), 0)
    expect(total).toBe(5)
    expect(e.accuracy).toBeGreaterThanOrEqual(0.8)
  })

  it('returns zero rows for a file with no mapped category', () => {
    expect(evaluateReasons('text,category\nhello,card_arrival\n')).toMatchObject({ n: 0, accuracy: 0 })
  })
})

describe('cfpbReasonTable', () => {
  const csv = readFileSync(new URL('../../../testing/data/cfpb-billing-complaints.csv', import.meta.url), 'utf8')
  const rows = cfpbReasonTable(csv)

  it('gives one readable row per complaint narrative with its own labels beside the prediction', () => {
    expect(rows.length).toBe(91)
    for (const r of rows) {
      expect(r.id).not.toBe('')
      expect(r.issue).not.toBe('')
      expect(r.excerpt.length).toBeLessThanOrEqual(162)
    }
    expect(rows.filter((r) => r.predicted !== null).length).toBeGreaterThan(45)
  })

  it('formats the evaluation and the CFPB rows as Markdown tables', () => {
    const md = formatReasonReport(evaluateReasons(CSV), rows.slice(0, 3))
    expect(md).toContain('| reason | messages | correct | accuracy |')
    expect(md).toContain('| complaint | issue | sub-issue | predicted reason |')
    expect(md.split('\n').filter((l) => l.startsWith('| ')).length).toBe(2 + 5 + 2 + 3)
  })
})
