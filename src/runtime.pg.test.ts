/**
 * The product on a PostgreSQL server (DATABASE_URL): it migrates an empty database, imports, indexes,
 * and says at start-up when the server has no pgvector, answering similar-dispute questions from
 * full text alone.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { createSimilarSearch } from './adapters/retrieval/index.ts'
import { TEXT_ONLY_MESSAGE } from './adapters/retrieval/retrieval.ts'
import { serverPg, stopPgServer } from './adapters/store/testing-pg.ts'
import { parseConfig } from './config.ts'
import { createRuntime } from './runtime.ts'
import { EXAMPLE_TODAY, exampleLedger } from './testing/example-ledger.ts'

const dir = mkdtempSync(join(tmpdir(), 'dd-runtime-pg-'))
afterAll(async () => {
  await stopPgServer('postgres server')
  rmSync(dir, { recursive: true, force: true })
})

it('starts on an empty PostgreSQL database, says when pgvector is missing, and finds similar disputes', async () => {
  const { url, server, db: owner } = await serverPg({ empty: true })
  const parsed = parseConfig({
    DATABASE_URL: url,
    DISPUTE_DESK_DATA: dir,
    DISPUTE_DESK_EMPTY: '1',
    DISPUTE_DESK_TODAY: EXAMPLE_TODAY,
  })
  if (!parsed.ok) throw new Error(parsed.errors.join('; '))
  const lines: string[] = []
  const runtime = await createRuntime(parsed.config, { ledger: exampleLedger(), log: (l) => lines.push(l) })
  try {
    if (server.pgvector) expect(lines).not.toContain(TEXT_ONLY_MESSAGE)
    else expect(lines).toContain(TEXT_ONLY_MESSAGE)
    expect(lines).toContain('Indexed 3 past disputes.')
    const similar = await createSimilarSearch(runtime.db)
    const [hit] = await similar.search({ text: 'billed at the old list price, not the contract price', limit: 1 })
    expect(hit).toMatchObject({ id: 'DSP-0901', outcome: 'valid', action: 'credit_memo' })
    console.log(`[postgres server] ${server.description}; start-up said:\n  ${lines.join('\n  ')}`)
  } finally {
    await runtime.close()
    await owner.close()
  }
})
