/**
 * The embedding column follows the embedder: its dimension is part of the column type, and the HNSW
 * index is built for it. These helpers read the recorded provider and rebuild column and index when
 * the provider changes.
 */
import type { Db } from '../store/db.ts'

export interface VectorSettings {
  embedder: string
  dimension: number
}

export async function readSettings(db: Db): Promise<VectorSettings> {
  const r = await db.query<VectorSettings>('SELECT embedder, dimension FROM search_settings WHERE id')
  const row = r.rows[0]
  if (!row) throw new Error('search_settings is empty: migration 0100_search_documents did not run')
  return { embedder: row.embedder, dimension: Number(row.dimension) }
}

/** False on a server without pgvector, where migration 0100 made no embedding column. */
export async function hasVectorColumn(db: Db): Promise<boolean> {
  const r = await db.query<{ v: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'search_documents'::regclass AND attname = 'embedding' AND NOT attisdropped) AS v",
  )
  return r.rows[0]?.v === true
}

/** pgvector installed in this database (it may have been added after the migrations ran). */
export async function vectorExtension(db: Db): Promise<boolean> {
  const r = await db.query<{ v: boolean }>("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector') AS v")
  return r.rows[0]?.v === true
}

export const HNSW_INDEX_SQL =
  'CREATE INDEX IF NOT EXISTS search_documents_embedding ON search_documents ' +
  'USING hnsw (embedding vector_cosine_ops) WITH (m = 32, ef_construction = 128)'

/**
 * Drops the index, empties the vectors and retypes the column for a new provider. Runs inside the
 * caller's transaction; the caller re-embeds and then calls `buildIndex` (building after the bulk
 * load is several times faster than maintaining the graph row by row).
 */
export async function resetColumn(tx: Db, settings: VectorSettings): Promise<void> {
  if (!Number.isInteger(settings.dimension) || settings.dimension < 1 || settings.dimension > 2000) {
    throw new Error(`dimension must be an integer in 1..2000 for an HNSW index, got ${settings.dimension}`)
  }
  await tx.exec('DROP INDEX IF EXISTS search_documents_embedding')
  // A database migrated before pgvector was installed has no column yet.
  await tx.exec(`ALTER TABLE search_documents ADD COLUMN IF NOT EXISTS embedding vector(${settings.dimension})`)
  await tx.exec(
    `ALTER TABLE search_documents ALTER COLUMN embedding TYPE vector(${settings.dimension}) USING NULL::vector(${settings.dimension})`,
  )
  await tx.query('UPDATE search_documents SET embedding = NULL, embedder = NULL')
  await tx.query('UPDATE search_settings SET embedder = $1, dimension = $2 WHERE id', [
    settings.embedder,
    settings.dimension,
  ])
}

export async function dropIndex(db: Db): Promise<void> {
  await db.exec('DROP INDEX IF EXISTS search_documents_embedding')
}

export async function buildIndex(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    // A graph that outgrows maintenance_work_mem (64 MB by default; ~100k 128-d rows) builds many
    // times slower: give the build room.
    await tx.exec("SET LOCAL maintenance_work_mem = '512MB'")
    await tx.exec(HNSW_INDEX_SQL)
  })
}
