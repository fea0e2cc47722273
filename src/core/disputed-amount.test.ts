import { describe, expect, it } from 'vitest'
import { type DisputedInput, disputedAmount } from './disputed-amount.ts'
import { moneyOf, toDecimal } from './money.ts'
import type { Claim } from './resolution.ts'

type Line = DisputedInput['scope']['lines'][number]

/** A claim on an invoice in EUR whose total is all open and which the evidence finds nothing against. */
const disputed = (
  claim: Omit<Claim, 'invoiceNumber'>,
  lines: Line[],
  whole: boolean,
  total: string,
): DisputedInput => ({
  claim: { invoiceNumber: 'INV-1', ...claim },
  scope: { lines, fees: [], whole },
  currency: 'EUR',
  invoiceNumber: 'INV-1',
  invoiceTotal: moneyOf(total, 'EUR'),
  openBalance: moneyOf(total, 'EUR'),
  evidenceNotOwed: moneyOf('0.00', 'EUR'),
})

const visits = { line: 1, sku: 'VISIT', quantity: 4, unitPrice: '120.00', taxRate: '0.10' }
const input = (serviceDates: string[], lines = [visits]) =>
  disputed({ reasonCode: 'service_not_rendered', serviceDates }, lines, false, '528.00')

describe('the amount in dispute when the customer names days a service was missed', () => {
  it('is one unit of the line a day, with its tax', () => {
    const r = disputedAmount(input(['2026-03-03', '2026-03-17']))
    expect(r.ok && toDecimal(r.value.amount)).toBe('264.00')
  })

  it('is not sized from the days when they outnumber what the line bills', () => {
    const days = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']
    const r = disputedAmount(input(days))
    expect(r.ok ? r.value.basis : '').not.toMatch(/day\(s\) named/)
  })

  it('is not sized from the days across several lines', () => {
    const r = disputedAmount(input(['2026-03-03'], [visits, { ...visits, line: 2, sku: 'HOURS' }]))
    expect(r.ok ? r.value.basis : '').not.toMatch(/day\(s\) named/)
  })
})

describe('a count received beside a claim on a whole charge', () => {
  const crates = { line: 1, sku: 'CRATE', quantity: 12, unitPrice: '50.00', taxRate: '0.20' }
  const claim = (reasonCode: 'duplicate_billing' | 'quantity_discrepancy') =>
    disputed({ reasonCode, quantityReceived: 1 }, [crates], true, '720.00')

  it('leaves a duplicate at the whole invoice ("the same crates, only one delivery")', () => {
    const r = disputedAmount(claim('duplicate_billing'))
    expect(r.ok && toDecimal(r.value.amount)).toBe('720.00')
  })

  it('still sizes a shortfall', () => {
    const r = disputedAmount(claim('quantity_discrepancy'))
    expect(r.ok && toDecimal(r.value.amount)).toBe('660.00')
  })
})

describe('a price said beside a claim on a whole charge', () => {
  const licence = { line: 1, sku: 'LIC-Y', quantity: 1, unitPrice: '1500.00' }
  it('leaves a duplicate at the whole invoice ("EUR 1,500.00 each", of the two bills)', () => {
    const r = disputedAmount(
      disputed({ reasonCode: 'duplicate_billing', expectedUnitPrice: '1500.00' }, [licence], true, '1500.00'),
    )
    expect(r.ok && toDecimal(r.value.amount)).toBe('1500.00')
  })
})

describe('a price said with no line named, on an invoice of several lines', () => {
  const crates = { line: 1, sku: 'CRATE', quantity: 100, unitPrice: '52.00', taxRate: '0.20' }
  const haul = { line: 2, sku: 'HAUL', quantity: 1, unitPrice: '400.00', taxRate: '0.20' }
  const input = (expectedUnitPrice: string) =>
    disputed({ reasonCode: 'pricing_error', expectedUnitPrice }, [crates, haul], true, '6720.00')

  it('prices only the line billed a little above it, not one billed at many times it', () => {
    const r = disputedAmount(input('50.00'))
    expect(r.ok && toDecimal(r.value.amount)).toBe('240.00')
  })

  it('finds nothing to size when the price said is what a line bills, and says which lines it tried', () => {
    const r = disputedAmount(input('52.00'))
    expect(r.ok).toBe(false)
    expect(r.ok ? '' : r.error.message).toBe(
      'nothing in dispute on INV-1: no line is billed just above 52.00, so the price difference comes to 0.00',
    )
  })
})

describe('a figure above the invoice in a claim that it was paid', () => {
  const hire = { line: 1, sku: 'HIRE', quantity: 2, unitPrice: '300.00', taxRate: '0.00' }
  it('is the payment (a remittance of several invoices): the open balance is in dispute', () => {
    const r = disputedAmount(
      disputed({ reasonCode: 'already_paid', disputedAmount: '2450.00' }, [hire], true, '600.00'),
    )
    expect(r.ok && toDecimal(r.value.amount)).toBe('600.00')
  })

  it('is the payment of the whole invoice when part of it is still open: the open balance is in dispute', () => {
    const r = disputedAmount({
      ...disputed({ reasonCode: 'already_paid', disputedAmount: '600.00' }, [hire], true, '600.00'),
      openBalance: moneyOf('150.00', 'EUR'),
    })
    expect(r.ok && [toDecimal(r.value.amount), r.value.basis]).toEqual(['150.00', 'the open balance'])
  })

  it('is the part said paid when it is less than what is open', () => {
    const r = disputedAmount({
      ...disputed({ reasonCode: 'already_paid', disputedAmount: '100.00' }, [hire], true, '600.00'),
      openBalance: moneyOf('150.00', 'EUR'),
    })
    expect(r.ok && toDecimal(r.value.amount)).toBe('100.00')
  })

  it('is still refused when the claim is not that it was paid', () => {
    const r = disputedAmount(
      disputed({ reasonCode: 'pricing_error', disputedAmount: '2450.00' }, [hire], true, '600.00'),
    )
    expect(r.ok).toBe(false)
  })
})

describe('a count claimed again after part of it was credited', () => {
  const crates = { line: 1, sku: 'CRATE', quantity: 90, unitPrice: '12.00', taxRate: '0.00' }
  it('is in dispute less what was already credited ("30 cracked in all, 12 credited")', () => {
    const input = {
      ...disputed({ reasonCode: 'damaged_goods', quantityAffected: 30 }, [crates], false, '1080.00'),
      alreadyCredited: moneyOf('144.00', 'EUR'),
    }
    const r = disputedAmount(input)
    expect(r.ok && toDecimal(r.value.amount)).toBe('216.00')
  })
})

describe('units affected beside a claim on the invoice as a document', () => {
  const day = { line: 1, sku: 'ENG-DAY', quantity: 1, unitPrice: '400.00' }
  const locks = { line: 2, sku: 'LOCK', quantity: 4, unitPrice: '50.00' }

  it('a missing PO is the whole invoice, whatever one unit was said ("it\'s the other bill that\'s missing one")', () => {
    const r = disputedAmount(disputed({ reasonCode: 'missing_po', quantityAffected: 1 }, [day, locks], true, '600.00'))
    expect(r.ok && toDecimal(r.value.amount)).toBe('600.00')
  })
})
