import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type GroupLine, groupTotals, monthRange, sumByCurrency } from './dispute-group.ts'
import { minorDigits, toDecimal } from './money.ts'

const line = (
  invoiceNumber: string,
  currency: string,
  disputed: string,
  supported: string,
  owed: string,
): GroupLine => ({
  invoiceNumber,
  reasonCode: 'pricing_error',
  classification: 'partial',
  action: 'credit_memo',
  currency,
  disputedAmount: disputed,
  supportedAmount: supported,
  owedAmount: owed,
})

describe('group totals', () => {
  it.each([
    ['none', [], []],
    [
      'one currency, added exactly',
      [line('A', 'USD', '150.10', '150.10', '0.00'), line('B', 'USD', '0.20', '0.00', '0.20')],
      [{ currency: 'USD', invoices: 2, disputed: '150.30', supported: '150.10', owed: '0.20' }],
    ],
    [
      'several currencies apart, in first-seen order, each with its digits',
      [
        line('A', 'JPY', '13000', '13000', '0'),
        line('B', 'USD', '10.00', '5.00', '5.00'),
        line('C', 'JPY', '7', '0', '7'),
      ],
      [
        { currency: 'JPY', invoices: 2, disputed: '13007', supported: '13000', owed: '7' },
        { currency: 'USD', invoices: 1, disputed: '10.00', supported: '5.00', owed: '5.00' },
      ],
    ],
  ] as const)('%s', (_name, lines, totals) => {
    expect(groupTotals(lines)).toEqual(totals)
  })

  it('the total supported is the sum of the lines, and never more than the total disputed when no line is', () => {
    const cur = fc.constantFrom('USD', 'JPY', 'KWD')
    fc.assert(
      fc.property(
        cur,
        fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 12n })), {
          maxLength: 50,
        }),
        (c, pairs) => {
          const lines = pairs.map(([a, b], i) => {
            const [supported, disputed] = a <= b ? [a, b] : [b, a]
            const d = (minor: bigint) => toDecimal({ minor, currency: c })
            return line(`I-${i}`, c, d(disputed), d(supported), d(disputed - supported))
          })
          const [t] = groupTotals(lines)
          expect(t === undefined).toBe(lines.length === 0)
          if (!t) return
          const minor = (s: string) => BigInt(s.replace('.', ''))
          const sum = (k: 'disputedAmount' | 'supportedAmount') => lines.reduce((n, l) => n + minor(l[k]), 0n)
          expect(minor(t.supported)).toBe(sum('supportedAmount'))
          expect(minor(t.disputed)).toBe(sum('disputedAmount'))
          expect(minor(t.supported) <= minor(t.disputed)).toBe(true)
          expect(minor(t.supported) + minor(t.owed)).toBe(minor(t.disputed))
          expect(t.disputed.split('.')[1]?.length ?? 0).toBe(minorDigits(c))
        },
      ),
    )
  })
})

describe('amounts by currency', () => {
  it('adds exactly per currency and counts, never across currencies', () => {
    expect(
      sumByCurrency([
        { currency: 'USD', amount: '0.10' },
        { currency: 'KWD', amount: '1.005' },
        { currency: 'USD', amount: '0.20' },
      ]),
    ).toEqual([
      { currency: 'USD', amount: '0.30', count: 2 },
      { currency: 'KWD', amount: '1.005', count: 1 },
    ])
  })
})

describe('a month as a period', () => {
  it.each([
    ['2026-03', '2026-03-01', '2026-03-31'],
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2028-02', '2028-02-01', '2028-02-29'],
    ['2026-12', '2026-12-01', '2026-12-31'],
  ])('%s is %s to %s', (month, from, to) => {
    expect(monthRange(month)).toEqual({ from, to })
  })
})
