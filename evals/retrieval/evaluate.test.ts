import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localEmbedder } from '../../src/adapters/retrieval/local-embedder.ts'
import { createRetrieval } from '../../src/adapters/retrieval/retrieval.ts'
import type { Db } from '../../src/adapters/store/db.ts'
import { memoryDb } from '../../src/adapters/store/testing.ts'
import { evaluateRetrieval, type Quality } from './evaluate.ts'
import { loadLabelledSet } from './labelled-set.ts'

describe('the labelled set of similar disputes', () => {
  const { corpus, queries } = loadLabelledSet()
  let db: Db
  let quality: Quality[]
  beforeAll(async () => {
    db = await memoryDb()
    quality = await evaluateRetrieval(createRetrieval(db, localEmbedder()), corpus, queries)
    console.table(quality)
  })
  afterAll(async () => {
    await db.close()
  })
  const at = (set: Quality['set'], mode: Quality['mode']) =>
    quality.find((q) => q.set === set && q.mode === mode) as Quality

  it('has at least 150 queries, each with the past disputes of its situation', () => {
    expect(queries.length).toBeGreaterThanOrEqual(150)
    const ids = new Set(corpus.map((c) => c.id))
    for (const q of queries) {
      expect(q.relevant.length).toBeGreaterThan(0)
      for (const id of q.relevant) expect(ids.has(id)).toBe(true)
      const sameSituation = corpus.filter((c) => c.situation === q.situation).map((c) => c.id)
      expect(q.relevant).toEqual(sameSituation)
    }
  })

  it('ranks better fused than by full-text or vectors alone (recall@5)', () => {
    const fused = at('all', 'fused')
    expect(fused.recallAt5).toBeGreaterThan(at('all', 'text').recallAt5)
    expect(fused.recallAt5).toBeGreaterThan(at('all', 'vector').recallAt5)
  })

  it('keeps its edge over full-text on the held-out queries the synonym map never saw', () => {
    expect(at('held-out', 'fused').recallAt5).toBeGreaterThan(at('held-out', 'text').recallAt5)
  })
})
