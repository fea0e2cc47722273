/**
 * The UCI "Online Retail" export (InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice,
 * CustomerID, Country) → a GBP ledger. The rules, stated in docs/import.md:
 * - rows sharing an InvoiceNo are one invoice; the data has no due date or terms, so due = issue date;
 * - rows without a CustomerID belong to one "unidentified customer" so their sales still count;
 * - a negative quantity on an ordinary invoice is a stock adjustment, not a sale: skipped, reported;
 * - an InvoiceNo starting with "C" is a cancellation: each of its lines credits the same customer's most
 *   recent earlier invoice line with the same StockCode, up to what that line billed; what finds no
 *   such line (or no customer) is reported as unmatched, never credited blindly;
 * - a unit price with more decimals than GBP allows becomes one unit at quantity × price rounded
 *   half-up once (the product's rule), with the original quantity and price kept in the description.
 */
import { type CreditMemo, type Customer, type Invoice, LEDGER_FORMAT, type Ledger } from '../../core/ledger.ts'
import { type Decimal, decimalToString, money, toDecimal } from '../../core/money.ts'
import { invoiceFigures } from '../../core/invoice-math.ts'
import { decimalToNumber, exactAmount, lineAmount, negate, readDate, readDecimal } from './cells.ts'
import { type CsvIssue, checkedLedger, readCsv } from './csv-rows.ts'

const CURRENCY = 'GBP'
export const UCI_GUEST_ID = 'UCI-GUEST'
const HEADERS = [
  'InvoiceNo',
  'StockCode',
  'Description',
  'Quantity',
  'InvoiceDate',
  'UnitPrice',
  'CustomerID',
  'Country',
] as const

export type UnmatchedReason = 'no_customer' | 'no_earlier_invoice' | 'exceeds_billed'

export interface UciReport {
  rows: number
  invoices: number
  lines: number
  customers: number
  /** Invoices of rows without a CustomerID, kept under the unidentified customer. */
  guestInvoices: number
  cancellations: number
  cancellationLines: number
  creditMemos: number
  /** Cancellation lines (or the part of one) that credit nothing, with why. */
  unmatched: { row: number; invoiceNumber: string; sku: string; amount: string; reason: UnmatchedReason }[]
  /** Cancellations none of whose lines matched an earlier invoice. */
  unmatchedCancellations: number
  /** Lines whose unit price had more decimals than GBP: stored as one unit at the rounded amount. */
  roundedLines: number
  skipped: CsvIssue[]
}

export type UciResult = { ok: true; ledger: Ledger; report: UciReport } | { ok: false; errors: CsvIssue[] }

interface Row {
  row: number
  invoice: string
  sku: string
  description: string
  qty: Decimal
  price: Decimal
  date: string
  customerId: string
}

interface Billed {
  invoice: Invoice
  date: string
  /** Minor units of the line still open to credit by later cancellations. */
  left: bigint
}

