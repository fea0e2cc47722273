/**
 * Fast databases for tests: initdb costs seconds, so the first caller builds a migrated template
 * and dumps it to the OS temp folder (keyed by the migrations' content); every other test, in any
 * worker, loads that dump in about half a second.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import type { Db } from './db.ts'
import { loadMigrations, migrate } from './migrate.ts'
import { pgDb } from './pg-db.ts'
import { createPglite, type PgliteOptions, pgliteDb } from './pglite-db.ts'
import { openPgliteThread } from './pglite-thread.ts'

let template: Promise<Blob> | undefined

function templatePath(): string {
  const h = createHash('sha256').update('pglite-0.5.14')
  for (const m of loadMigrations()) h.update(m.name).update('\0').update(m.sql)
  return join(tmpdir(), `dispute-desk-template-${h.digest('hex').slice(0, 16)}.tar`)
}

async function buildTemplate(): Promise<Blob> {
  const path = templatePath()
  if (existsSync(path)) return new Blob([readFileSync(path)])
  const pg = await createPglite()
  await migrate(pgliteDb(pg))
  const dump = await pg.dumpDataDir('none')
  await pg.close()
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()))
  renameSync(tmp, path) // atomic: a concurrent worker never reads half a file
  return dump
}

/**
 * A fresh, migrated in-memory PGlite (and its Db) for one test or one test file; a benchmark with
 * more data than MEMORY_SHARED_BUFFERS holds passes its own `sharedBuffers`.
 */
export async function memoryPglite(
  options: Pick<PgliteOptions, 'sharedBuffers'> = {},
): Promise<{ pg: PGlite; db: Db }> {
  template ??= buildTemplate()
  const pg = await createPglite({ loadDataDir: await template, ...options })
  return { pg, db: pgliteDb(pg) }
}

/** The same database with PGlite in a worker thread (pglite-thread.ts). */
export async function memoryThreadDb(): Promise<{ db: Db }> {
  template ??= buildTemplate()
  return { db: await openPgliteThread({ loadDataDir: await template }) }
}

export async function memoryDb(): Promise<Db> {
  return (await memoryPglite()).db
}

/**
 * The same migrated database served over the Postgres wire protocol, with a `pg` Db talking to it:
 * repository tests run through both drivers. One pool connection, as PGlite has one session.
 */
export async function wirePg(): Promise<{ pg: PGlite; db: Db; url: string }> {
  const { pg } = await memoryPglite()
  const server = new PGLiteSocketServer({ db: pg, host: '127.0.0.1', port: 0, maxConnections: 4 })
  await server.start()
  const url = `postgres://postgres@${server.getServerConn()}/postgres?sslmode=disable`
  const inner = pgDb({ connectionString: url, max: 1 })
  const db: Db = {
    ...inner,
    close: async () => {
      await inner.close()
      await server.stop()
      await pg.close()
    },
  }
  return { pg, db, url }
}
