/**
 * The look-ups a chat turn makes stay index reads at any size (migration 0015): on a real PostgreSQL
 * server with pg_trgm, the plans of a customer search by a word, an invoice search by a fragment of
 * its number, the service logs of one invoice and the invoices of a day (0016) use their indexes; and
 * the counts a turn needs stop at their limit. `npm run bench:scale` measures the same at 100,000 customers.
 */
import { afterAll, describe, expect, it } from 'vitest'
import type { Actor } from '../../services/ports.ts'
import { exampleLedger } from '../../testing/example-ledger.ts'
import type { Db } from './db.ts'
import { importLedger } from './import-ledger.ts'
import { ledgerRepository } from './ledger-repo.ts'
import { serverPg, stopPgServer } from './testing-pg.ts'

const system: Actor = { id: 'system', name: 'Import', role: 'admin' }

afterAll(() => stopPgServer('scale look-ups'))

/** The plan as one line; seq scans are priced out, so the plan says whether an index can serve it. */
async function plan(db: Db, sql: string, params: unknown[]): Promise<string> {
  return db.transaction(async (tx) => {
    await tx.query('SET LOCAL enable_seqscan = off')
    const r = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)
    return r.rows.map((row) => row['QUERY PLAN']).join('\n')
  })
}

describe('look-ups a turn makes, on a PostgreSQL server', () => {
  it('use the trigram, service-log and issue-date indexes, and count no further than asked', async () => {
    const { db } = await serverPg({ max: 2 })
    try {
      const imported = await importLedger(db, exampleLedger(), system)
      expect(imported.ok).toBe(true)
      const trgm = await db.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
      expect(trgm.rows.length, 'Debian’s PostgreSQL ships pg_trgm').toBe(1)

      const customers = await plan(db, 'SELECT * FROM customers WHERE (name ILIKE $1 OR id ILIKE $2)', [
        '%harbor%',
        '%harbor%',
      ])
      expect(customers).toMatch(/customers_name_trgm/)
      expect(customers).toMatch(/customers_id_trgm/)
      expect(await plan(db, 'SELECT * FROM invoices WHERE number_key LIKE $1', ['%1002%'])).toMatch(
        /invoices_number_key_trgm/,
      )
      expect(
        await plan(
          db,
          'SELECT * FROM service_logs WHERE invoice_number = $1 OR (customer_id = $2 AND invoice_number IS NULL)',
          ['INV-1001', 'C-1'],
        ),
      ).toMatch(/service_logs_invoice/)
      expect(
        await plan(db, 'SELECT 1 FROM invoices WHERE issue_date + 0 >= $1 AND issue_date + 0 <= $2', [
          '2026-03-01',
          '2026-03-31',
        ]),
      ).toMatch(/invoices_issue_day/)
      // No index yields issue_date order: a look-up ordered by it with a rare condition sorts what it finds.
      const ordered = await plan(
        db,
        "SELECT number FROM invoices WHERE regexp_replace(lower(po_number), '[^a-z0-9]', '', 'g') = ANY($1::text[]) ORDER BY issue_date, number LIMIT 50",
        [['nosuchpo', 'march', '2026']],
      )
      expect(ordered).not.toMatch(/using invoices_issue/)
      expect(ordered).toMatch(/Sort Key: issue_date/)

      const repo = ledgerRepository(db)
      const all = (await repo.listCustomers({ limit: 500 })).total
      expect(all).toBeGreaterThan(2)
      expect(await repo.countCustomers(2)).toBe(2)
      expect(await repo.countCustomers(all + 10)).toBe(all)
      const invoices = (await repo.findInvoices({ limit: 500 })).total
      expect(await repo.countInvoices(1)).toBe(1)
      expect(await repo.countInvoices(invoices + 10)).toBe(invoices)
      expect(await repo.countInvoices(invoices + 10, { issuedFrom: '2999-01-01' })).toBe(0)
    } finally {
      await db.close()
    }
  })
})
