/**
 * On a real PostgreSQL server (testing-pg.ts), what PGlite cannot show: migrations from an empty
 * database on a server without pgvector, and credit requests racing through two connection pools,
 * where the per-dispute caps hold only because of the row locks.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { add, moneyOf, toDecimal, zero } from '../../core/money.ts'
import type { Actor, CreditMemoRequest, StoreResult } from '../../services/ports.ts'
import { exampleLedger } from '../../testing/example-ledger.ts'
import { migrate } from './migrate.ts'
import { pgDb } from './pg-db.ts'
import { createStore } from './store.ts'
import { findPgBin, MISSING_PG_MESSAGE, serverPg, stopPgServer } from './testing-pg.ts'
import { investigatedDispute } from './testing-disputes.ts'

const system: Actor = { id: 'system', name: 'Import', role: 'admin' }
const ana: Actor = { id: 'u-ana', name: 'Ana', role: 'specialist' }
const fin: Actor = { id: 'u-fin', name: 'Fin', role: 'finance_controller' }

afterAll(() => stopPgServer('postgres server'))

const total = (rs: StoreResult<CreditMemoRequest>[]) =>
  rs.reduce((t, r) => (r.ok ? add(t, moneyOf(r.value.amount, 'USD')) : t), zero('USD'))

describe('a PostgreSQL server', () => {
  it('migrates an empty database, with the vector column only where pgvector is installed', async () => {
    const { db, server } = await serverPg({ empty: true })
    try {
      const first = await migrate(db)
      expect(first.applied.length).toBeGreaterThan(5)
      expect((await migrate(db)).applied).toEqual([])
      const column = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'search_documents' AND column_name = 'embedding'",
      )
      expect(column.rows[0]?.n).toBe(server.pgvector ? 1 : 0)
      console.log(`[postgres server] ${server.description}: ${first.applied.length} migrations applied from empty`)
    } finally {
      await db.close()
    }
  })

  it('never lets credit requests through two connection pools exceed what the dispute supports', async () => {
    const { db: a, url } = await serverPg()
    const b = pgDb({ connectionString: url })
    try {
      const [one, two] = [createStore(a), createStore(b)]
      expect((await one.imports.importLedger(exampleLedger(), system)).ok).toBe(true)
      const d = await investigatedDispute(one, { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error' }, ana)
      expect(d.supportedAmount).toBe('150.00')
      const ask = (i: number) =>
        (i % 2 ? two : one).creditMemos.request(
          { disputeId: d.id, amount: '20.00', reason: `request ${i}`, kind: 'credit_memo' },
          ana,
        )
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => ask(i)))
      const accepted = results.filter((r) => r.ok)
      expect(accepted).toHaveLength(7)
      expect(results.filter((r) => !r.ok && r.error.code === 'credit_exceeds_supported')).toHaveLength(23)
      expect(toDecimal(total(results))).toBe('140.00')
      // Approvals race the same way, each through the other pool than its request.
      const decided = await Promise.all(
        accepted.map((r, i) =>
          r.ok ? (i % 2 ? one : two).creditMemos.decide(r.value.id, 'approve', 'contract price', fin) : null,
        ),
      )
      expect(decided.every((r) => r?.ok)).toBe(true)
      expect(await two.disputes.get(d.id)).toMatchObject({ credited: '140.00', remainingDisputed: '10.00' })
      expect(await one.disputes.verifyChain()).toMatchObject({ ok: true })
      console.log(
        `[postgres server] two pools: 30 requests of 20.00 → ${accepted.length} accepted (${toDecimal(total(results))} of 150.00 supported), ${decided.length} approved concurrently`,
      )
    } finally {
      await b.close()
      await a.close()
    }
  })
})

describe('finding the server binaries', () => {
  it('finds initdb on PATH or under /usr/lib/postgresql, else says how to install it', () => {
    expect(findPgBin('', '/nonexistent')).toBeNull()
    const found = findPgBin()
    expect(found === null || existsSync(join(found, 'pg_ctl'))).toBe(true)
    expect(MISSING_PG_MESSAGE).toContain('apt-get install -y postgresql')
    expect(MISSING_PG_MESSAGE).toContain('DISPUTE_DESK_TEST_PG_URL')
  })
})
