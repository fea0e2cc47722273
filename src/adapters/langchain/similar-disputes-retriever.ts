/**
 * Similar past disputes for LangChain chains: a BaseRetriever over our fused search (full-text +
 * pgvector, same-customer and same-reason boosts), and our embedder as LangChain `Embeddings`, so a
 * LangChain vector store can be fed exactly the vectors we search with.
 */
import { Document } from '@langchain/core/documents'
import { Embeddings } from '@langchain/core/embeddings'
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers'
import type { SimilarDispute } from '../../core/resolution.ts'
import type { ReasonCode } from '../../core/ledger.ts'
import type { Embedder } from '../retrieval/embedder.ts'
import type { SimilarSearch } from '../../services/services.ts'

/** The hit's fields travel as metadata; the page content is the one-line summary a model can quote. */
export type SimilarDisputeMetadata = Omit<SimilarDispute, 'summary'>

export interface SimilarDisputesRetrieverInput extends BaseRetrieverInput {
  search: Pick<SimilarSearch, 'search'>
  /** Hits per query (default 5). */
  k?: number
  /** Boost precedents of this customer and reason (the dispute being investigated). */
  customerId?: string
  reasonCode?: ReasonCode
  excludeId?: string
}

export class SimilarDisputesRetriever extends BaseRetriever<SimilarDisputeMetadata> {
  static override lc_name(): string {
    return 'SimilarDisputesRetriever'
  }
  lc_namespace = ['dispute_desk', 'retrievers']
  readonly #input: SimilarDisputesRetrieverInput

  constructor(input: SimilarDisputesRetrieverInput) {
    super(input)
    this.#input = input
  }

  override async _getRelevantDocuments(query: string): Promise<Document<SimilarDisputeMetadata>[]> {
    const { search, k, customerId, reasonCode, excludeId } = this.#input
    const hits = await search.search({
      text: query,
      limit: k ?? 5,
      ...(customerId ? { customerId } : {}),
      ...(reasonCode ? { reasonCode } : {}),
      ...(excludeId ? { excludeId } : {}),
    })
    return hits.map(({ summary, ...metadata }) => new Document({ id: metadata.id, pageContent: summary, metadata }))
  }
}

export class EmbedderEmbeddings extends Embeddings {
  readonly #embedder: Embedder
  constructor(embedder: Embedder) {
    super({})
    this.#embedder = embedder
  }
  embedDocuments(texts: string[]): Promise<number[][]> {
    return this.#embedder.embed(texts)
  }
  async embedQuery(text: string): Promise<number[]> {
    const [v] = await this.#embedder.embed([text])
    if (!v) throw new Error('the embedder returned no vector')
    return v
  }
}
