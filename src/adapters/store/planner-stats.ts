/**
 * PGlite runs no autovacuum, so nothing ever ANALYZEs its tables: the planner guesses their sizes and
 * the spread of their values. With no statistics for the expression indexes of migration 0014, it
 * read every invoice and delivery through a regular expression to find a PO number or a delivery id a
 * message might name (about 6 ms of a turn on the demo ledger, against 0.1 ms through the indexes).
 * The ledger's tables are analyzed after an import that changed them, and once on a folder whose
 * tables were never analyzed. A PostgreSQL server analyzes by itself (autovacuum), so it is left alone.
 */
import type { Db } from './db.ts'

const LEDGER_TABLES = [
  'customers',
  'contracts',
  'contract_prices',
  'purchase_orders',
  'purchase_order_lines',
  'invoices',
  'invoice_lines',
  'invoice_fees',
  'deliveries',
  'service_logs',
  'payments',
  'payment_remittances',
  'credit_memos',
  'past_disputes',
]

export async function analyzeLedger(db: Db): Promise<void> {
  if (db.driver !== 'pglite') return
  await db.exec(`ANALYZE ${LEDGER_TABLES.join(', ')}`)
}

/** On a folder imported before imports analyzed: true when it ran ANALYZE. */
export async function analyzeLedgerIfNever(db: Db): Promise<boolean> {
  if (db.driver !== 'pglite') return false
  // pg_statistic itself, by its index on the table, rather than the pg_stats view over it (joins and a
  // privilege check per column): every start asks, with the catalog's caches cold, and the view took
  // 100-140 ms of a warm start against 45-55 ms (docs/performance.md, round seven).
  const r = await db.query<{ analyzed: boolean; rows: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_statistic WHERE starelid = 'public.invoices'::regclass) AS analyzed,
            EXISTS (SELECT 1 FROM invoices) AS rows`,
  )
  const { analyzed = true, rows = false } = r.rows[0] ?? {}
  if (analyzed || !rows) return false
  await analyzeLedger(db)
  return true
}
