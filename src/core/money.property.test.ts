/**
 * Money invariants over generated disputes (fast-check), across currencies and a company currency
 * that differs from the invoice's: what the core says may be credited never exceeds what the evidence
 * supports, and a threshold comparison converts the amount once, half-up.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { investigate } from './investigate.ts'
import { decimal, minorDigits, moneyOf, toDecimal } from './money.ts'
import { contract, evidence, invoice, TODAY } from './testing/builders.ts'

const CURRENCIES = ['USD', 'EUR', 'JPY', 'KWD'] as const
const REASONS = ['pricing_error', 'quantity_discrepancy', 'damaged_goods', 'other'] as const

const amount = (currency: string, maxUnits: number) =>
  fc
    .integer({ min: 1, max: maxUnits * 10 ** minorDigits(currency) })
    .map((m) => toDecimal({ minor: BigInt(m), currency }))

const scenario = fc
  .record({ currency: fc.constantFrom(...CURRENCIES), company: fc.constantFrom(...CURRENCIES) })
  .chain(({ currency, company }) =>
    fc.record({
      currency: fc.constant(currency),
      company: fc.constant(company),
      price: amount(currency, 5000),
      agreed: amount(currency, 5000),
      quantity: fc.integer({ min: 1, max: 300 }),
      delivered: fc.integer({ min: 0, max: 300 }),
      damaged: fc.integer({ min: 0, max: 50 }),
      reason: fc.constantFrom(...REASONS),
      stated: fc.option(amount(currency, 50000), { nil: undefined }),
      rate: fc.option(
        fc.tuple(fc.integer({ min: 1, max: 10 ** 8 }), fc.integer({ min: 0, max: 10 })).map(([int, scale]) => {
          const s = String(int).padStart(scale + 1, '0')
          return scale ? `${s.slice(0, -scale)}.${s.slice(-scale)}` : s
        }),
        { nil: undefined },
      ),
    }),
  )

describe('money invariants of the core', () => {
  it('never offers to credit more than the supported amount, nor supports more than is disputed', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const ev = evidence({
          invoice: invoice({
            currency: s.currency,
            lines: [{ line: 1, sku: 'WIDGET', quantity: s.quantity, unitPrice: s.price }],
          }),
          contract: contract({ currency: s.currency, prices: [{ sku: 'WIDGET', unitPrice: s.agreed }] }),
          deliveries: [
            {
              id: 'D-1',
              invoiceNumber: 'INV-1',
              sku: 'WIDGET',
              quantity: s.delivered,
              damagedQuantity: s.damaged,
              deliveredDate: '2026-02-01',
            },
          ],
        })
        const out = investigate({
          claim: { invoiceNumber: 'INV-1', reasonCode: s.reason, ...(s.stated ? { disputedAmount: s.stated } : {}) },
          evidence: ev,
          today: TODAY,
          companyCurrency: s.company,
          fxRates: s.rate ? [{ currency: s.currency, rate: s.rate, date: '2026-01-01' }] : [],
        })
        if (!out.ok) return // a stated amount above the invoice is refused, not decided
        const d = out.decision
        const m = (t: string) => moneyOf(t, s.currency).minor
        expect(m(d.supportedAmount)).toBeGreaterThanOrEqual(0n)
        expect(m(d.supportedAmount)).toBeLessThanOrEqual(m(d.disputedAmount))
        expect(m(d.owedAmount)).toBe(m(d.disputedAmount) - m(d.supportedAmount))
        if (d.action === 'credit_memo') expect(m(d.approval?.amount ?? '0')).toBeLessThanOrEqual(m(d.supportedAmount))
        if (d.approval) expect(m(d.approval.amount)).toBeLessThanOrEqual(m(d.openBalance))
        if (s.currency === s.company) expect(d.policyAmount).toBeUndefined()
        else if (!s.rate) expect(d.escalation.reasons.map((r) => r.code)).toContain('no_fx_rate')
        else {
          // Rounded once, half-up: |converted − exact| ≤ ½ minor unit of the company currency.
          const r = decimal(s.rate)
          const shift = r.scale + minorDigits(s.currency) - minorDigits(s.company)
          const exactNum = m(d.disputedAmount) * r.int * (shift < 0 ? 10n ** BigInt(-shift) : 1n)
          const den = shift > 0 ? 10n ** BigInt(shift) : 1n
          const converted = moneyOf(d.policyAmount?.amount ?? 'x', s.company).minor
          const diff2 = 2n * (converted * den - exactNum)
          expect(diff2 > -den && diff2 <= den).toBe(true)
        }
      }),
      { numRuns: 300 },
    )
  })
})