export function uciToLedger(text: string, options: { companyName?: string } = {}): UciResult {
  const table = readCsv(text)
  if (!table.ok) return table
  const index = HEADERS.map((h) => table.headers.indexOf(h))
  const absent = HEADERS.filter((_, i) => index[i] === -1)
  if (absent.length > 0) {
    return { ok: false, errors: [{ row: 1, column: null, message: `missing columns: ${absent.join(', ')}` }] }
  }
  const [iNo, iSku, iDesc, iQty, iDate, iPrice, iCust, iCountry] = index as number[] as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const errors: CsvIssue[] = []
  const skipped: CsvIssue[] = []
  const customers = new Map<string, Customer>()
  const sales: Row[] = []
  const cancels: Row[] = []
  for (const { row, cells } of table.rows) {
    const cell = (i: number) => (cells[i] ?? '').trim()
    const problem = (i: number, message: string) =>
      errors.push({ row, column: HEADERS[index.indexOf(i)] ?? null, message })
    const qty = readDecimal(cell(iQty))
    const price = readDecimal(cell(iPrice))
    const date = readDate(cell(iDate), 'ymd')
    if (!cell(iNo)) problem(iNo, 'is empty')
    if (!cell(iSku)) problem(iSku, 'is empty')
    if (!qty.ok) problem(iQty, qty.problem)
    if (!price.ok) problem(iPrice, price.problem)
    else if (price.value.int < 0n) problem(iPrice, `a unit price is never negative, got "${cell(iPrice)}"`)
    if (!date.ok) problem(iDate, date.problem)
    const rawCustomer = cell(iCust).replace(/\.0+$/, '')
    if (rawCustomer && !/^\d+$/.test(rawCustomer))
      problem(iCust, `expected a numeric customer id, got "${cell(iCust)}"`)
    if (!qty.ok || !price.ok || !date.ok || !cell(iNo) || !cell(iSku)) continue
    const customerId = rawCustomer || UCI_GUEST_ID
    if (!customers.has(customerId)) {
      const country = cell(iCountry)
      customers.set(customerId, {
        id: customerId,
        name: rawCustomer
          ? `Customer ${rawCustomer}${country ? ` (${country})` : ''}`
          : 'Unidentified customer (no CustomerID)',
      })
    }
    const r: Row = {
      row,
      invoice: cell(iNo),
      sku: cell(iSku),
      description: cell(iDesc),
      qty: qty.value,
      price: price.value,
      date: date.value,
      customerId,
    }
    if (r.invoice.startsWith('C')) cancels.push(r)
    else if (r.qty.int < 0n) {
      skipped.push({
        row,
        column: 'Quantity',
        message: `negative quantity on invoice ${r.invoice} is a stock adjustment, not a sale`,
      })
    } else sales.push(r)
  }

  const invoices = new Map<string, Invoice>()
  const billed = new Map<string, Billed[]>()
  let roundedLines = 0
  for (const r of sales) {
    let inv = invoices.get(r.invoice)
    if (!inv) {
      inv = {
        number: r.invoice,
        customerId: r.customerId,
        issueDate: r.date,
        dueDate: r.date,
        currency: CURRENCY,
        lines: [],
      }
      invoices.set(r.invoice, inv)
    } else if (inv.customerId !== r.customerId || inv.issueDate !== r.date) {
      errors.push({
        row: r.row,
        column: inv.customerId !== r.customerId ? 'CustomerID' : 'InvoiceDate',
        message: `disagrees with earlier rows of invoice ${r.invoice}`,
      })
      continue
    }
    const exact = exactAmount(r.price, CURRENCY)
    const amount = lineAmount(r.qty, r.price, CURRENCY)
    if (exact === null) roundedLines++
    inv.lines.push({
      line: inv.lines.length + 1,
      sku: r.sku,
      ...(r.description || exact === null
        ? {
            description:
              exact === null
                ? `${r.description || r.sku} (${decimalToString(r.qty)} × ${decimalToString(r.price)})`
                : r.description,
          }
        : {}),
      quantity: exact === null ? 1 : decimalToNumber(r.qty),
      unitPrice: exact ?? amount,
    })
    const key = `${r.customerId}\u0000${r.sku}`
    const list = billed.get(key) ?? []
    list.push({ invoice: inv, date: r.date, left: minor(amount) })
    billed.set(key, list)
  }
  for (const list of billed.values()) list.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))

  const { creditMemos, unmatched, unmatchedCancellations } = creditCancellations(cancels, billed)
  if (errors.length > 0) return { ok: false, errors }
  const all = [...invoices.values()].map((inv) => ({ ...inv, total: toDecimal(invoiceFigures(inv).total) }))
  const parsed = checkedLedger({
    format: LEDGER_FORMAT,
    company: { name: options.companyName ?? 'UCI Online Retail (UK gift-ware wholesaler)', currency: CURRENCY },
    customers: [...customers.values()],
    invoices: all,
    creditMemos,
  })
  if (!parsed.ok) return parsed
  return {
    ok: true,
    ledger: parsed.ledger,
    report: {
      rows: table.rows.length,
      invoices: all.length,
      lines: sales.length,
      customers: customers.size,
      guestInvoices: all.filter((i) => i.customerId === UCI_GUEST_ID).length,
      cancellations: new Set(cancels.map((c) => c.invoice)).size,
      cancellationLines: cancels.length,
      creditMemos: creditMemos.length,
      unmatched,
      unmatchedCancellations,
      roundedLines,
      skipped,
    },
  }
}

const minor = (amount: string): bigint => BigInt(amount.replace('.', ''))
const gbp = (m: bigint): string => toDecimal(money(m, CURRENCY))

function creditCancellations(cancels: Row[], billed: Map<string, Billed[]>) {
  const unmatched: UciReport['unmatched'] = []
  const perPair = new Map<string, { cancel: string; original: string; date: string; minor: bigint; lines: number }>()
  const matchedCancels = new Set<string>()
  for (const c of cancels) {
    const qty = c.qty.int < 0n ? negate(c.qty) : c.qty
    let want = minor(lineAmount(qty, c.price, CURRENCY))
    if (c.customerId === UCI_GUEST_ID) {
      unmatched.push({ row: c.row, invoiceNumber: c.invoice, sku: c.sku, amount: gbp(want), reason: 'no_customer' })
      continue
    }
    const candidates = (billed.get(`${c.customerId}\u0000${c.sku}`) ?? []).filter((b) => b.date <= c.date)
    if (candidates.length === 0) {
      unmatched.push({
        row: c.row,
        invoiceNumber: c.invoice,
        sku: c.sku,
        amount: gbp(want),
        reason: 'no_earlier_invoice',
      })
      continue
    }
    for (const b of candidates) {
      if (want === 0n) break
      // biome-ignore lint/complexity/useMathMinMax: Math.min does not take bigints
      const take = b.left < want ? b.left : want
      if (take === 0n) continue
      b.left -= take
      want -= take
      const key = `${c.invoice}\u0000${b.invoice.number}`
      const pair = perPair.get(key) ?? {
        cancel: c.invoice,
        original: b.invoice.number,
        date: c.date,
        minor: 0n,
        lines: 0,
      }
      pair.minor += take
      pair.lines++
      perPair.set(key, pair)
      matchedCancels.add(c.invoice)
    }
    if (want > 0n)
      unmatched.push({ row: c.row, invoiceNumber: c.invoice, sku: c.sku, amount: gbp(want), reason: 'exceeds_billed' })
  }
  const seen = new Map<string, number>()
  const creditMemos: CreditMemo[] = [...perPair.values()]
    .filter((p) => p.minor > 0n)
    .map((p) => {
      const n = (seen.get(p.cancel) ?? 0) + 1
      seen.set(p.cancel, n)
      return {
        number: n === 1 ? p.cancel : `${p.cancel}-${n}`,
        invoiceNumber: p.original,
        amount: gbp(p.minor),
        date: p.date,
        reason: `cancellation ${p.cancel}: ${p.lines} line${p.lines === 1 ? '' : 's'} credited`,
      }
    })
  const unmatchedCancellations = new Set(cancels.map((c) => c.invoice).filter((n) => !matchedCancels.has(n))).size
  return { creditMemos, unmatched, unmatchedCancellations }
}
