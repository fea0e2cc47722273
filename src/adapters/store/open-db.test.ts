import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { acquireLock } from './data-lock.ts'
import { FOLDER_SHARED_BUFFERS, OpenDbError, openDb } from './open-db.ts'
import { MEMORY_SHARED_BUFFERS } from './pglite-db.ts'

const dir = mkdtempSync(join(tmpdir(), 'dd-lock-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A pid that surely belongs to no running process: one that just exited. */
const deadPid = (): number => {
  const r = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'])
  return Number(r.stdout.toString().trim())
}

describe('the data-folder lock', () => {
  it('refuses a second opener while the owner lives, naming the owner', async () => {
    const folder = join(dir, 'busy')
    const first = acquireLock(folder)
    expect(first.ok).toBe(true)
    const second = acquireLock(folder)
    expect(second).toMatchObject({ ok: false, code: 'locked', pid: process.pid })
    const err = await openDb({ dataDir: folder }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(OpenDbError)
    expect((err as OpenDbError).code).toBe('data_folder_locked')
    expect((err as OpenDbError).message).toContain(`process ${process.pid}`)
    if (first.ok) first.release()
    expect(acquireLock(folder).ok).toBe(true)
  })

  it('takes over a lock left by a dead process', () => {
    const folder = join(dir, 'stale')
    const lock = acquireLock(folder)
    if (lock.ok) lock.release()
    writeFileSync(join(folder, 'dispute-desk.lock'), `${deadPid()}\n`)
    const again = acquireLock(folder)
    expect(again.ok).toBe(true)
    expect(readFileSync(join(folder, 'dispute-desk.lock'), 'utf8').trim()).toBe(String(process.pid))
    if (again.ok) again.release()
    expect(existsSync(join(folder, 'dispute-desk.lock'))).toBe(false)
  })
})

describe('a data folder', () => {
  it('starts PostgreSQL with a small buffer cache, since PGlite zeroes all of it on every start', async () => {
    const db = await openDb({ dataDir: join(dir, 'buffers') })
    try {
      const r = await db.query<{ shared_buffers: string }>('SHOW shared_buffers')
      expect(r.rows[0]?.shared_buffers).toBe(FOLDER_SHARED_BUFFERS)
    } finally {
      await db.close()
    }
  })
})

describe('in-memory databases', () => {
  it('each starts migrated and empty, and never sees another one’s rows', async () => {
    const a = await openDb({ dataDir: 'memory' })
    await a.query("INSERT INTO customers (id, name) VALUES ('C-MEM', 'Memory Co')")
    const b = await openDb({ dataDir: 'memory' })
    try {
      const inB = await b.query<{ n: number }>('SELECT count(*)::int AS n FROM customers')
      const migrations = await b.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations')
      expect(inB.rows[0]?.n).toBe(0)
      expect(migrations.rows[0]?.n).toBeGreaterThan(0)
      const inA = await a.query<{ n: number }>('SELECT count(*)::int AS n FROM customers')
      expect(inA.rows[0]?.n).toBe(1)
      // Small too: the tests open hundreds, and each start zeroes the whole cache.
      const buffers = await b.query<{ shared_buffers: string }>('SHOW shared_buffers')
      expect(buffers.rows[0]?.shared_buffers).toBe(MEMORY_SHARED_BUFFERS)
    } finally {
      await a.close()
      await b.close()
    }
  })
})
