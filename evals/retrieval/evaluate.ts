/**
 * Loads the labelled set into a retrieval and measures recall@5 and MRR for full-text only,
 * vectors only and fused. Queries carry only their text: boosts and filters are tested apart.
 */
import type { Retrieval, SearchMode } from '../../src/adapters/retrieval/retrieval.ts'
import { fromPastDispute } from '../../src/adapters/retrieval/search-document.ts'
import { mean, reciprocalRank, recallAt } from '../../src/adapters/retrieval/metrics.ts'
import type { LabelledQuery, PastDisputeDoc } from './labelled-set.ts'

export interface Quality {
  set: LabelledQuery['set'] | 'all'
  mode: SearchMode
  recallAt5: number
  mrr: number
  queries: number
}

export async function loadCorpus(retrieval: Retrieval, corpus: readonly PastDisputeDoc[]): Promise<void> {
  await retrieval.upsert(corpus.map(({ situation: _s, ...p }) => fromPastDispute({ ...p, disputedAmount: '0.00' })))
}

export async function measure(
  search: (q: LabelledQuery, mode: SearchMode) => Promise<string[]>,
  queries: readonly LabelledQuery[],
  modes: readonly SearchMode[] = ['text', 'vector', 'fused'],
): Promise<Quality[]> {
  const out: Quality[] = []
  for (const mode of modes) {
    const scored: { set: LabelledQuery['set']; recall: number; rr: number }[] = []
    for (const q of queries) {
      const ranked = await search(q, mode)
      const relevant = new Set(q.relevant)
      scored.push({ set: q.set, recall: recallAt(5, ranked, relevant), rr: reciprocalRank(ranked, relevant) })
    }
    for (const set of ['all', 'dev', 'held-out'] as const) {
      const s = scored.filter((x) => set === 'all' || x.set === set)
      if (s.length === 0) continue
      const recallAt5 = round(mean(s.map((x) => x.recall)))
      out.push({ set, mode, recallAt5, mrr: round(mean(s.map((x) => x.rr))), queries: s.length })
    }
  }
  return out
}

const round = (x: number) => Math.round(x * 1000) / 1000

export async function evaluateRetrieval(
  retrieval: Retrieval,
  corpus: readonly PastDisputeDoc[],
  queries: readonly LabelledQuery[],
): Promise<Quality[]> {
  await loadCorpus(retrieval, corpus)
  return measure(
    async (q, mode) => (await retrieval.search({ text: q.text, limit: 10, mode })).map((h) => h.id),
    queries,
  )
}
