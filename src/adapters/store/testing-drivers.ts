/**
 * The drivers the store's shared suites run on: embedded PGlite, `pg` over the wire to PGlite, and
 * `pg` to a real PostgreSQL server (testing-pg.ts). Importing this module also stops the server
 * after the importing file's tests and prints what ran. PGlite in a worker thread runs the same
 * statement code as the first (txDb) behind a message layer, which pglite-thread.test.ts covers; the
 * seven suites on it as well (a worker compiles PGlite's WebAssembly for each database) took CI past
 * its fifteen minutes (a clean clone of a11ac84: 13 min 16 s of Vitest, 15 min 3 s in all).
 */
import { afterAll } from 'vitest'
import { memoryPglite, wirePg } from './testing.ts'
import { serverPg, stopPgServer } from './testing-pg.ts'

export const STORE_DRIVERS = [
  ['pglite', async () => memoryPglite()],
  ['pg over the wire', async () => wirePg()],
  ['a PostgreSQL server', async () => serverPg()],
] as const

afterAll(() => stopPgServer('postgres server'))
