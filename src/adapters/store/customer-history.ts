/**
 * The evidence's customer history in one statement: purchase orders with their lines, deliveries,
 * service logs, payments with their remittance advice, credit memos, the customer's other invoices
 * with lines and fees, and the dates of its past and live disputes. It was twelve statements, each a
 * round trip through PGlite's one connection and a decode of its rows in JavaScript; as one statement
 * the rows come back as JSON, which the engine parses natively.
 *
 * JSON would turn NUMERIC into a double (NUMERIC(20, 4) has more digits than a double keeps), so each
 * NUMERIC column is written as its text, as the text protocol gives it; dates are "YYYY-MM-DD" in
 * JSON as in the type parsers. The rows then go through the same mappers as the repository's own
 * reads (ledger-mappers.ts), in the same order.
 *
 * Each row is a `json_build_object` of the columns those mappers read (`jsonRow`), aggregated as
 * `json`, not `to_jsonb(row)` patched with `||` as `jsonb`. On the demo data (the bench's 72 invoices, parsing and mapping
 * included) that took the statement from a median of 5.4–6.2 ms to 3.5–3.7 ms. A column a mapper reads
 * must be in MAPPED_COLUMNS; ledger-reads.test.ts compares the result with the plain reads.
 */
import type { Invoice } from '../../core/ledger.ts'
import type { Evidence } from '../../core/resolution.ts'
import type { Db } from './db.ts'
import {
  creditMemoOf,
  deliveryOf,
  invoiceOf,
  jsonRow,
  paymentOf,
  purchaseOrderOf,
  serviceLogOf,
} from './ledger-mappers.ts'

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
type Row = Record<string, any>

/** The same limit the repository's pages have: 500 rows of each list. */
const PAGE = 500

const list = (expr: string, order: string) => `COALESCE(json_agg(${expr} ORDER BY ${order}), '[]'::json)`

const PO_LINES = `(SELECT ${list(jsonRow('purchase_order_lines', 'l'), 'l.position')}
  FROM purchase_order_lines l WHERE l.po_number = po.number)`
const REMITTANCE = `(SELECT ${list(jsonRow('payment_remittances', 'm'), 'm.position')}
  FROM payment_remittances m WHERE m.payment_id = p.id)`
const INVOICE_LINES = `(SELECT ${list(jsonRow('invoice_lines', 'l'), 'l.line')}
  FROM invoice_lines l WHERE l.invoice_number = o.number)`
const INVOICE_FEES = `(SELECT ${list(jsonRow('invoice_fees', 'f'), 'f.position')}
  FROM invoice_fees f WHERE f.invoice_number = o.number)`

// $1 the invoice, $2 its purchase order or null, $3 the customer.
const HISTORY = `SELECT
  (SELECT ${list(jsonRow('purchase_orders', 'po', [`'lines', ${PO_LINES}`]), 'po.issue_date, po.number')}
     FROM (SELECT * FROM purchase_orders WHERE customer_id = $3 ORDER BY issue_date, number LIMIT ${PAGE}) po) AS purchase_orders,
  (SELECT ${list(jsonRow('deliveries', 'd'), 'd.delivered_date, d.id')}
     FROM deliveries d WHERE d.invoice_number = $1 OR ($2::text IS NOT NULL AND d.po_number = $2)) AS deliveries,
  (SELECT ${list(jsonRow('service_logs', 's'), 's.period_start, s.id')}
     FROM service_logs s WHERE s.invoice_number = $1 OR (s.customer_id = $3 AND s.invoice_number IS NULL)) AS service_logs,
  (SELECT ${list(jsonRow('payments', 'p', [`'remittance', ${REMITTANCE}`]), 'p.date, p.id')}
     FROM (SELECT * FROM payments WHERE customer_id = $3 ORDER BY date, id LIMIT ${PAGE}) p) AS payments,
  (SELECT ${list(jsonRow('credit_memos', 'cm'), 'cm.date, cm.number')}
     FROM (SELECT c.*, i.currency FROM credit_memos c JOIN invoices i ON i.number = c.invoice_number
           WHERE c.invoice_number = $1 ORDER BY c.date, c.number LIMIT ${PAGE}) cm) AS credit_memos,
  (SELECT ${list(jsonRow('invoices', 'o', [`'lines', ${INVOICE_LINES}`, `'fees', ${INVOICE_FEES}`]), 'o.issue_date DESC, o.number')}
     FROM (SELECT * FROM invoices WHERE customer_id = $3 AND number <> $1 ORDER BY issue_date DESC, number LIMIT ${PAGE}) o) AS other_invoices,
  -- A dispute still open on this invoice is this matter (a short payment's, opened on import), already
  -- counted as "this one"; an earlier one on it that was resolved counts on its own.
  (SELECT ${list("json_build_object('id', x.id, 'openedDate', x.d)", 'x.d, x.live, x.id')} FROM (
     SELECT id, opened_date AS d, false AS live FROM past_disputes WHERE customer_id = $3
     UNION ALL SELECT id, opened_on AS d, true AS live FROM disputes WHERE customer_id = $3
       AND NOT (invoice_number = $1 AND status NOT IN ('resolved', 'closed'))) x) AS customer_disputes`

type History = Omit<Evidence, 'invoice' | 'customer' | 'contract'>

/** Everything the evidence holds besides the invoice, its customer and contract. */
export async function customerHistory(
  db: Db,
  invoice: Invoice,
  customerId: string,
  homeCurrency: () => Promise<string>,
): Promise<History> {
  const [r, home] = await Promise.all([
    db.query<Record<string, Row[]>>(HISTORY, [invoice.number, invoice.poNumber ?? null, customerId]),
    homeCurrency(),
  ])
  const h = r.rows[0] ?? {}
  const rows = (key: string): Row[] => h[key] ?? []
  return {
    purchaseOrders: rows('purchase_orders').map((po) => purchaseOrderOf(po, po.lines, home)),
    deliveries: rows('deliveries').map(deliveryOf),
    serviceLogs: rows('service_logs').map(serviceLogOf),
    payments: rows('payments').map((p) => paymentOf(p, p.remittance)),
    creditMemos: rows('credit_memos').map(creditMemoOf),
    otherInvoices: rows('other_invoices').map((o) => invoiceOf(o, o.lines, o.fees)),
    // By date; on one date past disputes before live ones, as the two reads were sorted.
    customerDisputes: rows('customer_disputes').map((d) => ({
      id: d.id as string,
      openedDate: d.openedDate as string,
    })),
  }
}
