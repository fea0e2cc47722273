/**
 * The drivers the store's shared suites run on: embedded PGlite (in this thread and in a worker
 * thread), `pg` over the wire to PGlite, and
 * `pg` to a real PostgreSQL server (testing-pg.ts). Importing this module also stops the server
 * after the importing file's tests and prints what ran.
 */
import { afterAll } from 'vitest'
import { memoryPglite, memoryThreadDb, wirePg } from './testing.ts'
import { serverPg, stopPgServer } from './testing-pg.ts'

export const STORE_DRIVERS = [
  ['pglite', async () => memoryPglite()],
  ['pglite in a worker thread', async () => memoryThreadDb()],
  ['pg over the wire', async () => wirePg()],
  ['a PostgreSQL server', async () => serverPg()],
] as const

afterAll(() => stopPgServer('postgres server'))
