/**
 * Invariants over generated invoices, evidence and claims (fast-check): the supported amount is
 * bounded by the disputed amount, the classification and action agree with the amounts, and invoice
 * totals recompute from their lines to the minor unit.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { investigate } from './investigate.ts'
import { invoiceFigures } from './invoice-math.ts'
import { type InvoiceLine, parseLedger, REASON_CODES } from './ledger.ts'
import { minorDigits, moneyOf, toDecimal } from './money.ts'
import type { Claim, Evidence } from './resolution.ts'
import { contract, evidence, invoice } from './testing/builders.ts'

const CURRENCIES = ['USD', 'EUR', 'JPY', 'KWD'] as const
const RATES = [undefined, '0', '0.05', '0.0825', '0.1', '0.19'] as const
const SKUS = ['WIDGET', 'SEAT', 'GADGET'] as const

const amountIn = (currency: string, maxUnits: number) =>
  fc
    .integer({ min: 1, max: maxUnits * 10 ** minorDigits(currency) })
    .map((m) => toDecimal({ minor: BigInt(m), currency }))

const lineArb = (currency: string, n: number) =>
  fc
    .record({
      sku: fc.constantFrom(...SKUS),
      quantity: fc.integer({ min: 1, max: 500 }),
      unitPrice: amountIn(currency, 2000),
      taxRate: fc.constantFrom(...RATES),
    })
    .map(({ taxRate, ...l }): InvoiceLine => ({ line: n, ...l, ...(taxRate ? { taxRate } : {}) }))

const scenario = fc.constantFrom(...CURRENCIES).chain((currency) =>
  fc.record({
    currency: fc.constant(currency),
    lines: fc.tuple(lineArb(currency, 1), fc.option(lineArb(currency, 2), { nil: undefined })),
    agreed: amountIn(currency, 2000),
    delivered: fc.integer({ min: 0, max: 500 }),
    damaged: fc.integer({ min: 0, max: 50 }),
    withContract: fc.boolean(),
    withDelivery: fc.boolean(),
    logStatus: fc.constantFrom('rendered', 'partial', 'not_rendered', undefined),
    reason: fc.constantFrom(...REASON_CODES),
    stateFraction: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
    quantityReceived: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
    exempt: fc.boolean(),
    fee: fc.option(amountIn(currency, 100), { nil: undefined }),
  }),
)

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never

function build(s: Scenario) {
  const lines = s.lines.filter((l): l is InvoiceLine => !!l)
  const inv = invoice({
    currency: s.currency,
    lines,
    servicePeriodStart: '2026-02-01',
    servicePeriodEnd: '2026-02-28',
    ...(s.fee ? { fees: [{ type: 'late_fee' as const, amount: s.fee }] } : {}),
  })
  const first = lines[0]!
  const ev: Evidence = evidence({
    invoice: inv,
    customer: { id: 'C-1', name: 'Acme Corp', taxExempt: s.exempt },
    contract: s.withContract
      ? contract({ currency: s.currency, prices: SKUS.map((sku) => ({ sku, unitPrice: s.agreed })) })
      : null,
    purchaseOrders: [],
    deliveries: s.withDelivery
      ? [
          {
            id: 'D-1',
            invoiceNumber: 'INV-1',
            sku: first.sku,
            quantity: s.delivered,
            damagedQuantity: s.damaged,
            deliveredDate: '2026-02-01',
          },
        ]
      : [],
    serviceLogs: s.logStatus
      ? [
          {
            id: 'SL-1',
            customerId: 'C-1',
            invoiceNumber: 'INV-1',
            sku: first.sku,
            periodStart: '2026-02-01',
            periodEnd: '2026-02-28',
            quantity: Math.min(first.quantity, s.delivered),
            status: s.logStatus,
          },
        ]
      : [],
  })
  const total = moneyOf(inv.total!, s.currency)
  const claim: Claim = { invoiceNumber: 'INV-1', reasonCode: s.reason, lines: [1] }
  if (s.stateFraction)
    claim.disputedAmount = toDecimal({
      minor: (total.minor * BigInt(s.stateFraction)) / 1000n || 1n,
      currency: s.currency,
    })
  if (s.quantityReceived !== undefined && (s.reason === 'quantity_discrepancy' || s.reason === 'damaged_goods')) {
    if (s.reason === 'damaged_goods') claim.quantityAffected = Math.min(s.quantityReceived, first.quantity)
    else claim.quantityReceived = s.quantityReceived
  }
  return { ev, claim }
}

const MONEY_MOVES = new Set(['credit_memo', 'write_off', 'goodwill_credit'])

describe('investigation invariants', () => {
  it('0 ≤ supported ≤ disputed, and classification, action and approval agree with the amounts', () => {
    let decided = 0
    fc.assert(
      fc.property(scenario, (s) => {
        const { ev, claim } = build(s)
        const outcome = investigate({ claim, evidence: ev, today: '2026-03-10' })
        if (!outcome.ok) {
          expect(outcome.error.code).toBe('invalid_claim')
          expect(outcome.error.field).toBeTruthy()
          return
        }
        decided += 1
        const d = outcome.decision
        const cur = d.currency
        const disputed = moneyOf(d.disputedAmount, cur).minor
        const supported = moneyOf(d.supportedAmount, cur).minor
        const owed = moneyOf(d.owedAmount, cur).minor
        expect(supported >= 0n && supported <= disputed).toBe(true)
        expect(disputed > 0n && disputed <= moneyOf(d.invoiceTotal, cur).minor).toBe(true)
        expect(owed).toBe(disputed - supported)
        switch (d.classification) {
          case 'valid':
            expect(supported === disputed || (supported === 0n && d.action === 'cancel_and_rebill')).toBe(true)
            break
          case 'partial':
            expect(supported > 0n && supported < disputed).toBe(true)
            break
          case 'invalid':
            expect(supported).toBe(0n)
            break
          case 'needs_info':
            expect(d.action).toBe('request_information')
            expect(d.missingDocuments.length > 0 || d.reasonCode === 'other').toBe(true)
        }
        const writeOff =
          d.classification !== 'valid' && d.classification !== 'needs_info' && owed < moneyOf('50', cur).minor
        expect(d.action === 'write_off').toBe(writeOff)
        expect(d.approval !== null).toBe(MONEY_MOVES.has(d.action))
        if (d.approval) expect(moneyOf(d.approval.amount, cur).minor <= moneyOf(d.openBalance, cur).minor).toBe(true)
        for (const amount of [d.disputedAmount, d.supportedAmount, d.owedAmount]) {
          expect((amount.split('.')[1] ?? '').length).toBe(minorDigits(cur))
        }
      }),
      { numRuns: 400 },
    )
    expect(decided).toBeGreaterThan(100)
  })
})

describe('invoice totals', () => {
  /** Independent arithmetic: integer quantities × minor units, tax per line rounded half-up. */
  function reference(lines: InvoiceLine[], currency: string): bigint {
    const digits = minorDigits(currency)
    return lines.reduce((acc, l) => {
      const [i = '0', f = ''] = l.unitPrice.split('.')
      const price = BigInt(i + f.padEnd(digits, '0'))
      const net = price * BigInt(l.quantity)
      const [ri = '0', rf = ''] = (l.taxRate ?? '0').split('.')
      const den = 10n ** BigInt(rf.length)
      const tax = (net * BigInt(ri + rf) * 2n + den) / (2n * den)
      return acc + net + tax
    }, 0n)
  }

  it('recompute from their lines to the minor unit', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...CURRENCIES)
          .chain((c) => fc.tuple(fc.constant(c), fc.array(lineArb(c, 1), { minLength: 1, maxLength: 6 }))),
        ([currency, raw]) => {
          const lines = raw.map((l, i) => ({ ...l, line: i + 1 }))
          expect(invoiceFigures(invoice({ currency, lines })).total.minor).toBe(reference(lines, currency))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('in every ledger of the eval suite equal the ledger’s stated total', () => {
    const dir = resolve(import.meta.dirname, '../../evals/cases')
    const files = readdirSync(dir).filter((f) => f.endsWith('.ledger.json'))
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      const parsed = parseLedger(JSON.parse(readFileSync(resolve(dir, file), 'utf8')))
      if (!parsed.ok) throw new Error(file)
      for (const inv of parsed.ledger.invoices) {
        if (!inv.total) continue
        const stated = moneyOf(inv.total, inv.currency)
        expect(`${file} ${inv.number} ${toDecimal(invoiceFigures(inv).total)}`).toBe(
          `${file} ${inv.number} ${toDecimal(stated)}`,
        )
      }
    }
  })
})
