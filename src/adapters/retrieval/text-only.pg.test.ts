/**
 * Similar-dispute search on a PostgreSQL server without pgvector (Debian's own packages have none):
 * no embedding column, full text alone, and a status that says so. On a server that has pgvector the
 * extension is dropped from the test database first, so this path is proven on every server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../store/db.ts'
import { serverPg, stopPgServer } from '../store/testing-pg.ts'
import { localEmbedder } from './local-embedder.ts'
import { createRetrieval, TEXT_ONLY_MESSAGE } from './retrieval.ts'
import { searchDoc } from './testing.ts'

const PRECEDENTS = [
  searchDoc('T1', 'Renewed contract in May, the invoice still shows last year price', { customerId: 'C-2' }),
  searchDoc('T2', 'Invoice charged twice for the same order', {
    reasonCode: 'duplicate_billing',
    action: 'cancel_and_rebill',
  }),
  searchDoc('T3', 'Pallet arrived crushed, forklift damage on 12 cartons', { reasonCode: 'damaged_goods' }),
]
// Enough rows for the bulk path (which rebuilds the HNSW graph where there is one).
const FILLER = Array.from({ length: 300 }, (_, i) =>
  searchDoc(`F${i}`, `Freight surcharge ${i} on route ${i % 7}`, { reasonCode: 'other' }),
)

describe('retrieval on a PostgreSQL server without pgvector', () => {
  let db: Db
  beforeAll(async () => {
    const opened = await serverPg()
    db = opened.db
    if (opened.server.pgvector) await db.exec('DROP EXTENSION vector CASCADE')
    console.log(`[postgres server] ${opened.server.description}; retrieval tested without pgvector`)
  })
  afterAll(async () => {
    await db?.close()
    await stopPgServer('postgres server')
  })

  it('says it searches full text alone, and finds precedents by their words', async () => {
    const r = createRetrieval(db, localEmbedder())
    expect(await r.status()).toEqual({ code: 'text_only', documents: 0, message: TEXT_ONLY_MESSAGE })
    expect(TEXT_ONLY_MESSAGE).toContain('CREATE EXTENSION vector')
    await r.upsert([...PRECEDENTS, ...FILLER])
    for (const mode of ['fused', 'text'] as const) {
      const [top] = await r.search({ text: 'customer was charged twice for one order', mode, limit: 3 })
      expect(top, mode).toMatchObject({ id: 'T2', reasonCode: 'duplicate_billing', action: 'cancel_and_rebill' })
    }
    expect(await r.search({ text: 'charged twice', mode: 'vector' })).toEqual([])
    const same = await r.search({ text: 'old price', customerId: 'C-2', filter: { sameCustomer: true } })
    expect(same.map((h) => h.id)).toEqual(['T1'])
    await r.upsert([searchDoc('T3', 'Pallet arrived crushed', { reasonCode: 'damaged_goods', outcome: 'partial' })])
    expect((await r.search({ text: 'crushed pallet', limit: 1 }))[0]).toMatchObject({ id: 'T3', outcome: 'partial' })
    const status = await r.status()
    expect(status).toMatchObject({ code: 'text_only', documents: 303 })
    console.log(`[postgres server] full-text-only search over ${status.documents} documents`)
  })

  it('loads in bulk without an index to build, and refuses to re-embed, saying how to install pgvector', async () => {
    const r = createRetrieval(db, localEmbedder())
    await r.load(FILLER.map((d) => ({ ...d, id: `L-${d.id}` })))
    await r.buildIndex()
    expect((await r.search({ text: 'freight surcharge 17', limit: 1 }))[0]?.id).toMatch(/F17$/)
    await expect(r.reindex()).rejects.toThrow(/pgvector/)
  })
})
