/**
 * An invoice's figures recomputed from its lines and fees, with the product's single rounding rule
 * (see money.ts): line net = quantity × unit price, half-up; line tax = net × rate, half-up, per line.
 */
import type { Invoice, InvoiceLine } from './ledger.ts'
import { add, decimal, type Money, moneyOf, multiply, sum, zero } from './money.ts'

export interface LineFigures {
  line: number
  sku: string
  net: Money
  tax: Money
  gross: Money
}

export interface InvoiceFigures {
  currency: string
  lines: LineFigures[]
  net: Money
  tax: Money
  fees: Money
  total: Money
}

export function lineFigures(line: InvoiceLine, currency: string): LineFigures {
  const net = multiply(moneyOf(line.unitPrice, currency), decimal(line.quantity))
  const tax = line.taxRate ? multiply(net, decimal(line.taxRate)) : zero(currency)
  return { line: line.line, sku: line.sku, net, tax, gross: add(net, tax) }
}

/** Whether so many units of the line come to `amount`, with or without the line's tax. */
export function unitsComeTo(line: InvoiceLine, units: number, amount: Money, currency: string): boolean {
  const f = lineFigures({ ...line, quantity: units }, currency)
  return f.net.minor === amount.minor || f.gross.minor === amount.minor
}

export function invoiceFigures(invoice: Invoice): InvoiceFigures {
  const currency = invoice.currency
  const lines = invoice.lines.map((l) => lineFigures(l, currency))
  const net = sum(
    lines.map((l) => l.net),
    currency,
  )
  const tax = sum(
    lines.map((l) => l.tax),
    currency,
  )
  const fees = sum(
    (invoice.fees ?? []).map((f) => moneyOf(f.amount, currency)),
    currency,
  )
  return { currency, lines, net, tax, fees, total: add(add(net, tax), fees) }
}

/**
 * The lines that together come to `amount` for `units` units each, with or without their tax ("30
 * units on both lines, 579.15 with VAT"): the one set of two lines or more, of lines billing at
 * least that many, whose units sum to it. Undefined when no set or several do.
 */
export function linesBillingUnits(invoice: Invoice, units: number, amount: Money): number[] | undefined {
  const pool = invoice.lines.filter((l) => l.quantity >= units).slice(0, 8)
  const parts = pool.map((l) => lineFigures({ ...l, quantity: units }, invoice.currency))
  const found: number[][] = []
  for (let mask = 1; mask < 1 << pool.length; mask++) {
    const chosen = parts.filter((_, i) => mask & (1 << i))
    if (chosen.length < 2) continue
    const net = sum(
      chosen.map((p) => p.net),
      invoice.currency,
    )
    const gross = sum(
      chosen.map((p) => p.gross),
      invoice.currency,
    )
    if (net.minor === amount.minor || gross.minor === amount.minor) found.push(chosen.map((p) => p.line))
  }
  return found.length === 1 ? found[0] : undefined
}

/**
 * The one line, and the one count of its units among the counts said, that come to `amount` with or
 * without the line's tax ("3 × 18.500 = 55.500", "9 crane-days … 2 790,00 zł"): what a claim that
 * names no unit short in words is about. Two units or more. Undefined when no line or several do.
 */
export function unitsComingTo(
  invoice: Invoice,
  amount: Money,
  counts: readonly number[],
  least = 2,
): { line: number; units: number } | undefined {
  const found: { line: number; units: number }[] = []
  for (const l of invoice.lines) {
    for (const units of new Set(counts)) {
      // One unit's amount is the line's own price, which people quote as often as they claim it: only
      // where the caller knows one unit was claimed ("disputing one") may `least` be 1.
      if (!Number.isInteger(units) || units < least || units > l.quantity) continue
      if (unitsComeTo(l, units, amount, invoice.currency)) found.push({ line: l.line, units })
    }
  }
  return found.length === 1 ? found[0] : undefined
}
