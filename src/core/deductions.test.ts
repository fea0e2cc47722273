import { describe, expect, it } from 'vitest'
import {
  customerCode,
  type Deduction,
  type DeductionCodes,
  deductionClaim,
  deductionReason,
  type ReadReason,
} from './deductions.ts'

const table: DeductionCodes = {
  codes: { SH: 'quantity_discrepancy', PRICE: 'other', 'PRICE DIFF': 'pricing_error', '07': 'damaged_goods' },
  customers: { 'C-9': { SH: 'service_not_rendered' } },
}

const deduction = (reasonText: string, customerId = 'C-1'): Deduction => ({
  paymentId: 'PAY-1',
  paymentReference: 'ACH-77',
  paymentDate: '2026-03-02',
  customerId,
  invoiceNumber: 'INV-1',
  currency: 'USD',
  paid: '680.00',
  deducted: '320.00',
  reasonText,
})

/** A stand-in for the chat's classifier: it knows one word, so a test can tell which path read the reason. */
const read: ReadReason = (text) =>
  /damag/i.test(text) ? { code: 'damaged_goods', confidence: 0.97 } : { code: null, confidence: 0.3 }

describe('customer reason codes', () => {
  it.each([
    ['SH 4 CTNS', 'C-1', 'SH', 'quantity_discrepancy'],
    ['sh  4 ctns', 'C-1', 'SH', 'quantity_discrepancy'],
    ['PRICE DIFF 0.50/EA', 'C-1', 'PRICE DIFF', 'pricing_error'],
    ['PRICE ADJ', 'C-1', 'PRICE', 'other'],
    ['07-damaged', 'C-1', '07', 'damaged_goods'],
    ['SH missed visit', 'C-9', 'SH', 'service_not_rendered'],
  ] as const)('reads "%s" (customer %s) as code %s → %s', (text, customer, code, reason) => {
    expect(customerCode(text, customer, table)).toEqual({ customerCode: code, reasonCode: reason })
  })

  it.each([['SHIPPED LATE'], ['0712 damaged'], [''], ['   ']])('finds no code in "%s"', (text) => {
    expect(customerCode(text, 'C-1', table)).toBeNull()
  })
})

describe('the reason of a deduction', () => {
  it.each([
    ['SH 4 CTNS', { by: 'code', reasonCode: 'quantity_discrepancy', customerCode: 'SH' }],
    ['12 DAMAGED', { by: 'text', reasonCode: 'damaged_goods', confidence: 0.97 }],
    ['ZZ 12 damaged units', { by: 'text', reasonCode: 'damaged_goods', confidence: 0.97 }],
    ['see email', { by: 'none', reasonCode: 'other' }],
    ['', { by: 'none', reasonCode: 'other' }],
  ] as const)('"%s" is read %o', (text, expected) => {
    expect(deductionReason(deduction(text), table, read)).toEqual(expected)
  })

  it('never asks the classifier when the table maps the code', () => {
    const never: ReadReason = () => {
      throw new Error('classifier called')
    }
    expect(deductionReason(deduction('SH 4'), table, never).reasonCode).toBe('quantity_discrepancy')
  })

  it('claims the deducted amount on the remitted invoice, with the customer words and how they were read', () => {
    const d = deduction('SH 4 CTNS')
    const claim = deductionClaim(d, deductionReason(d, table, read))
    expect(claim).toEqual({
      invoiceNumber: 'INV-1',
      reasonCode: 'quantity_discrepancy',
      disputedAmount: '320.00',
      description:
        'Deduction of 320.00 USD on payment PAY-1 (ref ACH-77) of 2026-03-02: "SH 4 CTNS"; customer code SH → quantity_discrepancy.',
    })
  })
})
