/** LedgerRepository: reads of the imported ledger, and the evidence for one invoice in one call. */
import type { Contract, Invoice, PolicyInput } from '../../core/ledger.ts'
import type { Evidence } from '../../core/resolution.ts'
import type { InvoiceFilter, InvoiceRecord, LedgerRepository, Page } from '../../services/ports.ts'
import type { Db } from './db.ts'
import { customerHistory } from './customer-history.ts'
import { loadInvoiceRecords } from './invoice-reads.ts'
import {
  contractOf,
  creditMemoOf,
  customerOf,
  deliveryOf,
  fxRateOf,
  jsonRow,
  pastDisputeOf,
  paymentOf,
  purchaseOrderOf,
  serviceLogOf,
} from './ledger-mappers.ts'
import { numberKey, pageArgs, Where } from './rows.ts'

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
type Row = Record<string, any>

async function paged<T>(
  db: Db,
  from: string,
  where: Where,
  order: string,
  p: { limit?: number; offset?: number },
  map: (rows: Row[]) => Promise<T[]> | T[],
): Promise<Page<T>> {
  const { limit, offset } = pageArgs(p)
  const params = [...where.params]
  const rows = await db.query<Row>(
    `SELECT * FROM ${from} ${where.sql} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, limit, offset],
  )
  // A page that is not full ends the list, so it tells the total (most reads, every evidence read):
  // the count is a second statement only when there may be more, or the offset passed the end.
  const n = rows.rows.length
  const total =
    n < limit && (n > 0 || offset === 0)
      ? offset + n
      : ((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${from} ${where.sql}`, where.params)).rows[0]
          ?.n ?? 0)
  return { items: await map(rows.rows), total, limit, offset }
}

/** "inv 1002" → ["inv1002", "1002"]: the typed prefix is tried with and without its letters. */
export function fragmentKeys(fragment: string): string[] {
  const key = numberKey(fragment)
  const digits = key.replace(/^(invoice|inv|no|number|nr)+/, '')
  // "ABC-77" for ABC 00077: the typed prefix may drop the zero padding, so its trailing digits
  // (three or more) find candidates too; the caller scores them against the whole reference.
  const tail = /[a-z]/.test(digits) ? (/\d{3,}$/.exec(digits)?.[0] ?? '') : ''
  // "0457/2026" for QRT26/B/0457: a sequence said with the year it was issued in, which the number
  // may write otherwise; the sequence alone finds candidates too.
  const parts = fragment.split(/[^A-Za-z0-9]+/).filter(Boolean)
  const sequences = parts.length === 2 ? parts.filter((x) => /^\d{3,}$/.test(x) && !/^20\d\d$/.test(x)) : []
  return [...new Set([key, digits, tail, ...sequences].filter((k) => k.length > 0))]
}

