/**
 * PGlite in a worker thread: the same rows and errors as the in-thread driver, transactions that keep
 * other requests out, a folder locked and released, close that ends the thread. The shared store
 * suites (testing-drivers.ts) run on this driver too.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { acquireLock } from './data-lock.ts'
import type { Db } from './db.ts'
import { openDb, pgDataPath } from './open-db.ts'
import { Gate } from './pglite-thread.ts'
import { memoryDb, memoryThreadDb } from './testing.ts'

/** Every kind of value the repositories send and read, each way through the parsers. */
const KINDS = `SELECT $1::int AS i, $2::bigint AS big, $3::numeric AS amount, $4::text[] AS words,
  $5::jsonb AS doc, $6::date AS day, $7::boolean AS flag, $8::text AS nothing, $9::timestamptz AS at,
  $10::timestamp AS bare, $11::bytea AS bytes, $12::vector AS embedding, $13::json AS plain,
  count(*) OVER () AS n, now() - now() AS span`
const PARAMS = [
  7,
  '9007199254740991',
  '12345678901234567890.125',
  ['a', 'b c', 'ü'],
  { k: [1, 'x', null], nested: { ok: true } },
  '2026-11-23',
  true,
  null,
  new Date('2026-01-02T03:04:05.678Z'),
  '2026-01-02 03:04:05',
  new Uint8Array([0, 1, 254, 255]),
  '[0.5,-1,2.25]',
  [1, 'two'],
]

const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('PGlite in a worker thread', () => {
  let db: Db
  beforeEach(async () => {
    db = (await memoryThreadDb()).db
    await db.exec('CREATE TABLE t (id serial PRIMARY KEY, k int UNIQUE, who text)')
  })
  afterEach(async () => {
    await db.close()
  })

  it('returns what the in-thread driver returns for every kind of parameter and column, prepared or not', async () => {
    const here = await memoryDb()
    try {
      const expected = (await here.query(KINDS, PARAMS)).rows
      expect(expected[0]).toMatchObject({ i: 7, big: 9007199254740991, amount: '12345678901234567890.125' })
      expect(expected[0]).toMatchObject({ day: '2026-11-23', at: '2026-01-02T03:04:05.678Z', bytes: PARAMS[10] })
      // Sent three times: the second and third run prepared in the thread.
      for (let i = 0; i < 3; i++) expect((await db.query(KINDS, PARAMS)).rows).toEqual(expected)
      expect((await db.query(KINDS, PARAMS, { prepare: false })).rows).toEqual(expected)
    } finally {
      await here.close()
    }
  })

  it('rejects with PostgreSQL error, code and fields, the statement and its own parameters', async () => {
    await db.query('INSERT INTO t (k) VALUES ($1)', [1])
    for (let i = 0; i < 2; i++) {
      const params = [1]
      const err = await db.query('INSERT INTO t (k) VALUES ($1)', params).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(Error)
      expect(err).toMatchObject({
        message: 'duplicate key value violates unique constraint "t_k_key"',
        code: '23505',
        constraint: 't_k_key',
        table: 't',
        query: 'INSERT INTO t (k) VALUES ($1)',
      })
      expect((err as { params: unknown }).params).toBe(params)
    }
    await expect(db.exec('SELECT nope FROM t')).rejects.toMatchObject({ code: '42703' })
    // The statement failed, not the thread.
    expect((await db.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 1 }])
  })

  it('commits a transaction, and rolls one back when its callback throws', async () => {
    const kept = await db.transaction(async (tx) => {
      await tx.query("INSERT INTO t (k, who) VALUES (1, 'kept')")
      return (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).rows[0]?.n
    })
    expect(kept).toBe(1)
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO t (k, who) VALUES (2, 'dropped')")
        throw new Error('refused')
      }),
    ).rejects.toThrow('refused')
    // A statement that failed inside a transaction fails it as a whole, as PostgreSQL does.
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO t (k, who) VALUES (3, 'dropped')")
        await tx.query("INSERT INTO t (k, who) VALUES (1, 'twice')")
      }),
    ).rejects.toMatchObject({ code: '23505' })
    expect((await db.query('SELECT who FROM t ORDER BY id')).rows).toEqual([{ who: 'kept' }])
  })

  it('keeps other requests out of an open transaction, in the order they came', async () => {
    const first = db.transaction(async (tx) => {
      await tx.query("INSERT INTO t (k, who) VALUES (1, 'first')")
      await tick()
      await tx.query("INSERT INTO t (k, who) VALUES (2, 'first')")
      throw new Error('rolled back')
    })
    // Sent while the first is open: inside it, it would count the first's uncommitted row.
    const counted = db.query<{ n: number }>('SELECT count(*)::int AS n FROM t')
    const second = db.transaction(async (tx) => {
      await tx.query("INSERT INTO t (k, who) VALUES (3, 'second')")
      await tick()
      await tx.query("INSERT INTO t (k, who) VALUES (4, 'second')")
    })
    const third = db.transaction(async (tx) => {
      await tx.query("INSERT INTO t (k, who) VALUES (5, 'third')")
      await tx.query("INSERT INTO t (k, who) VALUES (6, 'third')")
    })
    await expect(first).rejects.toThrow('rolled back')
    expect((await counted).rows).toEqual([{ n: 0 }])
    await Promise.all([second, third])
    expect((await db.query('SELECT k, who FROM t ORDER BY id')).rows).toEqual([
      { k: 3, who: 'second' },
      { k: 4, who: 'second' },
      { k: 5, who: 'third' },
      { k: 6, who: 'third' },
    ])
  })

  it('joins the open transaction when a transaction is nested, and refuses its handle after it ended', async () => {
    let kept: Db | undefined
    await expect(
      db.transaction(async (tx) => {
        kept = tx
        await tx.transaction(async (inner) => inner.query("INSERT INTO t (k, who) VALUES (1, 'inner')"))
        expect((await tx.query('SELECT who FROM t')).rows).toEqual([{ who: 'inner' }])
        throw new Error('outer refused')
      }),
    ).rejects.toThrow('outer refused')
    expect((await db.query('SELECT who FROM t')).rows).toEqual([])
    await expect(kept?.query('SELECT 1')).rejects.toThrow('Transaction is closed')
  })

  it('ends the thread on close: later statements are refused, and close again is harmless', async () => {
    const pending = db.query('SELECT pg_sleep(0.01)')
    await db.close()
    await expect(pending).resolves.toBeDefined()
    await expect(db.query('SELECT 1')).rejects.toThrow('PGlite is closed')
    await db.close()
  })
})

