/** `npm run import` into a PostgreSQL server (DATABASE_URL) instead of the embedded database. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it, vi } from 'vitest'
import { serverPg, stopPgServer } from '../adapters/store/testing-pg.ts'
import { EXAMPLE_LEDGER_PATH } from '../testing/example-ledger.ts'
import { main } from './import.ts'

const dir = mkdtempSync(join(tmpdir(), 'dd-import-pg-'))
afterAll(async () => {
  await stopPgServer('postgres server')
  rmSync(dir, { recursive: true, force: true })
})

it('imports a ledger JSON file into a PostgreSQL server, and a second import adds nothing', async () => {
  const { url, db } = await serverPg({ empty: true })
  const out: string[] = []
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')))
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')))
  try {
    const env = { DATABASE_URL: url, DISPUTE_DESK_DATA: dir }
    expect(await main([EXAMPLE_LEDGER_PATH], env)).toBe(0)
    expect(out.join('\n')).toMatch(/invoices? 5 new/)
    expect(await main([EXAMPLE_LEDGER_PATH], env)).toBe(0)
    const n = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM invoices')
    expect(n.rows[0]?.n).toBe(5)
    console.info(`[postgres server] npm run import twice: ${n.rows[0]?.n} invoices on the server`)
  } finally {
    vi.restoreAllMocks()
    await db.close()
  }
})
