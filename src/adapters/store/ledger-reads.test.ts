import { describe, expect, it } from 'vitest'
import { exampleLedger } from '../../testing/example-ledger.ts'
import type { Invoice } from '../../core/ledger.ts'
import { customerHistory } from './customer-history.ts'
import type { Db } from './db.ts'
import { deliveryOf, invoiceOf, MAPPED_COLUMNS, serviceLogOf } from './ledger-mappers.ts'
import { amount } from './rows.ts'
import { createStore } from './store.ts'
import { investigatedDispute } from './testing-disputes.ts'
import { memoryPglite, wirePg } from './testing.ts'

const admin = { id: 'system', name: 'Import', role: 'admin' as const }
const ana = { id: 'u-ana', name: 'Ana', role: 'specialist' as const }

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
type Row = Record<string, any>

/** Invoices with their lines and fees as the reads before one statement gave them. */
async function invoicesOf(db: Db, headers: Row[]): Promise<Invoice[]> {
  const numbers = headers.map((h) => h.number as string)
  const lines = await db.query<Row>(
    'SELECT * FROM invoice_lines WHERE invoice_number = ANY($1) ORDER BY invoice_number, line',
    [numbers],
  )
  const fees = await db.query<Row>(
    'SELECT * FROM invoice_fees WHERE invoice_number = ANY($1) ORDER BY invoice_number, position',
    [numbers],
  )
  return headers.map((h) =>
    invoiceOf(
      h,
      lines.rows.filter((l) => l.invoice_number === h.number),
      fees.rows.filter((f) => f.invoice_number === h.number),
    ),
  )
}

/** The history as the repository's own reads gave it, one statement per list (the reference). */
async function historyByEachRead(db: Db, invoice: Invoice, customerId: string) {
  const repo = createStore(db).ledger
  const all = { limit: 500 }
  const [pos, deliveries, logs, payments, memos, others, past, live] = await Promise.all([
    repo.purchaseOrders({ customerId, ...all }),
    db.query(
      'SELECT * FROM deliveries WHERE invoice_number = $1 OR ($2::text IS NOT NULL AND po_number = $2) ORDER BY delivered_date, id',
      [invoice.number, invoice.poNumber ?? null],
    ),
    db.query(
      'SELECT * FROM service_logs WHERE invoice_number = $1 OR (customer_id = $2 AND invoice_number IS NULL) ORDER BY period_start, id',
      [invoice.number, customerId],
    ),
    repo.payments({ customerId, ...all }),
    repo.creditMemos({ invoiceNumber: invoice.number, ...all }),
    db.query(
      'SELECT * FROM invoices WHERE customer_id = $1 AND number <> $2 ORDER BY issue_date DESC, number LIMIT 500',
      [customerId, invoice.number],
    ),
    db.query('SELECT id, opened_date AS d FROM past_disputes WHERE customer_id = $1 ORDER BY id', [customerId]),
    // A dispute still open on the invoice itself is the matter in hand, not another one.
    db.query(
      "SELECT id, opened_on AS d FROM disputes WHERE customer_id = $1 AND NOT (invoice_number = $2 AND status NOT IN ('resolved', 'closed')) ORDER BY id",
      [customerId, invoice.number],
    ),
  ])
  return {
    purchaseOrders: pos.items,
    deliveries: deliveries.rows.map(deliveryOf),
    serviceLogs: logs.rows.map(serviceLogOf),
    payments: payments.items.map(({ applied: _applied, ...p }) => p),
    creditMemos: memos.items,
    otherInvoices: await invoicesOf(db, others.rows),
    customerDisputes: [...past.rows, ...live.rows]
      .map((r) => ({ id: r.id as string, openedDate: r.d as string }))
      .sort((a, b) => (a.openedDate < b.openedDate ? -1 : a.openedDate > b.openedDate ? 1 : 0)),
  }
}

/** The example ledger with what it lacks: fees, a credit memo, remittance advice, an amount too long
 *  for a double, a service log on no invoice, a live dispute. */
async function fullerLedger(db: Db) {
  const store = createStore(db)
  await store.imports.importLedger(exampleLedger(), admin)
  await db.exec(`
    INSERT INTO invoice_fees VALUES ('INV-1002', 1, 'late_fee', 'Late fee', 35.5000);
    INSERT INTO credit_memos (number, invoice_number, amount, date) VALUES ('CM-9', 'INV-1001', 10.2500, '2026-03-01');
    INSERT INTO payments VALUES ('P-BIG', 'C-100', NULL, 12345678901234.5678, 'USD', '2026-02-20', 'wire', 'R-1');
    INSERT INTO payment_remittances VALUES ('P-BIG', 1, 'INV-1001', 1000.1000, 12.3456, 'short shipped'),
      ('P-BIG', 2, 'INV-1002', 5.0000, NULL, NULL);
    INSERT INTO service_logs VALUES ('SL-FREE', 'C-100', NULL, 'ONSITE', '2026-02-01', '2026-02-02', 1.5, 'rendered', NULL);
  `)
  await investigatedDispute(store, { invoiceNumber: 'INV-1002', reasonCode: 'pricing_error' }, ana)
  return store
}

