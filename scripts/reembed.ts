/**
 * `npm run reembed`: re-embeds every indexed dispute with the configured provider
 * (DISPUTE_DESK_EMBEDDINGS, OPENAI_API_KEY, DISPUTE_DESK_EMBEDDING_MODEL), retyping the vector column
 * to its dimension and rebuilding the HNSW index, then indexes past disputes not yet in the index.
 * Run it after changing the provider: until then search answers from full-text alone.
 */
import { createSimilarSearch, embedderFromConfig } from '../src/adapters/retrieval/index.ts'
import { answerArgs, checkNoArguments, exitCodes, readDotEnv } from '../src/cli/entry.ts'
import { openConfiguredDb } from '../src/cli/open-configured-db.ts'

const USAGE = `usage: npm run reembed
Re-embeds every indexed dispute with the configured provider (DISPUTE_DESK_EMBEDDINGS, OPENAI_API_KEY,
DISPUTE_DESK_EMBEDDING_MODEL) on the configured database (DISPUTE_DESK_DATA or DATABASE_URL, from the
environment or a .env file in the working directory), then indexes past disputes not yet indexed.
${exitCodes('re-embedded', 'could not (database in use or unreachable, the embedding provider failed)')}`

async function main(): Promise<number> {
  const answered = answerArgs(checkNoArguments(process.argv.slice(2)), 'npm run reembed', USAGE)
  if (answered !== null) return answered
  if (!readDotEnv('npm run reembed')) return 2
  const opened = await openConfiguredDb(process.env)
  if (!opened.ok) {
    console.error(opened.message)
    return opened.exitCode
  }
  const { db, config } = opened
  try {
    const similar = await createSimilarSearch(db, { embedder: embedderFromConfig(config) })
    const before = await similar.status()
    console.log(
      before.code === 'ready'
        ? `Stored vectors: ${before.embedder} (${before.documents} documents); re-embedding anyway.`
        : before.code === 'text_only'
          ? `No vectors stored (full text only); embedding ${before.documents} documents.`
          : `Stored vectors: ${before.stored}; switching to ${before.current} (${before.documents} documents).`,
    )
    const r = await similar.retrieval
      .reindex((done, total) => console.log(`  ${done}/${total}`))
      .catch((err: Error) => err)
    if (r instanceof Error) {
      console.error(r.message)
      return 1
    }
    const added = await similar.indexPastDisputes()
    const after = await similar.status()
    console.log(
      `Re-embedded ${r.documents} documents in ${r.ms} ms, indexed ${added} new; now ${JSON.stringify(after)}`,
    )
    return 0
  } finally {
    await db.close()
  }
}

process.exitCode = await main()
