/**
 * Reads the fields of one export row through the mapping, recording each problem with the row and
 * the column header, and turns a row into an invoice line with the one rounding rule.
 */
import { addDays } from '../../core/dates.ts'
import type { InvoiceLine } from '../../core/ledger.ts'
import { type Decimal, decimalToString } from '../../core/money.ts'
import {
  type DateOrder,
  decimalToNumber,
  exactAmount,
  lineAmount,
  negate,
  readAmount,
  readDate,
  readDecimal,
} from './cells.ts'
import type { CsvIssue, CsvRow } from './csv-rows.ts'
import type { CsvField, ResolvedColumns } from './mappings.ts'

export interface RowContext {
  dateOrder: DateOrder
  taxCodes: Readonly<Record<string, string>>
}

const EXEMPT =
  /^(-?\s*)?(exempt|non[- ]?taxable|not taxable|non|none|out of scope|e|n|z|zero|0%?|tax exempt|-not taxable-)\s*-?$/i

export function rowReader(row: CsvRow, columns: ResolvedColumns, ctx: RowContext, errors: CsvIssue[]) {
  const text = (field: CsvField): string => {
    const col = columns[field]
    return col ? (row.cells[col.index] ?? '').trim() : ''
  }
  const problem = (field: CsvField, message: string): void => {
    errors.push({ row: row.row, column: columns[field]?.header ?? field, message })
  }
  const date = (field: CsvField, required: boolean): string | undefined => {
    const t = text(field)
    if (!t) {
      if (required) problem(field, 'is empty')
      return undefined
    }
    const d = readDate(t, ctx.dateOrder)
    if (!d.ok) problem(field, d.problem)
    return d.ok ? d.value : undefined
  }
  const amount = (field: CsvField, currency: string, required: boolean): string | undefined => {
    const t = text(field)
    if (!t) {
      if (required) problem(field, 'is empty')
      return undefined
    }
    const a = readAmount(t, currency)
    if (!a.ok) problem(field, a.problem)
    return a.ok ? a.value : undefined
  }
  const dueDate = (issue: string | undefined): string | undefined => {
    if (text('dueDate')) return date('dueDate', true)
    const terms = text('terms')
    const net = /(\d+)/.exec(terms)
    if (issue && net) return addDays(issue, Number(net[1]))
    if (issue && /receipt|immediate|cod/i.test(terms)) return issue
    problem(
      'dueDate',
      terms
        ? `is empty and the terms "${terms}" give no number of days`
        : 'is empty and there are no terms to derive it from',
    )
    return undefined
  }
  const taxRate = (): string | undefined | null => {
    const rate = text('taxRate')
    if (rate) {
      const d = readDecimal(rate.replace('%', ''))
      if (!d.ok) {
        problem('taxRate', d.problem)
        return null
      }
      // "8.25%" and "8.25" are percentages; "0.0825" is already a fraction.
      const isPercent = rate.includes('%') || decimalToNumber(d.value) >= 1
      const frac = isPercent ? { int: d.value.int, scale: d.value.scale + 2 } : d.value
      return frac.int === 0n ? undefined : decimalToString(frac)
    }
    const code = text('taxCode')
    if (!code) return undefined
    const mapped = ctx.taxCodes[code]
    if (mapped !== undefined) return Number(mapped) === 0 ? undefined : mapped
    if (EXEMPT.test(code)) return undefined
    const pct = /(\d+(?:\.\d+)?)\s*%/.exec(code)
    if (pct?.[1]) {
      const d = readDecimal(pct[1])
      if (d.ok && d.value.int !== 0n) return decimalToString({ int: d.value.int, scale: d.value.scale + 2 })
      return undefined
    }
    problem('taxCode', `unknown tax code "${code}": add its rate to the mapping's taxCodes`)
    return null
  }

  /** The row as an invoice line (line number set by the caller), or undefined after recording why not. */
  const line = (currency: string): Omit<InvoiceLine, 'line'> | undefined => {
    const qtyText = text('quantity')
    const rateText = text('unitPrice')
    const amountText = text('amount')
    let qty: Decimal | undefined = { int: 1n, scale: 0 }
    if (qtyText) {
      const q = readDecimal(qtyText)
      qty = q.ok ? q.value : undefined
      if (!q.ok) problem('quantity', q.problem)
    }
    let price: Decimal | undefined
    if (rateText) {
      const p = readDecimal(rateText.replace('%', ''))
      if (!p.ok) problem('unitPrice', p.problem)
      else price = p.value
    }
    const amt = amountText ? amount('amount', currency, false) : undefined
    const tax = taxRate()
    if (!qty || tax === null || (rateText && !price) || (amountText && amt === undefined)) return undefined
    const sku = text('sku') || 'MISC'
    const words = text('description') || text('memo') || undefined
    if (!price) {
      if (!amt) {
        problem(columns.unitPrice ? 'unitPrice' : 'amount', 'is empty: a line needs a rate or an amount')
        return undefined
      }
      // Without a rate the amount is the line: one unit at that amount keeps it exact.
      const desc = qtyText ? `${words ?? sku} (qty ${qtyText})` : words
      return compact({ sku, description: desc, quantity: 1, unitPrice: amt, taxRate: tax })
    }
    const computed = lineAmount(qty, price, currency)
    if (amt !== undefined && amt !== computed) {
      problem('amount', `${amt} is not quantity × rate (${decimalToString(qty)} × ${rateText} = ${computed})`)
      return undefined
    }
    const exact = exactAmount(price, currency)
    if (exact === null) {
      // A rate finer than the currency: the line keeps its exact, once-rounded amount as one unit.
      const desc = `${words ?? sku} (${decimalToString(qty)} × ${decimalToString(price)})`
      return compact({ sku, description: desc, quantity: 1, unitPrice: computed, taxRate: tax })
    }
    const negQty = qty.int < 0n
    return {
      sku,
      description: words,
      quantity: decimalToNumber(negQty ? negate(qty) : qty),
      unitPrice: negQty ? flip(exact) : exact,
      ...(tax ? { taxRate: tax } : {}),
    }
  }
  return { text, problem, date, amount, dueDate, line }
}

const flip = (amount: string): string => (amount.startsWith('-') ? amount.slice(1) : `-${amount}`)

/** Leaves out the optional fields that have no value, so the ledger JSON stays clean. */
function compact(l: {
  sku: string
  description: string | undefined
  quantity: number
  unitPrice: string
  taxRate: string | undefined
}): Omit<InvoiceLine, 'line'> {
  const { taxRate, description, ...rest } = l
  return { ...rest, ...(description ? { description } : {}), ...(taxRate ? { taxRate } : {}) }
}
