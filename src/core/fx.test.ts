import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { convert, rateOn } from './fx.ts'
import type { FxRate } from './ledger.ts'
import { decimal, minorDigits, money, toDecimal } from './money.ts'
import { contract, decide, evidence, invoice } from './testing/builders.ts'

const RATES: FxRate[] = [
  { currency: 'JPY', rate: '0.0070', date: '2025-06-01' },
  { currency: 'JPY', rate: '0.0067', date: '2026-01-01' },
  { currency: 'JPY', rate: '0.0064', date: '2026-03-01' },
  { currency: 'EUR', rate: '1.0850', date: '2026-01-01' },
]

describe('rateOn', () => {
  it.each([
    ['JPY', '2026-02-02', '0.0067'],
    ['JPY', '2026-01-01', '0.0067'],
    ['JPY', '2025-12-31', '0.0070'],
    ['JPY', '2026-03-01', '0.0064'],
    ['JPY', '2025-05-31', null],
    ['EUR', '2026-02-02', '1.0850'],
    ['GBP', '2026-02-02', null],
  ])('takes the latest %s rate on or before %s', (currency, date, rate) => {
    expect(rateOn(RATES, currency, date)?.rate ?? null).toBe(rate)
  })
})

describe('convert', () => {
  it.each([
    ['13000', 'JPY', '0.0067', 'USD', '87.10'],
    ['100.00', 'EUR', '1.0850', 'USD', '108.50'],
    ['0.01', 'USD', '0.5', 'EUR', '0.01'], // 0.005 rounds half-up
    ['0.01', 'USD', '0.4999999999', 'EUR', '0.00'],
    ['87.10', 'USD', '149.25', 'JPY', '13000'], // 12999.675, rounded half-up once
    ['1.000', 'KWD', '3.25', 'USD', '3.25'],
    ['10.00', 'USD', '0.3071', 'KWD', '3.071'],
  ])('converts %s %s at %s into %s exactly', (amount, from, rate, to, expected) => {
    const src = money(decimal(amount).int * 10n ** BigInt(minorDigits(from) - decimal(amount).scale), from)
    expect(toDecimal(convert(src, rate, to))).toBe(expected)
  })

  it('rounds once, half-up, to the target minor unit: the exact product never differs by half a unit or more', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('USD', 'JPY', 'KWD', 'EUR'),
        fc.constantFrom('USD', 'JPY', 'KWD', 'EUR'),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 10 }),
        fc.bigInt({ min: 0n, max: 10n ** 8n }),
        (from, to, minor, scale, rateInt) => {
          const r = { int: rateInt, scale }
          const out = convert(money(minor, from), decimalText(r), to)
          // exact = minor × r.int / 10^(r.scale + df − dt), in target minor units; compare scaled by 2·denominator
          const shift = r.scale + minorDigits(from) - minorDigits(to)
          const num = minor * r.int * (shift < 0 ? 10n ** BigInt(-shift) : 1n)
          const den = shift > 0 ? 10n ** BigInt(shift) : 1n
          const diff = out.minor * den - num // rounded − exact, times den
          expect(out.currency).toBe(to)
          // half-up: −½ < rounded − exact ≤ ½
          expect(2n * diff > -den && 2n * diff <= den).toBe(true)
        },
      ),
    )
  })
})

function decimalText(d: { int: bigint; scale: number }): string {
  const s = d.int.toString().padStart(d.scale + 1, '0')
  return d.scale ? `${s.slice(0, -d.scale)}.${s.slice(-d.scale)}` : s
}

const yen = (patch = {}) =>
  evidence({
    invoice: invoice({
      currency: 'JPY',
      contractId: 'CT-1',
      lines: [{ line: 1, sku: 'WIDGET', description: 'Widget', quantity: 10, unitPrice: '1300' }],
      ...patch,
    }),
    contract: contract({ currency: 'JPY', prices: [{ sku: 'WIDGET', unitPrice: '1300' }] }),
    purchaseOrders: [],
  })

