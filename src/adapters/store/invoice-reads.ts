/** Reading invoices with their lines, fees and balances, in batches (no query per invoice). */
import type { Invoice } from '../../core/ledger.ts'
import type { InvoiceRecord } from '../../services/ports.ts'
import type { Db } from './db.ts'
import { invoiceOf } from './ledger-mappers.ts'
import { amount } from './rows.ts'

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
type Row = Record<string, any>

function group(rows: Row[], key: string): Map<string, Row[]> {
  const m = new Map<string, Row[]>()
  for (const r of rows) {
    const k = r[key] as string
    const list = m.get(k)
    if (list) list.push(r)
    else m.set(k, [r])
  }
  return m
}

/** Loads full invoices for the given header rows (from `SELECT * FROM invoices ...`), order kept. */
export async function loadInvoices(db: Db, headers: Row[]): Promise<Invoice[]> {
  if (!headers.length) return []
  const numbers = headers.map((h) => h.number as string)
  const [lines, fees] = await Promise.all([
    db.query<Row>('SELECT * FROM invoice_lines WHERE invoice_number = ANY($1) ORDER BY invoice_number, line', [
      numbers,
    ]),
    db.query<Row>('SELECT * FROM invoice_fees WHERE invoice_number = ANY($1) ORDER BY invoice_number, position', [
      numbers,
    ]),
  ])
  const byLines = group(lines.rows, 'invoice_number')
  const byFees = group(fees.rows, 'invoice_number')
  return headers.map((h) => invoiceOf(h, byLines.get(h.number) ?? [], byFees.get(h.number) ?? []))
}

export async function loadInvoiceRecords(db: Db, headers: Row[]): Promise<InvoiceRecord[]> {
  if (!headers.length) return []
  const invoices = await loadInvoices(db, headers)
  const balances = await db.query<Row>(
    'SELECT *, total - paid - credited - written_off AS open_balance FROM invoice_balances WHERE number = ANY($1)',
    [headers.map((h) => h.number)],
  )
  const byNumber = new Map(balances.rows.map((b) => [b.number as string, b]))
  return invoices.map((inv, i) => {
    const b = byNumber.get(inv.number) ?? {}
    const cur = inv.currency
    const h = headers[i] ?? {}
    return {
      ...inv,
      computedTotal: amount(h.computed_total, cur),
      paidAmount: amount(b.paid ?? 0, cur),
      creditedAmount: amount(b.credited ?? 0, cur),
      writtenOffAmount: amount(b.written_off ?? 0, cur),
      openBalance: amount(b.open_balance ?? 0, cur),
      disputedAmount: amount(b.disputed ?? 0, cur),
      collectionsHold: Boolean(b.collections_hold),
    }
  })
}
