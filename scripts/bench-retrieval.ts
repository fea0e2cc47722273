/**
 * `npm run bench:retrieval [-- --sizes 10000,100000]`: quality on the labelled set and speed at scale
 * for similar-dispute search, side by side with LangChain's PGVectorStore on the same database (PGlite
 * served over the wire to `pg`) and the same embeddings. Prints numbers; asserts nothing.
 */
import { PGVectorStore } from '@langchain/community/vectorstores/pgvector'
import { Document } from '@langchain/core/documents'
import type { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import pg from 'pg'
import { measure, type Quality } from '../evals/retrieval/evaluate.ts'
import { type LabelledQuery, loadLabelledSet, type PastDisputeDoc } from '../evals/retrieval/labelled-set.ts'
import { syntheticCorpus } from '../evals/retrieval/synthetic.ts'
import { EmbedderEmbeddings } from '../src/adapters/langchain/similar-disputes-retriever.ts'
import { type Embedder, toVectorLiteral } from '../src/adapters/retrieval/embedder.ts'
import { localEmbedder } from '../src/adapters/retrieval/local-embedder.ts'
import { mean, percentile, recallAt, reciprocalRank } from '../src/adapters/retrieval/metrics.ts'
import { createRetrieval, type Retrieval, type SearchQuery } from '../src/adapters/retrieval/retrieval.ts'
import { bodyOf, fromPastDispute } from '../src/adapters/retrieval/search-document.ts'
import type { Db } from '../src/adapters/store/db.ts'
import { pgDb } from '../src/adapters/store/pg-db.ts'
import { memoryPglite } from '../src/adapters/store/testing.ts'
import { isMain } from './bench-lib.ts'

const EF_SWEEP = [40, 200, 400, 800]
const WARMUP = 10

const log = (s: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${s}\n`)
const r2 = (x: number) => Math.round(x * 100) / 100
const r3 = (x: number) => Math.round(x * 1000) / 1000
const mb = (bytes: number) => Math.round(bytes / 2 ** 20)

interface Bench {
  pg: PGlite
  db: Db
  wire: Db
  pool: pg.Pool
  server: PGLiteSocketServer
  ours: Retrieval
  oursWire: Retrieval
  langchain: PGVectorStore
}

async function open(embedder: Embedder): Promise<Bench> {
  // PostgreSQL's default cache: the 100k corpus's table and indexes are 190 MB, and the figures in
  // docs/retrieval.md were taken with it.
  const { pg: pglite, db } = await memoryPglite({ sharedBuffers: '128MB' })
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 4 })
  await server.start()
  const url = `postgres://postgres@${server.getServerConn()}/postgres?sslmode=disable`
  const wire = pgDb({ connectionString: url, max: 1 })
  // PGVectorStore.initialize holds one client for its lifetime; queries go through a second.
  const pool = new pg.Pool({ connectionString: url, max: 2 })
  const langchain = await PGVectorStore.initialize(new EmbedderEmbeddings(embedder), {
    pool,
    tableName: 'langchain_documents',
    dimensions: embedder.dimension,
    distanceStrategy: 'cosine',
  })
  return {
    pg: pglite,
    db,
    wire,
    pool,
    server,
    langchain,
    ours: createRetrieval(db, embedder),
    oursWire: createRetrieval(wire, embedder),
  }
}

async function close(b: Bench): Promise<void> {
  await b.langchain.end().catch(() => {})
  await b.pool.end().catch(() => {})
  await b.wire.close()
  await b.server.stop()
  await b.pg.close()
}

const toDocs = (corpus: readonly PastDisputeDoc[]) =>
  corpus.map(({ situation: _s, ...p }) => fromPastDispute({ ...p, disputedAmount: '0.00' }))

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now()
  const out = await fn()
  return [out, performance.now() - t]
}