export function ledgerRepository(db: Db): LedgerRepository {
  const home = async (): Promise<string> => (await settings())?.currency ?? 'USD'

  // A contract's prices come with it as JSON (unit prices as text: JSON numbers are doubles).
  const contractsWhere = async (sql: string, params: unknown[]): Promise<Contract[]> => {
    const rows = await db.query<Row>(
      `SELECT c.*, (SELECT COALESCE(json_agg(${jsonRow('contract_prices', 'p')}
         ORDER BY p.position), '[]'::json) FROM contract_prices p WHERE p.contract_id = c.id) AS prices_json
       FROM contracts c ${sql}`,
      params,
    )
    return rows.rows.map((r) => contractOf(r, r.prices_json))
  }

  // company(), policy() and the home currency send one statement, so a turn's memo answers them all.
  const settings = async (): Promise<Row | undefined> =>
    (await db.query<Row>('SELECT name, currency, erp, policy FROM company_settings')).rows[0]

  const repo: LedgerRepository = {
    async company() {
      const row = await settings()
      if (row) return { name: row.name, currency: row.currency, erp: row.erp }
      // No company in any import: DOMAIN.md's fallback, the currency of the ledger's invoices.
      const common = await db.query<{ currency: string }>(
        'SELECT currency FROM invoices GROUP BY currency ORDER BY count(*) DESC, currency LIMIT 1',
      )
      return { name: '', currency: common.rows[0]?.currency ?? 'USD', erp: null }
    },
    async policy(): Promise<PolicyInput> {
      // A copy: inside a turn the row is shared by every caller of this read.
      const policy = (await settings())?.policy as PolicyInput | undefined
      return policy ? structuredClone(policy) : {}
    },
    async fxRates() {
      const r = await db.query<Row>('SELECT * FROM fx_rates ORDER BY currency, date')
      return r.rows.map(fxRateOf)
    },
    async listCustomers(page = {}) {
      const w = new Where().when(page.query, '(name ILIKE ? OR id ILIKE ?)', `%${page.query}%`, `%${page.query}%`)
      return paged(db, 'customers', w, 'name, id', page, (rows) => rows.map(customerOf))
    },
    async countCustomers(upTo) {
      const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM (SELECT 1 FROM customers LIMIT $1) c', [
        upTo,
      ])
      return r.rows[0]?.n ?? 0
    },
    async allCustomers(upTo) {
      // The bounded count is an uncorrelated subquery, evaluated once: a larger ledger returns no rows
      // without reading its customers; only then is it told from an empty one by a second count.
      const r = await db.query<Row>(
        'SELECT * FROM customers WHERE (SELECT count(*) FROM (SELECT 1 FROM customers LIMIT $1) c) < $1 ORDER BY name, id',
        [upTo + 1],
      )
      if (r.rows.length) return r.rows.map(customerOf)
      return (await repo.countCustomers(upTo + 1)) > upTo ? null : []
    },
    async customersNamed(word, upTo) {
      // No ORDER BY inside: a word in thousands of names ("partners") stops the read at upTo rows
      // instead of sorting every match, which the planner did by reading the whole table.
      const r = await db.query<Row>(
        'SELECT * FROM (SELECT * FROM customers WHERE name ILIKE $1 OR id ILIKE $1 LIMIT $2) c ORDER BY name, id',
        [`%${word}%`, upTo],
      )
      return r.rows.map(customerOf)
    },
    async getCustomer(id) {
      const r = await db.query<Row>('SELECT * FROM customers WHERE id = $1', [id])
      return r.rows[0] ? customerOf(r.rows[0]) : null
    },
    getInvoice: async (number) => (await loadInvoiceRecords(db, [number]))[0] ?? null,
    async referencesByKey(keys) {
      const wanted = [...new Set(keys)].filter((k) => /^[a-z0-9]+$/.test(k))
      if (!wanted.length) return []
      const reversed = wanted.map((k) => [...k].reverse().join(''))
      // Every key is [a-z0-9]: the next code point after its last character bounds the range.
      const upper = reversed.map((r) => r.slice(0, -1) + String.fromCharCode(r.charCodeAt(r.length - 1) + 1))
      // One statement, three lists as JSON (every column is text): one round trip instead of three.
      const r = await db.query<
        Record<'invoices' | 'pos' | 'deliveries', { key: string; id: string; invoice: string }[]>
      >(
        `SELECT
           (SELECT COALESCE(json_agg(json_build_object('key', k.key, 'id', i.number, 'invoice', i.number)), '[]')
              FROM unnest($1::text[], $2::text[], $3::text[]) AS k(key, lo, hi)
              CROSS JOIN LATERAL (
                SELECT number FROM invoices
                WHERE (reverse(number_key) COLLATE "C") >= (k.lo COLLATE "C") AND (reverse(number_key) COLLATE "C") < (k.hi COLLATE "C")
                ORDER BY (reverse(number_key) COLLATE "C") LIMIT 4) i) AS invoices,
           (SELECT COALESCE(json_agg(json_build_object('key', p.key, 'id', p.id, 'invoice', p.invoice) ORDER BY p.issue_date, p.invoice), '[]')
              FROM (SELECT regexp_replace(lower(po_number), '[^a-z0-9]', '', 'g') AS key, po_number AS id, number AS invoice, issue_date
                    FROM invoices WHERE po_number IS NOT NULL AND regexp_replace(lower(po_number), '[^a-z0-9]', '', 'g') = ANY($1::text[])
                    ORDER BY issue_date, number LIMIT 50) p) AS pos,
           (SELECT COALESCE(json_agg(json_build_object('key', d.key, 'id', d.id, 'invoice', d.invoice)), '[]')
              FROM (SELECT regexp_replace(lower(id), '[^a-z0-9]', '', 'g') AS key, id, invoice_number AS invoice
                    FROM deliveries WHERE invoice_number IS NOT NULL AND regexp_replace(lower(id), '[^a-z0-9]', '', 'g') = ANY($1::text[])
                    LIMIT 50) d) AS deliveries`,
        [wanted, reversed, upper],
      )
      const { invoices = [], pos = [], deliveries = [] } = r.rows[0] ?? {}
      return [
        ...invoices.map((r) => ({ key: r.key, kind: 'invoice' as const, id: r.id, invoiceNumber: r.invoice })),
        ...pos.map((r) => ({ key: r.key, kind: 'po' as const, id: r.id, invoiceNumber: r.invoice })),
        ...deliveries.map((r) => ({ key: r.key, kind: 'delivery' as const, id: r.id, invoiceNumber: r.invoice })),
      ]
    },
    async invoicesStartingWith(prefixes) {
      const wanted = [...new Set(prefixes)].filter((k) => /^[a-z0-9]+$/.test(k))
      if (!wanted.length) return []
      const upper = wanted.map((k) => k.slice(0, -1) + String.fromCharCode(k.charCodeAt(k.length - 1) + 1))
      const r = await db.query<{ prefix: string; number: string }>(
        `SELECT k.prefix, i.number
           FROM unnest($1::text[], $2::text[]) AS k(prefix, hi)
           CROSS JOIN LATERAL (
             SELECT number FROM invoices
             WHERE (number_key COLLATE "C") >= (k.prefix COLLATE "C") AND (number_key COLLATE "C") < (k.hi COLLATE "C")
             ORDER BY (number_key COLLATE "C") LIMIT 3) i`,
        [wanted, upper],
      )
      return r.rows
    },
    async findInvoices(f: InvoiceFilter) {
      const w = new Where()
        .when(f.customerId, 'customer_id = ?', f.customerId)
        .when(f.status, "COALESCE(status, 'open') = ?", f.status)
        .when(f.poNumber, 'po_number = ?', f.poNumber)
        // issue_date + 0: the expression migration 0016 indexes (why not issue_date itself: see there).
        .when(f.issuedFrom, 'issue_date + 0 >= ?', f.issuedFrom)
        .when(f.issuedTo, 'issue_date + 0 <= ?', f.issuedTo)
      let order = 'issue_date DESC, number'
      const keys = f.numberFragment ? fragmentKeys(f.numberFragment) : []
      if (f.numberFragment !== undefined && !keys.length) w.add('FALSE')
      if (keys.length) {
        const likes = keys.map((k) => `number_key LIKE ${w.next(`%${k}%`)}`)
        w.add(`(${likes.join(' OR ')})`)
        // Exact first, then numbers ending in the fragment, then the rest.
        // Keys are [a-z0-9] only (numberKey), so they are safe as literals in ORDER BY.
        order = `(number_key = '${keys[0]}') DESC, (number_key LIKE '%${keys[keys.length - 1]}') DESC, number`
      }
      return paged(db, 'invoices', w, order, f, (rows) =>
        loadInvoiceRecords(
          db,
          rows.map((r) => r.number),
        ),
      )
    },
    async countInvoices(upTo, range = {}) {
      const w = new Where()
        .when(range.issuedFrom, 'issue_date + 0 >= ?', range.issuedFrom)
        .when(range.issuedTo, 'issue_date + 0 <= ?', range.issuedTo)
      const r = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM invoices ${w.sql} LIMIT ${w.next(upTo)}) i`,
        w.params,
      )
      return r.rows[0]?.n ?? 0
    },
    async getContract(id) {
      return (await contractsWhere('WHERE id = $1', [id]))[0] ?? null
    },
    contractsForCustomer: (customerId) =>
      contractsWhere('WHERE customer_id = $1 ORDER BY start_date, id', [customerId]),
    async purchaseOrders(f) {
      const cur = await home()
      const w = new Where().when(f.customerId, 'customer_id = ?', f.customerId).when(f.number, 'number = ?', f.number)
      return paged(db, 'purchase_orders', w, 'issue_date, number', f, async (rows) => {
        if (!rows.length) return []
        const lines = await db.query<Row>(
          'SELECT * FROM purchase_order_lines WHERE po_number = ANY($1) ORDER BY po_number, position',
          [rows.map((r) => r.number)],
        )
        return rows.map((r) =>
          purchaseOrderOf(
            r,
            lines.rows.filter((l) => l.po_number === r.number),
            cur,
          ),
        )
      })
    },
    deliveries: (f) =>
      paged(
        db,
        'deliveries',
        new Where()
          .when(f.invoiceNumber, 'invoice_number = ?', f.invoiceNumber)
          .when(f.poNumber, 'po_number = ?', f.poNumber)
          .when(f.from, 'delivered_date >= ?', f.from)
          .when(f.to, 'delivered_date <= ?', f.to),
        'delivered_date, id',
        f,
        (rows) => rows.map(deliveryOf),
      ),
    serviceLogs: (f) =>
      paged(
        db,
        'service_logs',
        new Where()
          .when(f.customerId, 'customer_id = ?', f.customerId)
          .when(f.invoiceNumber, 'invoice_number = ?', f.invoiceNumber)
          .when(f.from, 'period_end >= ?', f.from)
          .when(f.to, 'period_start <= ?', f.to),
        'period_start, id',
        f,
        (rows) => rows.map(serviceLogOf),
      ),
    payments: (f) =>
      paged(
        db,
        'payments',
        new Where()
          .when(f.customerId, 'customer_id = ?', f.customerId)
          .when(f.invoiceNumber, 'invoice_number = ?', f.invoiceNumber)
          .when(f.unappliedOnly || undefined, 'invoice_number IS NULL')
          .when(f.from, 'date >= ?', f.from)
          .when(f.to, 'date <= ?', f.to),
        'date, id',
        f,
        async (rows) => {
          const advice = rows.length
            ? await db.query<Row>(
                'SELECT * FROM payment_remittances WHERE payment_id = ANY($1) ORDER BY payment_id, position',
                [rows.map((r) => r.id)],
              )
            : { rows: [] as Row[] }
          return rows.map((r) => ({
            ...paymentOf(
              r,
              advice.rows.filter((m) => m.payment_id === r.id),
            ),
            applied: r.invoice_number !== null,
          }))
        },
      ),
    creditMemos: (f) =>
      paged(
        db,
        '(SELECT c.*, i.currency FROM credit_memos c JOIN invoices i ON i.number = c.invoice_number) cm',
        new Where()
          .when(f.invoiceNumber, 'invoice_number = ?', f.invoiceNumber)
          .when(f.from, 'date >= ?', f.from)
          .when(f.to, 'date <= ?', f.to),
        'date, number',
        f,
        (rows) => rows.map(creditMemoOf),
      ),
    pastDisputes: async (f) => {
      const cur = await home()
      return paged(
        db,
        `(SELECT p.*, COALESCE(i.currency, '${cur.replace(/[^A-Z]/g, '')}') AS currency FROM past_disputes p LEFT JOIN invoices i ON i.number = p.invoice_number) pd`,
        new Where()
          .when(f.customerId, 'customer_id = ?', f.customerId)
          .when(f.reasonCode, 'reason_code = ?', f.reasonCode)
          .when(f.from, 'opened_date >= ?', f.from)
          .when(f.to, 'opened_date <= ?', f.to),
        'opened_date, id',
        f,
        (rows) => rows.map(pastDisputeOf),
      )
    },
    evidenceFor: (invoiceNumber) => evidenceFor(db, repo, home, invoiceNumber),
  }
  return repo
}

async function evidenceFor(
  db: Db,
  repo: LedgerRepository,
  home: () => Promise<string>,
  invoiceNumber: string,
): Promise<Evidence | null> {
  // The same read as getInvoice, which a turn has usually made already (the turn memo answers it).
  const record = await repo.getInvoice(invoiceNumber)
  if (!record) return null
  const invoice = invoiceOfRecord(record)
  const customer = await repo.getCustomer(invoice.customerId)
  if (!customer) return null
  const contracts = await repo.contractsForCustomer(customer.id)
  // The invoice's own contract; else the one in force on its issue date; else the latest.
  const contract =
    contracts.find((c) => c.id === invoice.contractId) ??
    contracts.find((c) => c.startDate <= invoice.issueDate && (!c.endDate || c.endDate >= invoice.issueDate)) ??
    (invoice.contractId ? null : (contracts[contracts.length - 1] ?? null))
  return { invoice, customer, contract, ...(await customerHistory(db, invoice, customer.id, home)) }
}

/** The invoice as imported, without the balance a record adds. */
function invoiceOfRecord(record: InvoiceRecord): Invoice {
  const {
    computedTotal: _computed,
    paidAmount: _paid,
    creditedAmount: _credited,
    writtenOffAmount: _writtenOff,
    openBalance: _open,
    disputedAmount: _disputed,
    collectionsHold: _hold,
    ...invoice
  } = record
  return invoice
}