describe('the gate in front of the thread', () => {
  it('lets statements pass at once, and holds later ones behind a transaction in the order they came', async () => {
    const gate = new Gate()
    const order: string[] = []
    const step = (name: string) => async () => {
      order.push(name)
    }
    const first = gate.pass(step('a'))
    let open = () => {}
    const held = gate.hold(async () => {
      order.push('tx begins')
      await new Promise<void>((resolve) => {
        open = resolve
      })
      order.push('tx ends')
    })
    const behind = [gate.pass(step('b')), gate.hold(step('second tx')), gate.pass(step('c'))]
    await first
    await tick()
    expect(order).toEqual(['a', 'tx begins'])
    open()
    await Promise.all([held, ...behind])
    expect(order).toEqual(['a', 'tx begins', 'tx ends', 'b', 'second tx', 'c'])
    await gate.pass(step('d'))
    expect(order.at(-1)).toBe('d')
  })
})

describe('openDb with the thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dd-thread-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('opens a data folder locked against a second opener, keeps what was written and unlocks on close', async () => {
    const first = await openDb({ dataDir: dir, thread: true })
    expect(existsSync(pgDataPath(dir))).toBe(true)
    expect(acquireLock(dir).ok).toBe(false)
    await first.query('CREATE TABLE kept (v text)')
    await first.query("INSERT INTO kept VALUES ('there')")
    await first.close()
    const again = await openDb({ dataDir: dir })
    try {
      expect((await again.query('SELECT v FROM kept')).rows).toEqual([{ v: 'there' }])
    } finally {
      await again.close()
    }
  })

  it('opens a migrated database in memory', async () => {
    const db = await openDb({ dataDir: 'memory', thread: true })
    try {
      expect(
        (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations')).rows[0]?.n,
      ).toBeGreaterThan(0)
    } finally {
      await db.close()
    }
  })
})