/** Latency of `fn` over the queries after a short warm-up: p50 and p95 in ms. */
async function latency(queries: readonly LabelledQuery[], fn: (q: LabelledQuery) => Promise<unknown>) {
  for (const q of queries.slice(0, WARMUP)) await fn(q)
  const ms: number[] = []
  for (const q of queries) ms.push((await timed(() => fn(q)))[1])
  return { p50: r2(percentile(ms, 50)), p95: r2(percentile(ms, 95)) }
}

async function load(b: Bench, embedder: Embedder, corpus: readonly PastDisputeDoc[]) {
  const docs = toDocs(corpus)
  const [, loadMs] = await timed(() => b.ours.load(docs))
  const [, buildMs] = await timed(() => b.ours.buildIndex())
  const vectors: number[][] = []
  for (let i = 0; i < docs.length; i += 2000)
    vectors.push(...(await embedder.embed(docs.slice(i, i + 2000).map(bodyOf))))
  const lcDocs = corpus.map(
    (c, i) => new Document({ pageContent: bodyOf(docs[i] as (typeof docs)[number]), metadata: { id: c.id } }),
  )
  const [, lcLoadMs] = await timed(() => b.langchain.addVectors(vectors, lcDocs))
  const [, lcBuildMs] = await timed(() => b.langchain.createHnswIndex({ dimensions: embedder.dimension }))
  return { loadMs, buildMs, lcLoadMs, lcBuildMs }
}

const lcIds = async (b: Bench, text: string, k: number) =>
  (await b.langchain.similaritySearch(text, k)).map((d) => String((d.metadata as { id: string }).id))

export async function quality(embedder: Embedder) {
  log('quality on the labelled set')
  const { corpus, queries } = loadLabelledSet()
  const b = await open(embedder)
  try {
    await load(b, embedder, corpus)
    const ours = await measure(
      async (q, mode) => (await b.ours.search({ text: q.text, limit: 10, mode })).map((h) => h.id),
      queries,
    )
    const lc = (await measure((q) => lcIds(b, q.text, 10), queries, ['vector'])).map((x) => ({
      ...x,
      mode: 'langchain' as Quality['mode'],
    }))
    return [...ours, ...lc].sort((a, x) => a.set.localeCompare(x.set))
  } finally {
    await close(b)
  }
}

interface VectorHit {
  id: string
  d: number
}

async function vectorTop(db: Db, v: string, k: number, how: { exact: true } | { ef: number }): Promise<VectorHit[]> {
  return db.transaction(async (tx) => {
    if ('exact' in how) await tx.exec('SET LOCAL enable_indexscan = off')
    else await tx.exec(`SET LOCAL hnsw.ef_search = ${how.ef}`)
    const r = await tx.query<VectorHit>(
      'SELECT id, embedding <=> $1::vector AS d FROM search_documents ORDER BY embedding <=> $1::vector LIMIT $2',
      [v, k],
    )
    return r.rows.map((x) => ({ id: x.id, d: Number(x.d) }))
  })
}

/** Recall against exact search that counts a tie at the 10th distance as found (duplicates abound). */
function recallVsExact(approx: readonly VectorHit[], exact: readonly VectorHit[], k: number): number {
  const cutoff = (exact[k - 1] ?? exact[exact.length - 1])?.d ?? Number.POSITIVE_INFINITY
  const found = approx.slice(0, k).filter((h) => h.d <= cutoff + 1e-6).length
  return found / Math.min(k, exact.length)
}

/**
 * Load, index and query `size` past disputes. `sweep: false` (what `npm run bench` asks) skips the
 * recall of HNSW against exact search per ef_search and the SQL-only latencies.
 */
