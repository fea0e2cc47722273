/** Reading invoices with their lines, fees and balances, in one statement (no query per invoice). */
import type { Invoice } from '../../core/ledger.ts'
import type { InvoiceRecord } from '../../services/ports.ts'
import type { Db } from './db.ts'
import { invoiceOf, jsonRow } from './ledger-mappers.ts'
import { amount } from './rows.ts'

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
type Row = Record<string, any>

/**
 * Invoices with their lines, fees and balances in one statement (it was four: headers, lines, fees,
 * balances). The invoice a turn names is read by several of its parts, and each statement is a round
 * trip through PGlite's one connection. Header and balance come as typed columns, lines and fees as
 * JSON (`jsonRow`: NUMERIC as text). The same numbers send the same statement, so a turn's memo answers a repeated read.
 */
const RECORDS = `SELECT i.*, b.paid, b.credited, b.written_off, b.disputed, b.collections_hold,
    b.total - b.paid - b.credited - b.written_off AS open_balance,
    (SELECT COALESCE(json_agg(${jsonRow('invoice_lines', 'l')} ORDER BY l.line), '[]'::json) FROM invoice_lines l WHERE l.invoice_number = i.number) AS lines_json,
    (SELECT COALESCE(json_agg(${jsonRow('invoice_fees', 'f')} ORDER BY f.position), '[]'::json) FROM invoice_fees f WHERE f.invoice_number = i.number) AS fees_json
  FROM invoices i LEFT JOIN invoice_balances b ON b.number = i.number WHERE i.number = ANY($1)`

/** The records of these invoice numbers, in their order; a number not in the ledger is left out. */
export async function loadInvoiceRecords(db: Db, numbers: readonly string[]): Promise<InvoiceRecord[]> {
  if (!numbers.length) return []
  const r = await db.query<Row>(RECORDS, [numbers])
  const byNumber = new Map(r.rows.map((row) => [row.number as string, row]))
  return numbers.flatMap((n) => {
    const row = byNumber.get(n)
    return row ? [recordOf(invoiceOf(row, row.lines_json, row.fees_json), row)] : []
  })
}

function recordOf(inv: Invoice, row: Row): InvoiceRecord {
  const cur = inv.currency
  return {
    ...inv,
    computedTotal: amount(row.computed_total, cur),
    paidAmount: amount(row.paid ?? 0, cur),
    creditedAmount: amount(row.credited ?? 0, cur),
    writtenOffAmount: amount(row.written_off ?? 0, cur),
    openBalance: amount(row.open_balance ?? 0, cur),
    disputedAmount: amount(row.disputed ?? 0, cur),
    collectionsHold: Boolean(row.collections_hold),
  }
}
