import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseLedger } from '../../core/ledger.ts'
import { generateDemo } from '../../demo/generate.ts'
import type { Actor, Store } from '../../services/ports.ts'
import { EXAMPLE_LEDGER_PATH } from '../../testing/example-ledger.ts'
import type { Db } from '../store/db.ts'
import { createStore } from '../store/store.ts'
import { memoryPglite } from '../store/testing.ts'
import { createSimilarSearch, embedderFromConfig } from './index.ts'
import { DRIVERS } from './testing.ts'

const admin: Actor = { id: 'system', name: 'Import', role: 'admin' }
const ana: Actor = { id: 'u-ana', name: 'Ana', role: 'specialist' }

function northwind() {
  const r = parseLedger(JSON.parse(readFileSync(EXAMPLE_LEDGER_PATH, 'utf8')))
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  return r.ledger
}

describe.each(DRIVERS)('similar search on %s', (_name, open) => {
  let db: Db
  let store: Store
  beforeEach(async () => {
    db = await open()
    store = createStore(db)
    expect((await store.imports.importLedger(northwind(), admin)).ok).toBe(true)
  })
  afterEach(async () => {
    await db.close()
  })

  it('indexes the ledger past disputes once, and again only what a re-import changed', async () => {
    const similar = await createSimilarSearch(db, {})
    const progress: [number, number][] = []
    expect(await similar.indexPastDisputes((done, total) => progress.push([done, total]))).toBe(3)
    expect(progress).toEqual([[3, 3]])
    expect(await similar.indexPastDisputes()).toBe(0)
    await db.query(`UPDATE past_disputes SET root_cause = 'contract price never loaded' WHERE id = 'DSP-0901'`)
    expect(await similar.indexPastDisputes()).toBe(1)
    const [hit] = await similar.search({ text: 'billed at the old list price, not the contract price', limit: 1 })
    expect(hit).toMatchObject({
      id: 'DSP-0901',
      customerId: 'C-100',
      outcome: 'valid',
      action: 'credit_memo',
      rootCause: 'contract price never loaded',
    })
    expect(await similar.status()).toMatchObject({ code: 'ready', documents: 3 })
  })

  it('makes a dispute searchable as soon as it is opened, and never cites it for itself', async () => {
    const similar = await createSimilarSearch(db, {})
    await similar.indexPastDisputes()
    const opened = await store.disputes.open(
      {
        invoiceNumber: 'INV-1001',
        reasonCode: 'damaged_goods',
        description: 'Three cartons of glassware arrived shattered, the carrier signed for them',
        disputedAmount: '10.00',
        openedOn: '2026-02-01',
      },
      ana,
    )
    if (!opened.ok) throw new Error(opened.error.message)
    await similar.upsertDispute(opened.value)
    const hits = await similar.search({ text: 'glassware shattered in the cartons', limit: 3 })
    expect(hits[0]).toMatchObject({ id: opened.value.id, outcome: null, reasonCode: 'damaged_goods' })
    expect(hits[0]?.summary).toContain('damaged goods (open)')
    const self = await similar.search({ text: 'glassware shattered', excludeId: opened.value.id })
    expect(self.map((h) => h.id)).not.toContain(opened.value.id)
    // The index catches a dispute the services did not pass on, too.
    expect(await similar.indexPastDisputes()).toBe(0)
  })
})

describe('similar search on the demo ledger', () => {
  it('indexes the ~540 demo past disputes in well under a few seconds, idempotently', async () => {
    const { db } = await memoryPglite()
    try {
      const store = createStore(db)
      const ledger = generateDemo({ today: '2026-11-23' }).ledger
      expect((await store.imports.importLedger(ledger, admin)).ok).toBe(true)
      const similar = await createSimilarSearch(db, { embedder: embedderFromConfig({ embeddings: 'local' }) })
      const started = performance.now()
      const n = await similar.indexPastDisputes()
      const ms = performance.now() - started
      console.log(`indexed ${n} in ${Math.round(ms)} ms`)
      expect(n).toBe(ledger.pastDisputes?.length)
      expect(n).toBeGreaterThan(400)
      expect(await similar.indexPastDisputes()).toBe(0)
    } finally {
      await db.close()
    }
  })
})

describe('embedderFromConfig', () => {
  it('picks the local embedder by default and OpenAI when configured', () => {
    expect(embedderFromConfig({ embeddings: 'local' }).id).toBe('local-hash-v1/128')
    const openai = embedderFromConfig({
      embeddings: 'openai',
      openai: { apiKey: 'k', baseURL: undefined, embeddingModel: 'text-embedding-3-small' },
    })
    expect(openai).toMatchObject({ id: 'openai/text-embedding-3-small/256', dimension: 256 })
    expect(() => embedderFromConfig({ embeddings: 'openai' })).toThrow(/OPENAI_API_KEY/)
  })
})
