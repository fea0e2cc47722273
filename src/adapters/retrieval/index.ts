/**
 * Similar past disputes as the services see them (`SimilarSearch`), plus what the composition root
 * needs: indexing the ledger's past disputes after an import, the provider's status, and picking the
 * embedder from config. Everything else in this folder is reachable through `retrieval`.
 */
import type { SimilarDispute } from '../../core/resolution.ts'
import type { SimilarQuery, SimilarSearch } from '../../services/services.ts'
import type { Db } from '../store/db.ts'
import type { Embedder } from './embedder.ts'
import { localEmbedder } from './local-embedder.ts'
import { openAiEmbedder } from './openai-embedder.ts'
import { createRetrieval, type Retrieval, type RetrievalOptions, type RetrievalStatus } from './retrieval.ts'
import { fromDisputeRecord, type SearchDocument, summaryLine } from './search-document.ts'

export type { Embedder } from './embedder.ts'
export { localEmbedder } from './local-embedder.ts'
export { openAiEmbedder } from './openai-embedder.ts'
export type { Retrieval, RetrievalOptions, RetrievalStatus, SearchMode, SearchQuery } from './retrieval.ts'

export interface SimilarDisputeSearch extends SimilarSearch {
  /**
   * Indexes every past dispute (ledger table) and recorded dispute that is missing from the index or
   * changed since it was indexed. Idempotent; returns how many documents it wrote.
   */
  indexPastDisputes(progress?: (done: number, total: number) => void): Promise<number>
  /** `needs_reembed` when the stored vectors come from another provider: run `npm run reembed`. */
  status(): Promise<RetrievalStatus>
  /** The underlying engine: modes, filters, exact search, re-embedding. */
  readonly retrieval: Retrieval
}

export interface EmbeddingsConfig {
  embeddings: 'local' | 'openai'
  openai?: { apiKey: string; baseURL?: string | undefined; embeddingModel: string } | undefined
}

export function embedderFromConfig(config: EmbeddingsConfig): Embedder {
  if (config.embeddings === 'local') return localEmbedder()
  if (!config.openai) throw new Error('DISPUTE_DESK_EMBEDDINGS=openai needs OPENAI_API_KEY')
  return openAiEmbedder({
    apiKey: config.openai.apiKey,
    model: config.openai.embeddingModel,
    ...(config.openai.baseURL ? { baseURL: config.openai.baseURL } : {}),
  })
}

interface PendingRow {
  id: string
  customer_id: string
  invoice_number: string | null
  reason_code: SearchDocument['reasonCode']
  opened_date: string
  outcome: SearchDocument['outcome']
  action: SearchDocument['action']
  root_cause: string | null
  department: string | null
  description: string
}

// A row is pending when it is missing from the index or any field the index copies has changed
// (a re-import corrected it, or a dispute was resolved without going through upsertDispute).
const pendingFrom = (table: string, date: string, outcome: string) => `
SELECT t.id, t.customer_id, t.invoice_number, t.reason_code, to_char(t.${date}, 'YYYY-MM-DD') AS opened_date,
       t.${outcome} AS outcome, t.action, t.root_cause, t.department, t.description
FROM ${table} t LEFT JOIN search_documents s ON s.id = t.id
WHERE s.id IS NULL
   OR s.body IS DISTINCT FROM (t.description || coalesce(E'\\n' || t.root_cause, ''))
   OR s.outcome IS DISTINCT FROM t.${outcome} OR s.action IS DISTINCT FROM t.action
   OR s.reason_code IS DISTINCT FROM t.reason_code OR s.customer_id IS DISTINCT FROM t.customer_id
   OR s.invoice_number IS DISTINCT FROM t.invoice_number`

const PENDING_SQL = `${pendingFrom('past_disputes', 'opened_date', 'classification')}
UNION ALL ${pendingFrom('disputes', 'opened_on', 'classification')}
ORDER BY id`

function toDocument(r: PendingRow): SearchDocument {
  const base = { reasonCode: r.reason_code, outcome: r.outcome, action: r.action, rootCause: r.root_cause }
  return {
    ...base,
    id: r.id,
    customerId: r.customer_id,
    invoiceNumber: r.invoice_number,
    openedDate: r.opened_date,
    department: r.department,
    text: r.description,
    summary: summaryLine({ ...base, text: r.description }),
  }
}

export async function createSimilarSearch(
  db: Db,
  options: { embedder?: Embedder; retrieval?: RetrievalOptions } = {},
): Promise<SimilarDisputeSearch> {
  const retrieval = createRetrieval(db, options.embedder ?? localEmbedder(), options.retrieval)
  // Fail at start, not on the first question, when the migration is missing.
  await retrieval.status()
  const batch = 500
  return {
    retrieval,
    search: (q: SimilarQuery): Promise<SimilarDispute[]> =>
      retrieval.search({
        text: q.text,
        ...(q.customerId ? { customerId: q.customerId } : {}),
        ...(q.customerId && q.onlyCustomer ? { filter: { sameCustomer: true } } : {}),
        ...(q.reasonCode ? { reasonCode: q.reasonCode } : {}),
        ...(q.excludeId ? { excludeId: q.excludeId } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
      }),
    upsertDispute: (d) => retrieval.upsert([fromDisputeRecord(d)]),
    async indexPastDisputes(progress) {
      const pending = (await db.query<PendingRow>(PENDING_SQL)).rows
      for (let i = 0; i < pending.length; i += batch) {
        await retrieval.upsert(pending.slice(i, i + batch).map(toDocument))
        progress?.(Math.min(i + batch, pending.length), pending.length)
      }
      return pending.length
    },
    status: () => retrieval.status(),
  }
}
