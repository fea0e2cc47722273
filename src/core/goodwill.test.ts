import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type GoodwillShareInput, goodwillShare } from './goodwill.ts'
import { cmp, minorDigits, moneyOf, toDecimal } from './money.ts'
import { invoice } from './testing/builders.ts'

// INV-1: 100 × 14.00 (1,400.00) and 3 × 19.99 at 8.25 % tax (64.92): 1,464.92 in all.
const inv = invoice({
  lines: [
    { line: 1, sku: 'WIDGET', quantity: 100, unitPrice: '14.00' },
    { line: 2, sku: 'BRACKET', quantity: 3, unitPrice: '19.99', taxRate: '0.0825' },
  ],
})
const usd = (s: string) => moneyOf(s, 'USD')
const input = (patch: Partial<GoodwillShareInput>): GoodwillShareInput => ({
  percent: '10',
  of: 'invoice',
  invoice: inv,
  disputed: usd('300.00'),
  owed: usd('300.00'),
  openBalance: usd('1464.92'),
  ...patch,
})

describe('a goodwill credit as a percentage', () => {
  it.each([
    ['10 % of the invoice', { percent: '10' }, '146.49', false],
    ['12.5 % of the invoice (a number)', { percent: 12.5 }, '183.12', false],
    ['0.01 % of the invoice rounds half-up once', { percent: '0.01' }, '0.15', false],
    ['10 % of line 2, tax included', { percent: '10', of: 'line', line: 2 }, '6.49', false],
    ['50 % of the amount in dispute', { percent: '50', of: 'disputed' }, '150.00', false],
    ['30 % of the invoice is capped at what is still owed', { percent: '30' }, '300.00', true],
    ['capped by the open balance when it is lower', { percent: '10', openBalance: usd('100.00') }, '100.00', true],
    ['a partly valid dispute: capped at disputed − supported', { percent: '20', owed: usd('120.00') }, '120.00', true],
  ] as const)('%s', (_name, patch, expected, capped) => {
    const r = goodwillShare(input(patch as Partial<GoodwillShareInput>))
    if (!r.ok) throw new Error(r.error.message)
    expect(toDecimal(r.amount)).toBe(expected)
    expect(r.capped).toBe(capped)
  })

  it('rounds in the invoice currency: JPY has no minor unit', () => {
    const yen = invoice({ currency: 'JPY', lines: [{ line: 1, sku: 'W', quantity: 1, unitPrice: '13005' }] })
    const r = goodwillShare(
      input({
        invoice: yen,
        disputed: moneyOf('13005', 'JPY'),
        owed: moneyOf('13005', 'JPY'),
        openBalance: moneyOf('13005', 'JPY'),
      }),
    )
    expect(r.ok && toDecimal(r.amount)).toBe('1301')
  })

  it('says what it computed, and why it capped', () => {
    const r = goodwillShare(input({ percent: '30' }))
    expect(r.ok && r.detail).toBe(
      '30 % of the invoice total 1464.92 USD = 439.48 USD, capped at 300.00 USD: the most the policy allows (what is still owed of the disputed amount, within the open balance)',
    )
  })

  it.each([
    ['0 %', { percent: '0' }, 'invalid_percent', 'percent'],
    ['more than 100 %', { percent: '100.5' }, 'invalid_percent', 'percent'],
    ['five decimals', { percent: '1.00001' }, 'invalid_percent', 'percent'],
    ['a share that rounds to nothing', { percent: '0.0001', of: 'line', line: 2 }, 'invalid_percent', 'percent'],
    ['a line the invoice does not have', { of: 'line', line: 9 }, 'no_such_line', 'line'],
    ['a line not named', { of: 'line' }, 'no_such_line', 'line'],
    ['nothing owed of the disputed amount', { owed: usd('0.00') }, 'outside_policy', 'percent'],
    ['a settled invoice', { openBalance: usd('0.00') }, 'outside_policy', 'percent'],
  ] as const)('refuses %s', (_name, patch, code, field) => {
    expect(goodwillShare(input(patch as Partial<GoodwillShareInput>))).toMatchObject({
      ok: false,
      error: { code, field },
    })
  })
})

describe('goodwill share invariants', () => {
  const CURRENCIES = ['USD', 'JPY', 'KWD'] as const
  it('never exceeds the cap, and below it is base × percent / 100 rounded half-up once', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CURRENCIES),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (cur, total, pctTenThousandths, owed, open) => {
          const amt = (minor: number) => toDecimal({ minor: BigInt(minor), currency: cur })
          const inv = invoice({ currency: cur, lines: [{ line: 1, sku: 'W', quantity: 1, unitPrice: amt(total) }] })
          const percent = toDecimal({ minor: BigInt(pctTenThousandths), currency: 'CLF' }) // 4 decimals
          const r = goodwillShare({
            percent,
            of: 'invoice',
            invoice: inv,
            disputed: moneyOf(amt(owed), cur),
            owed: moneyOf(amt(owed), cur),
            openBalance: moneyOf(amt(open), cur),
          })
          if (!r.ok) {
            expect(['outside_policy', 'invalid_percent']).toContain(r.error.code)
            return
          }
          // Exact: total × p/10^4 % in minor units = total × p / 10^6, half-up.
          const num = BigInt(total) * BigInt(pctTenThousandths)
          const q = num / 1_000_000n + ((num % 1_000_000n) * 2n >= 1_000_000n ? 1n : 0n)
          expect(r.share.minor).toBe(q)
          expect(cmp(r.amount, r.cap)).toBeLessThanOrEqual(0)
          expect(r.amount.minor).toBe(q < r.cap.minor ? q : r.cap.minor)
          expect(minorDigits(r.amount.currency)).toBe(minorDigits(cur))
        },
      ),
      { numRuns: 500 },
    )
  })
})
