/**
 * OpenAI (or any OpenAI-compatible) embeddings. The composition root passes the key and base URL;
 * nothing here reads the environment. `dimensions` shortens text-embedding-3 vectors so the HNSW
 * index stays small. The client library is loaded on the first call, not at start.
 */
import type OpenAI from 'openai'
import { type Embedder, l2Normalise } from './embedder.ts'

export interface OpenAiEmbedderOptions {
  apiKey: string
  baseURL?: string
  model?: string
  dimension?: number
  /** Inputs per request: the API accepts up to 2,048. */
  batchSize?: number
}

export function openAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const model = options.model ?? 'text-embedding-3-small'
  const dimension = options.dimension ?? 256
  const batchSize = options.batchSize ?? 256
  let client: Promise<OpenAI> | undefined
  const openai = () =>
    (client ??= import('openai').then(
      ({ default: OpenAI }) =>
        new OpenAI({ apiKey: options.apiKey, ...(options.baseURL ? { baseURL: options.baseURL } : {}) }),
    ))
  return {
    id: `openai/${model}/${dimension}`,
    dimension,
    async embed(texts) {
      const out: number[][] = []
      for (let i = 0; i < texts.length; i += batchSize) {
        const batch = texts.slice(i, i + batchSize).map((t) => (t.trim() === '' ? ' ' : t))
        const r = await (await openai()).embeddings.create({ model, input: batch, dimensions: dimension })
        const sorted = [...r.data].sort((a, b) => a.index - b.index)
        for (const d of sorted) {
          if (d.embedding.length !== dimension) {
            throw new Error(`embedding from ${model} has ${d.embedding.length} dimensions, expected ${dimension}`)
          }
          out.push(l2Normalise(d.embedding))
        }
      }
      return out
    },
  }
}
