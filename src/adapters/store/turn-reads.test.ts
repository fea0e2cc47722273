import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exampleLedger } from '../../testing/example-ledger.ts'
import type { Db } from './db.ts'
import { createStore } from './store.ts'
import { memoryDb } from './testing.ts'
import { isPlainRead, turnReads } from './turn-reads.ts'

const admin = { id: 'system', name: 'Import', role: 'admin' as const }

/** The database, and every statement that reached it. */
async function countedDb(): Promise<{ db: Db; sent: string[] }> {
  const db = await memoryDb()
  const sent: string[] = []
  const query = db.query.bind(db)
  const counted: Db = {
    ...db,
    query: (sql, params) => {
      sent.push(sql)
      return query(sql, params)
    },
  }
  return { db: counted, sent }
}

describe('turn reads', () => {
  let db: Db
  let sent: string[]
  beforeEach(async () => {
    ;({ db, sent } = await countedDb())
    await createStore(db).imports.importLedger(exampleLedger(), admin)
    sent.length = 0
  })
  afterEach(() => db.close())

  it('sends an invoice looked up three times in one turn once, and each caller gets the same invoice', async () => {
    const store = createStore(db)
    const [number] = (await store.ledger.findInvoices({ limit: 1 })).items.map((i) => i.number)
    if (!number) throw new Error('no invoice in the example ledger')
    const alone = await store.ledger.getInvoice(number)
    sent.length = 0
    const seen = await store.withinTurn!(async () => [
      await store.ledger.getInvoice(number),
      ...(await Promise.all([store.ledger.getInvoice(number), store.ledger.getInvoice(number)])),
    ])
    expect(seen).toEqual([alone, alone, alone])
    // getInvoice is one statement (the invoice with its lines, fees and balance), sent once
    expect(sent).toHaveLength(1)
  })

  it('reads again after the turn writes, so a turn sees its own change', async () => {
    const { db: memo, withinTurn } = turnReads(db)
    const name = async () => (await memo.query<{ name: string }>('SELECT name FROM company_settings')).rows[0]?.name
    const seen = await withinTurn(async () => {
      const before = await name()
      await memo.query("UPDATE company_settings SET name = 'Renamed Works'")
      return [before, await name(), await name()]
    })
    expect(seen[0]).not.toBe('Renamed Works')
    expect(seen.slice(1)).toEqual(['Renamed Works', 'Renamed Works'])
    expect(sent.filter((s) => s.startsWith('SELECT name'))).toHaveLength(2)
  })

  it('forgets what it read when the turn runs a transaction', async () => {
    const { db: memo, withinTurn } = turnReads(db)
    const read = () => memo.query('SELECT currency FROM company_settings')
    await withinTurn(async () => {
      await read()
      await memo.transaction((tx) => tx.query("UPDATE company_settings SET currency = 'EUR'"))
      expect((await read()).rows).toEqual([{ currency: 'EUR' }])
    })
    expect(sent.filter((s) => s.startsWith('SELECT currency'))).toHaveLength(2)
  })

  it('sends every read outside a turn, and keeps one turn’s rows from another caller’s changes', async () => {
    const { db: memo, withinTurn } = turnReads(db)
    const read = () => memo.query<{ currency: string }>('SELECT currency FROM company_settings')
    await read()
    await read()
    expect(sent).toHaveLength(2)
    await withinTurn(async () => {
      const first = await read()
      const row = first.rows[0]
      if (row) row.currency = 'changed by a caller'
      expect((await read()).rows[0]?.currency).not.toBe('changed by a caller')
    })
    expect(sent).toHaveLength(3)
  })

  it('keeps each store’s turn apart when one runs inside another’s, and ends each with its turn', async () => {
    const outer = turnReads(db)
    const inner = turnReads(db)
    const read = (t: typeof outer) => t.db.query('SELECT currency FROM company_settings')
    await outer.withinTurn(async () => {
      await read(outer)
      await inner.withinTurn(async () => {
        await read(inner)
        await read(inner)
        await read(outer)
        // A write through one store forgets only that store's reads.
        await inner.db.query("UPDATE company_settings SET currency = 'EUR'")
        await read(outer)
      })
      await read(inner)
    })
    await read(outer)
    // outer: once in its turn (remembered while inner ran), once after; inner: once in its turn, once after
    expect(sent.filter((s) => s.startsWith('SELECT currency'))).toHaveLength(4)
  })
})

describe('isPlainRead', () => {
  it.each([
    ['SELECT * FROM invoices WHERE number = $1', true],
    ['  with q AS (SELECT 1) SELECT * FROM q', true],
    ['SELECT * FROM disputes WHERE id = $1 FOR UPDATE', false],
    ['SELECT * FROM disputes WHERE id = $1 FOR NO KEY UPDATE', false],
    ['WITH moved AS (UPDATE disputes SET status = $1 RETURNING *) SELECT * FROM moved', false],
    ["SELECT nextval('audit_seq')", false],
    ['SELECT pg_advisory_xact_lock(42)', false],
    ['SELECT now() - opened_at AS age FROM disputes', false],
    ['INSERT INTO notes VALUES ($1)', false],
  ])('%s → %s', (sql, plain) => {
    expect(isPlainRead(sql)).toBe(plain)
  })
})
