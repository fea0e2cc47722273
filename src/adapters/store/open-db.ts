/**
 * Opens the database the configuration names: a real PostgreSQL through `pg` when a URL is given,
 * otherwise embedded PGlite in a data folder (locked against a second process) or in memory, in
 * this thread or its own.
 * Migrations run on open. PGlite always has pgvector; a server may not (see retrieval's `text_only`).
 */
import { join, resolve } from 'node:path'
import { adoptHead, fileAnchor, memoryAnchor, withAnchor } from './audit-anchor.ts'
import { acquireLock } from './data-lock.ts'
import type { Db } from './db.ts'
import { migrate } from './migrate.ts'
import { createPglite, type PgliteOptions, pgliteDb } from './pglite-db.ts'

export interface OpenDbOptions {
  /** A folder for embedded PGlite, or 'memory'. Default ./.data. Ignored when databaseUrl is set. */
  dataDir?: string | 'memory'
  databaseUrl?: string
  /** Default true. An in-memory database is always migrated (it starts from a migrated template). */
  migrate?: boolean
  /** An in-memory database's buffer cache when it will hold more than MEMORY_SHARED_BUFFERS (the evals'). */
  sharedBuffers?: string
  /** PGlite in a worker thread (pglite-thread.ts) instead of this one. Default false. */
  thread?: boolean
}

/** Start-up cannot go on: the message says what to do. */
export class OpenDbError extends Error {
  constructor(
    readonly code: 'data_folder_locked' | 'connection_failed',
    message: string,
  ) {
    super(message)
    this.name = 'OpenDbError'
  }
}

export const DEFAULT_DATA_DIR = './.data'

/** The audit chain's external anchor (audit-anchor.ts): beside the database files, outside them. */
export const anchorPath = (dataDir: string): string => join(resolve(dataDir), 'audit-anchor.log')

/** Where PGlite keeps its files inside our data folder; the lock file sits beside it. */
export const pgDataPath = (dataDir: string): string => join(resolve(dataDir), 'pgdata')

/**
 * A folder's buffer cache. PGlite zeroes all of PostgreSQL's shared memory when it starts (about
 * 3–4 ms a megabyte of CPU here), so the default 128 MB of buffers cost every `npm start` about
 * 0.4 s: 32 MB holds the demo's tables and indexes (30 MB), and pages beyond it are read from the
 * operating system's file cache. In-memory databases keep the default: their files are memory anyway,
 * and the search benchmarks at 100k run on them.
 */
export const FOLDER_SHARED_BUFFERS = '32MB'

async function openPg(url: string): Promise<Db> {
  // Loaded only for a server: node-postgres is tens of milliseconds of every embedded start.
  const { pgDb } = await import('./pg-db.ts')
  const db = pgDb({ connectionString: url })
  try {
    await db.query('SELECT 1')
  } catch (err) {
    await db.close().catch(() => {})
    throw new OpenDbError('connection_failed', `Cannot connect to DATABASE_URL: ${(err as Error).message}`)
  }
  // A server without pgvector is served too: the migrations skip the vector column and similarity
  // search uses full text alone (the retrieval status says so, and start-up prints it).
  return db
}

/** PGlite in this thread, or in its own (loaded only then, as `pg` is). */
async function openPglite(options: PgliteOptions, thread: boolean, onClose?: () => void): Promise<Db> {
  if (!thread) return pgliteDb(await createPglite(options), onClose)
  const { openPgliteThread } = await import('./pglite-thread.ts')
  return openPgliteThread(options, onClose)
}

async function openFolder(dataDir: string, thread: boolean): Promise<Db> {
  const folder = resolve(dataDir)
  const lock = acquireLock(folder)
  if (!lock.ok) throw new OpenDbError('data_folder_locked', lock.message)
  const releaseOnExit = () => lock.release()
  process.once('exit', releaseOnExit)
  try {
    return await openPglite({ dataDir: pgDataPath(folder), sharedBuffers: FOLDER_SHARED_BUFFERS }, thread, () => {
      process.off('exit', releaseOnExit)
      lock.release()
    })
  } catch (err) {
    process.off('exit', releaseOnExit)
    lock.release()
    throw err
  }
}

let memoryTemplate: Promise<Blob> | undefined

/**
 * A fresh in-memory database. initdb costs seconds and every in-memory database starts the same
 * (migrated, empty), so the process makes one, dumps it and starts the others from that dump: the
 * evals open one database per ledger and date, and a load costs about a third of an initdb.
 */
async function openMemory(sharedBuffers: string | undefined, thread: boolean): Promise<Db> {
  memoryTemplate ??= (async () => {
    const pg = await createPglite()
    try {
      await migrate(pgliteDb(pg))
      return await pg.dumpDataDir('none')
    } finally {
      await pg.close()
    }
  })()
  // A template that failed is not kept: the next open tries again and reports its own error.
  memoryTemplate.catch(() => {
    memoryTemplate = undefined
  })
  return openPglite({ loadDataDir: await memoryTemplate, ...(sharedBuffers ? { sharedBuffers } : {}) }, thread)
}

export async function openDb(options: OpenDbOptions = {}): Promise<Db> {
  const raw = options.databaseUrl
    ? await openPg(options.databaseUrl)
    : options.dataDir === 'memory'
      ? await openMemory(options.sharedBuffers, options.thread ?? false)
      : await openFolder(options.dataDir ?? DEFAULT_DATA_DIR, options.thread ?? false)
  // With PostgreSQL the anchor still lives in the data folder: outside the database is the point.
  const dir = options.dataDir ?? DEFAULT_DATA_DIR
  const db = withAnchor(raw, dir === 'memory' ? memoryAnchor() : fileAnchor(anchorPath(dir)))
  try {
    if (options.migrate !== false) {
      await migrate(db)
      await adoptHead(db)
    }
  } catch (err) {
    await db.close().catch(() => {})
    throw err
  }
  return db
}
