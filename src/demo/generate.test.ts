import { describe, expect, it } from 'vitest'
import { invoiceFigures } from '../core/invoice-math.ts'
import { parseLedger, REASON_CODES } from '../core/ledger.ts'
import { moneyOf, toDecimal } from '../core/money.ts'
import { generateDemo } from './generate.ts'

describe('generateDemo', () => {
  // Generation time is a figure, not a test (it varies with the machine's load): bench:turn prints start-up.
  const demo = generateDemo({ seed: 42, today: '2026-11-23' })
  const { ledger, manifest } = demo

  it('is deterministic: the same seed gives a deep-equal demo, another seed a different one', () => {
    expect(generateDemo({ seed: 42, today: '2026-11-23' })).toEqual(demo)
    const other = generateDemo({ seed: 7, today: '2026-11-23' })
    expect(other.ledger.customers.map((c) => c.name)).not.toEqual(ledger.customers.map((c) => c.name))
    expect(parseLedger(other.ledger).ok).toBe(true)
  })

  it('passes parseLedger and every invoice total equals its lines, tax and fees', () => {
    const parsed = parseLedger(ledger)
    expect(parsed.ok ? [] : parsed.errors.slice(0, 5)).toEqual([])
    for (const inv of ledger.invoices) expect(inv.total).toBe(toDecimal(invoiceFigures(inv).total))
  })

  it('has 50+ customers across segments and industries, some strategic and some tax exempt', () => {
    const { customers } = ledger
    expect(customers.length).toBeGreaterThanOrEqual(50)
    expect(new Set(customers.map((c) => c.segment))).toEqual(new Set(['enterprise', 'mid_market', 'smb']))
    expect(new Set(customers.map((c) => c.industry)).size).toBeGreaterThanOrEqual(6)
    expect(customers.some((c) => c.strategic)).toBe(true)
    expect(customers.some((c) => c.taxExempt)).toBe(true)
    expect(new Set(customers.map((c) => c.id)).size).toBe(customers.length)
  })

  it('has contracts with and without PO rules and late-fee clauses, some ended', () => {
    const contracts = ledger.contracts ?? []
    expect(contracts.some((c) => c.poRequired)).toBe(true)
    expect(contracts.some((c) => !c.poRequired)).toBe(true)
    expect(contracts.some((c) => c.lateFee && (c.lateFee.graceDays ?? 0) > 0)).toBe(true)
    expect(contracts.some((c) => c.lateFee === null)).toBe(true)
    expect(contracts.some((c) => c.endDate && c.endDate < '2026-11-23')).toBe(true)
  })

  it('has 2,000+ invoices over eighteen months numbered like an ERP, with deliveries, service logs and payments', () => {
    const { invoices } = ledger
    expect(invoices.length).toBeGreaterThanOrEqual(2000)
    expect(invoices[0]?.number).toBe('INV-100234')
    expect(new Set(invoices.map((i) => i.number)).size).toBe(invoices.length)
    const dates = invoices.map((i) => i.issueDate).sort()
    expect(dates[0]).toBe('2025-06-01')
    expect((dates.at(-1) ?? '') < '2026-11-23').toBe(true)
    expect(invoices.some((i) => i.lines.some((l) => l.taxRate))).toBe(true)
    expect(invoices.some((i) => i.fees?.some((f) => f.type === 'freight'))).toBe(true)
    expect(ledger.deliveries?.length).toBeGreaterThan(1000)
    expect(ledger.serviceLogs?.length).toBeGreaterThan(500)
    expect(ledger.payments?.length).toBeGreaterThan(1500)
  })

  it('plants defects of every reason code, each on a real invoice with an expected outcome', () => {
    const planted = new Set(manifest.map((m) => m.reasonCode))
    expect([...planted].sort()).toEqual(REASON_CODES.filter((r) => r !== 'other').sort())
    const byNumber = new Map(ledger.invoices.map((i) => [i.number, i]))
    for (const m of manifest) {
      const inv = byNumber.get(m.invoiceNumber)
      expect(inv, m.invoiceNumber).toBeDefined()
      const supported = moneyOf(m.expected.supportedAmount, 'USD').minor
      expect(supported).toBeLessThanOrEqual(moneyOf(m.expected.disputedAmount, 'USD').minor)
      if (m.expected.classification === 'invalid') expect(supported).toBe(0n)
    }
  })

  it('leaves the evidence for each planted defect in the ledger', () => {
    const customerOf = new Map(ledger.invoices.map((i) => [i.number, i.customerId]))
    const exempt = new Set(ledger.customers.filter((c) => c.taxExempt).map((c) => c.id))
    for (const m of manifest) {
      if (m.reasonCode === 'quantity_discrepancy' && m.expected.classification === 'valid') {
        const d = ledger.deliveries?.find((x) => x.invoiceNumber === m.invoiceNumber && x.sku === m.sku)
        const l = ledger.invoices.find((i) => i.number === m.invoiceNumber)?.lines.find((x) => x.sku === m.sku)
        expect(d && l && d.quantity < l.quantity).toBe(true)
      }
      if (m.reasonCode === 'already_paid' && m.expected.action === 'apply_payment') {
        const p = ledger.payments?.find((x) => x.reference === `Remittance for ${m.invoiceNumber}`)
        expect(p?.invoiceNumber).toBeNull()
      }
      if (m.reasonCode === 'tax_error') expect(exempt.has(customerOf.get(m.invoiceNumber) ?? '')).toBe(true)
      if (m.reasonCode === 'service_not_rendered') {
        expect(
          ledger.serviceLogs?.some((s) => s.invoiceNumber === m.invoiceNumber && s.status === 'not_rendered'),
        ).toBe(true)
      }
    }
  })

  it('has 500+ varied past disputes where a few customers dispute far more than the rest', () => {
    const disputes = ledger.pastDisputes ?? []
    expect(disputes.length).toBeGreaterThanOrEqual(500)
    expect(new Set(disputes.map((d) => d.description)).size).toBeGreaterThan(disputes.length * 0.9)
    for (const reason of REASON_CODES) {
      const texts = new Set(disputes.filter((d) => d.reasonCode === reason).map((d) => d.description))
      expect(texts.size, reason).toBeGreaterThan(3)
    }
    const perCustomer = new Map<string, number>()
    for (const d of disputes) perCustomer.set(d.customerId, (perCustomer.get(d.customerId) ?? 0) + 1)
    const counts = [...perCustomer.values()].sort((a, b) => b - a)
    const top5 = counts.slice(0, 5).reduce((s, n) => s + n, 0)
    expect(top5).toBeGreaterThan(disputes.length * 0.3)
    expect(new Set(disputes.map((d) => d.action)).size).toBeGreaterThanOrEqual(5)
    expect(disputes.some((d) => d.escalated)).toBe(true)
    expect(new Set(disputes.map((d) => d.csat)).size).toBe(5)
    const invoiceNumbers = new Set(ledger.invoices.map((i) => i.number))
    expect(disputes.every((d) => d.invoiceNumber && invoiceNumbers.has(d.invoiceNumber))).toBe(true)
  })

  it('makes root causes recur within one department', () => {
    const disputes = ledger.pastDisputes ?? []
    const pairs = new Map<string, number>()
    for (const d of disputes)
      pairs.set(`${d.rootCause}|${d.department}`, (pairs.get(`${d.rootCause}|${d.department}`) ?? 0) + 1)
    const top = [...pairs.entries()].sort((a, b) => b[1] - a[1])[0]
    expect(top?.[1]).toBeGreaterThanOrEqual(25)
  })
})