describe.each([
  ['pglite', memoryPglite],
  ['pg over the wire', wirePg],
] as const)('reads in one statement (%s)', (_name, open) => {
  it('the customer history holds what the reads it replaced held, in the same order, exact to the last digit', async () => {
    const { db } = await open()
    try {
      const store = await fullerLedger(db)
      const home = async () => (await store.ledger.company()).currency
      for (const number of ['INV-1001', 'INV-1002', 'INV-2001', 'INV-5001']) {
        const invoice = await store.ledger.getInvoice(number)
        if (!invoice) throw new Error(`no ${number}`)
        expect(await customerHistory(db, invoice, invoice.customerId, home), number).toEqual(
          await historyByEachRead(db, invoice, invoice.customerId),
        )
      }
      const c100 = await customerHistory(db, (await store.ledger.getInvoice('INV-1001'))!, 'C-100', home)
      expect(c100.payments.find((p) => p.id === 'P-BIG')).toMatchObject({
        amount: '12345678901234.5678',
        remittance: [
          { invoiceNumber: 'INV-1001', paid: '1000.10', deducted: '12.3456', reasonText: 'short shipped' },
          { invoiceNumber: 'INV-1002', paid: '5.00' },
        ],
      })
      expect(c100.otherInvoices.find((i) => i.number === 'INV-1002')?.fees).toEqual([
        { type: 'late_fee', description: 'Late fee', amount: '35.50' },
      ])
      expect(c100.creditMemos.map((m) => m.number)).toEqual(['CM-9'])
      expect(c100.customerDisputes.length).toBeGreaterThan(1)
      // The open dispute on INV-1002 counts for the customer's other invoices, not for INV-1002 itself.
      const live = (await db.query<{ id: string }>("SELECT id FROM disputes WHERE invoice_number = 'INV-1002'")).rows
      const on1002 = await customerHistory(db, (await store.ledger.getInvoice('INV-1002'))!, 'C-100', home)
      expect(live.length).toBe(1)
      expect(c100.customerDisputes.map((d) => d.id)).toContain(live[0]!.id)
      expect(on1002.customerDisputes.map((d) => d.id)).not.toContain(live[0]!.id)
    } finally {
      await db.close()
    }
  })

  it('the JSON reads name every column of their tables but the keys no mapper reads', async () => {
    const { db } = await open()
    try {
      // A column a migration adds fails here until it is read (MAPPED_COLUMNS) or listed as unread.
      const unread: Record<string, string[]> = {
        purchase_order_lines: ['po_number', 'position'],
        payment_remittances: ['payment_id', 'position'],
        credit_memos: ['request_id'],
        invoices: ['number_key'],
        invoice_lines: ['invoice_number'],
        invoice_fees: ['invoice_number', 'position'],
        contract_prices: ['contract_id', 'position'],
      }
      for (const [table, { plain, numeric }] of Object.entries(MAPPED_COLUMNS)) {
        const columns = await db.query<{ column_name: string }>(
          "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
          [table],
        )
        // The credit memo's currency is its invoice's, joined in.
        const named = new Set(
          [...plain, ...numeric, ...(unread[table] ?? [])].filter((c) => c !== 'currency' || table !== 'credit_memos'),
        )
        expect(columns.rows.map((r) => r.column_name).sort(), table).toEqual([...named].sort())
      }
    } finally {
      await db.close()
    }
  })

  it('reads an invoice record (lines, fees, balance) in one statement as the four reads did', async () => {
    const { db } = await open()
    try {
      const store = await fullerLedger(db)
      const numbers = (await db.query<{ number: string }>('SELECT number FROM invoices ORDER BY number')).rows.map(
        (r) => r.number,
      )
      for (const number of numbers) {
        const header = await db.query<Row>('SELECT * FROM invoices WHERE number = $1', [number])
        const [invoice] = await invoicesOf(db, header.rows)
        const b = (
          await db.query<Row>(
            'SELECT *, total - paid - credited - written_off AS open_balance FROM invoice_balances WHERE number = $1',
            [number],
          )
        ).rows[0]
        const cur = invoice?.currency ?? ''
        expect(await store.ledger.getInvoice(number), number).toEqual({
          ...invoice,
          computedTotal: amount(header.rows[0]?.computed_total, cur),
          paidAmount: amount(b?.paid, cur),
          creditedAmount: amount(b?.credited, cur),
          writtenOffAmount: amount(b?.written_off, cur),
          openBalance: amount(b?.open_balance, cur),
          disputedAmount: amount(b?.disputed, cur),
          collectionsHold: Boolean(b?.collections_hold),
        })
      }
      const inv1001 = await store.ledger.getInvoice('INV-1001')
      expect(inv1001?.creditedAmount).toBe('10.25')
      expect((await store.ledger.getInvoice('INV-1002'))?.collectionsHold).toBe(true)
      const page = await store.ledger.findInvoices({ customerId: 'C-100', limit: 500 })
      expect(page.items).toEqual(await Promise.all(page.items.map((i) => store.ledger.getInvoice(i.number))))
    } finally {
      await db.close()
    }
  })
})