export async function scale(embedder: Embedder, size: number, { sweep = true } = {}) {
  const { corpus: base, queries } = loadLabelledSet()
  log(`scale ${size}: generating`)
  const corpus = syntheticCorpus(base, size)
  const situation = new Map(corpus.map((c) => [c.id, c.situation]))
  const b = await open(embedder)
  try {
    const rssBefore = process.memoryUsage().rss
    log(`scale ${size}: loading and building indexes`)
    const loaded = await load(b, embedder, corpus)
    const rssAfter = process.memoryUsage().rss
    const sizes = (
      await b.db.query<{ name: string; bytes: string }>(
        `SELECT c.relname AS name, pg_relation_size(c.oid)::text AS bytes FROM pg_class c
         WHERE c.relname IN ('search_documents', 'search_documents_embedding', 'search_documents_tsv',
                             'langchain_documents', 'embedding_embedding_hnsw_idx')`,
      )
    ).rows.reduce<Record<string, number>>((m, r) => Object.assign(m, { [r.name]: mb(Number(r.bytes)) }), {})

    const vecs = new Map<string, string>()
    for (const q of queries) vecs.set(q.id, toVectorLiteral((await embedder.embed([q.text]))[0] as number[]))
    const recall: Record<string, number> = {}
    if (sweep) log(`scale ${size}: recall of HNSW against exact`)
    const exact = new Map<string, VectorHit[]>()
    if (sweep)
      for (const q of queries) exact.set(q.id, await vectorTop(b.db, vecs.get(q.id) as string, 10, { exact: true }))
    for (const ef of sweep ? EF_SWEEP : []) {
      const rs: number[] = []
      for (const q of queries) {
        const hits = await vectorTop(b.db, vecs.get(q.id) as string, 10, { ef })
        rs.push(recallVsExact(hits, exact.get(q.id) as VectorHit[], 10))
      }
      recall[`ef_search=${ef}`] = r3(mean(rs))
    }

    log(`scale ${size}: latency`)
    const v = (q: LabelledQuery) => vecs.get(q.id) as string
    const search = (r: Retrieval, q: LabelledQuery, over: Partial<SearchQuery> = {}) =>
      r.search({ text: q.text, limit: 10, customerId: q.customerId, reasonCode: q.reasonCode, ...over })
    const none = { p50: Number.NaN, p95: Number.NaN }
    const lat = {
      'vector top-10 SQL, HNSW (ef_search=800)': sweep
        ? await latency(queries, (q) => vectorTop(b.db, v(q), 10, { ef: 800 }))
        : none,
      'vector top-10 SQL, exact': sweep
        ? await latency(queries, (q) => vectorTop(b.db, v(q), 10, { exact: true }))
        : none,
      'ours fused, in-process PGlite': await latency(queries, (q) => search(b.ours, q)),
      'ours vector-only, in-process PGlite': await latency(queries, (q) => search(b.ours, q, { mode: 'vector' })),
      'ours fused, pg over the wire': await latency(queries, (q) => search(b.oursWire, q)),
      'LangChain PGVectorStore, pg over the wire': await latency(queries, (q) => lcIds(b, q.text, 10)),
    }
    const lcPlan = await b.pool.query(
      `EXPLAIN SELECT *, embedding <=> $1 AS "_distance" FROM langchain_documents ORDER BY "_distance" ASC LIMIT 10`,
      [vecs.get(queries[0]?.id as string)],
    )
    const lcUsesIndex = lcPlan.rows.some((r) => String(Object.values(r)[0]).includes('hnsw_idx'))

    log(`scale ${size}: quality at scale (relevant = same situation)`)
    const recall5 = async (ranked: (q: LabelledQuery) => Promise<string[]>) => {
      const rs: number[] = []
      const rr: number[] = []
      for (const q of queries) {
        const ids = await ranked(q)
        const rel = new Set(ids.filter((id) => situation.get(id) === q.situation))
        rs.push(recallAt(5, ids, new Set([...rel, ...q.relevant])))
        rr.push(reciprocalRank(ids, rel))
      }
      return { recallAt5: r3(mean(rs)), mrr: r3(mean(rr)) }
    }
    const ids = async (r: Retrieval, q: LabelledQuery, mode: SearchQuery['mode']) =>
      (await r.search({ text: q.text, limit: 10, mode })).map((h) => h.id)
    // Over the wire like LangChain's: an in-process query between a socket client's protocol messages
    // makes PGlite answer the client with another query's rows ("unexpected dataRow message").
    const qual = {
      'ours fused': await recall5((q) => ids(b.oursWire, q, 'fused')),
      'ours vector': await recall5((q) => ids(b.oursWire, q, 'vector')),
      'ours text': await recall5((q) => ids(b.oursWire, q, 'text')),
      LangChain: await recall5((q) => lcIds(b, q.text, 10)),
    }
    return {
      size,
      loadMs: Math.round(loaded.loadMs),
      hnswBuildMs: Math.round(loaded.buildMs),
      langchainLoadMs: Math.round(loaded.lcLoadMs),
      langchainHnswBuildMs: Math.round(loaded.lcBuildMs),
      langchainPlanUsesHnsw: lcUsesIndex,
      rssMb: { beforeLoad: mb(rssBefore), afterLoadAndBuild: mb(rssAfter) },
      relationMb: sizes,
      hnswRecallAt10VsExact: recall,
      latencyMs: lat,
      qualityAtScale: qual,
    }
  } finally {
    await close(b)
  }
}