const usdPolicy = {
  escalationAmount: '7500.00',
  writeOffBelow: '50.00',
  approvalLimits: { specialist: '1000.00', lead: '10000.00' },
}

describe('policy amounts are in the company currency', () => {
  it('does not escalate a ¥13,000 dispute against a 7,500.00 USD threshold: 13000 JPY is 87.10 USD', () => {
    const d = decide({ reasonCode: 'damaged_goods', disputedAmount: '13000' }, yen(), {
      companyCurrency: 'USD',
      fxRates: RATES,
      policy: usdPolicy,
    })
    expect(d.escalation.reasons.map((r) => r.code)).not.toContain('amount_threshold')
    expect(d.policyAmount).toEqual({ currency: 'USD', amount: '87.10', rate: '0.0067', rateDate: '2026-01-01' })
    expect(d.disputedAmount).toBe('13000')
  })

  it.each([
    ['escalates when the converted amount reaches the threshold', '1119403', '7500.00', true],
    ['does not escalate just below it', '1119402', '7499.99', false],
  ])('%s (¥%s = %s USD)', (_name, yenAmount, usd, escalated) => {
    const ev = yen({ lines: [{ line: 1, sku: 'WIDGET', quantity: 1, unitPrice: '2000000' }] })
    const d = decide({ reasonCode: 'other', disputedAmount: yenAmount }, ev, {
      companyCurrency: 'USD',
      fxRates: RATES,
      policy: usdPolicy,
    })
    expect(d.policyAmount?.amount).toBe(usd)
    expect(d.escalation.reasons.some((r) => r.code === 'amount_threshold')).toBe(escalated)
    if (escalated)
      expect(d.escalation.reasons.find((r) => r.code === 'amount_threshold')?.detail).toContain(`= ${usd} USD`)
  })

  it('escalates to a lead and says no rate was available when the ledger has none', () => {
    const d = decide({ reasonCode: 'damaged_goods', disputedAmount: '13000' }, yen(), {
      companyCurrency: 'USD',
      fxRates: [{ currency: 'EUR', rate: '1.0850', date: '2026-01-01' }],
      policy: usdPolicy,
    })
    expect(d.escalation.to).toContain('lead')
    expect(d.escalation.reasons.find((r) => r.code === 'no_fx_rate')?.detail).toMatch(/no JPY→USD exchange rate/)
    expect(d.policyAmount).toEqual({ currency: 'USD', amount: null, rate: null, rateDate: null })
  })

  it('compares the write-off threshold in the company currency: ¥5,000 still owed is 33.50 USD, under 50.00', () => {
    const ev = yen()
    const d = decide({ reasonCode: 'pricing_error', disputedAmount: '5000' }, ev, {
      companyCurrency: 'USD',
      fxRates: RATES,
      policy: usdPolicy,
    })
    expect(d.classification).toBe('invalid')
    expect(d.action).toBe('write_off')
    expect(d.rationale.find((r) => r.code === 'write_off_below_threshold')?.detail).toContain('33.50 USD')
  })

  it('picks the approver from the converted credit: ¥200,000 is 1,340.00 USD, above the specialist limit', () => {
    const ev = yen({ lines: [{ line: 1, sku: 'WIDGET', quantity: 100, unitPrice: '3300' }] })
    const d = decide({ reasonCode: 'pricing_error' }, ev, { companyCurrency: 'USD', fxRates: RATES, policy: usdPolicy })
    expect(d.supportedAmount).toBe('200000')
    expect(d.approval).toEqual({ requiredRole: 'lead', amount: '200000' })
  })

  it('reads policy amounts in the invoice currency when no company currency is given (single-currency ledgers)', () => {
    const d = decide({ reasonCode: 'damaged_goods', disputedAmount: '13000' }, yen(), {
      policy: { escalationAmount: '10000' },
    })
    expect(d.policyAmount).toBeUndefined()
    expect(d.escalation.reasons.map((r) => r.code)).toContain('amount_threshold')
  })
})