async function main() {
  const args = process.argv.slice(2)
  const sizesArg = args[args.indexOf('--sizes') + 1]
  const SIZES = args.includes('--sizes') && sizesArg ? sizesArg.split(',').map(Number) : [10_000, 100_000]
  const embedder = localEmbedder()
  const started = performance.now()
  const q = await quality(embedder)
  console.log(`\nQuality on the labelled set (${q[0]?.queries ?? 0}+ queries; embedder ${embedder.id})`)
  console.table(q)
  const results = []
  for (const size of SIZES) {
    const r = await scale(embedder, size)
    results.push(r)
    console.log(`\nScale: ${size} past disputes`)
    console.log(JSON.stringify(r, null, 2))
  }
  const fusedAll = q.find((x) => x.set === 'all' && x.mode === 'fused')
  const lcAll = q.find((x) => x.set === 'all' && x.mode === ('langchain' as Quality['mode']))
  console.log('\nOurs against LangChain PGVectorStore (same database, same embeddings)')
  console.table(
    results.map((r) => ({
      size: r.size,
      'recall@5 ratio (labelled set)': fusedAll && lcAll ? r3(fusedAll.recallAt5 / lcAll.recallAt5) : null,
      'recall@5 ratio (at scale)': r3(r.qualityAtScale['ours fused'].recallAt5 / r.qualityAtScale.LangChain.recallAt5),
      'p95 ratio (both over the wire)': r2(
        r.latencyMs['ours fused, pg over the wire'].p95 / r.latencyMs['LangChain PGVectorStore, pg over the wire'].p95,
      ),
    })),
  )
  const [small, large] = [results[0], results[results.length - 1]]
  if (small && large && small !== large) {
    const g = (a: number, b: number) => r2(b / a)
    console.log(`\nGrowth ${small.size} -> ${large.size} (x${large.size / small.size} rows)`)
    console.table({
      'HNSW build': g(small.hnswBuildMs, large.hnswBuildMs),
      'HNSW p50': g(
        small.latencyMs['vector top-10 SQL, HNSW (ef_search=800)'].p50,
        large.latencyMs['vector top-10 SQL, HNSW (ef_search=800)'].p50,
      ),
      'exact p50': g(small.latencyMs['vector top-10 SQL, exact'].p50, large.latencyMs['vector top-10 SQL, exact'].p50),
      'fused p50': g(
        small.latencyMs['ours fused, in-process PGlite'].p50,
        large.latencyMs['ours fused, in-process PGlite'].p50,
      ),
      'HNSW index size': g(
        small.relationMb.search_documents_embedding ?? 1,
        large.relationMb.search_documents_embedding ?? 1,
      ),
    })
  }
  console.log(
    `\nTotal ${Math.round((performance.now() - started) / 1000)} s on ${process.platform}/${process.arch}, Node ${process.version}`,
  )
}

if (isMain(import.meta.url)) await main()
