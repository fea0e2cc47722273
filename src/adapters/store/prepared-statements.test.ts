/**
 * Prepared statements on every driver: a statement sent again is prepared once on its connection
 * and returns what the unprepared statement returned (parameters of every kind the repositories
 * send, NULLs, rows and no rows); `prepare: false` keeps one unprepared; a column added by a later
 * statement or migration shows in a statement prepared before it; errors are the database's.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from './db.ts'
import { STORE_DRIVERS } from './testing-drivers.ts'
import { memoryPglite } from './testing.ts'

const preparedCount = async (db: Db, text: string) =>
  Number(
    (
      await db.query<{ n: string | number }>(
        'SELECT count(*) AS n FROM pg_prepared_statements WHERE statement = $1',
        [text],
        { prepare: false },
      )
    ).rows[0]?.n,
  )

const KINDS = `SELECT $1::int AS i, $2::numeric AS amount, $3::text[] AS words, $4::jsonb AS doc, $5::date AS day,
  $6::boolean AS flag, $7::text AS nothing, $8::timestamptz AS at`

describe.each(STORE_DRIVERS)('prepared statements on %s', (_name, open) => {
  let db: Db
  beforeEach(async () => {
    db = (await open()).db
    await db.exec('CREATE TABLE prep_t (id int PRIMARY KEY, name text)')
    await db.query("INSERT INTO prep_t VALUES (1, 'one'), (2, 'two')")
  })
  afterEach(async () => {
    await db.close()
  })

  it('prepares a statement the second time it is sent and returns the same rows every time', async () => {
    const params = [
      7,
      '12345678901234567890.125',
      ['a', 'b c'],
      { k: [1, 'x'] },
      '2026-11-23',
      true,
      null,
      new Date('2026-01-02T03:04:05Z'),
    ]
    const first = await db.query(KINDS, params)
    expect(await preparedCount(db, KINDS)).toBe(0)
    const second = await db.query(KINDS, params)
    const third = await db.query(KINDS, params)
    expect(await preparedCount(db, KINDS)).toBe(1)
    expect(second.rows).toEqual(first.rows)
    expect(third.rows).toEqual(first.rows)
    expect(first.rows[0]).toMatchObject({ i: 7, words: ['a', 'b c'], doc: { k: [1, 'x'] }, flag: true, nothing: null })
    expect(String(first.rows[0]?.amount)).toBe('12345678901234567890.125')
  })

  it('binds new parameters to a prepared statement, with rows and without', async () => {
    const sql = 'SELECT id, name FROM prep_t WHERE id = ANY($1::int[]) ORDER BY id'
    for (let i = 0; i < 3; i++)
      expect((await db.query(sql, [[2, 1]])).rows).toEqual([
        { id: 1, name: 'one' },
        { id: 2, name: 'two' },
      ])
    expect((await db.query(sql, [[2]])).rows).toEqual([{ id: 2, name: 'two' }])
    expect((await db.query(sql, [[9]])).rows).toEqual([])
    expect(await preparedCount(db, sql)).toBe(1)
  })

  it('prepares writes too and reads them back, inside and outside a transaction', async () => {
    const insert = 'INSERT INTO prep_t (id, name) VALUES ($1, $2) RETURNING id'
    for (const id of [3, 4]) expect((await db.query(insert, [id, `n${id}`])).rows).toEqual([{ id }])
    await db.transaction(async (tx) => {
      expect((await tx.query(insert, [5, 'n5'])).rows).toEqual([{ id: 5 }])
      expect((await tx.query('SELECT count(*)::int AS n FROM prep_t')).rows).toEqual([{ n: 5 }])
    })
    await expect(
      db.transaction(async (tx) => {
        await tx.query(insert, [6, 'n6'])
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect((await db.query('SELECT id FROM prep_t ORDER BY id')).rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5])
  })

  it('keeps a statement sent with prepare: false unprepared', async () => {
    const sql = 'SELECT name FROM prep_t WHERE id = $1'
    for (let i = 0; i < 3; i++) expect((await db.query(sql, [1], { prepare: false })).rows).toEqual([{ name: 'one' }])
    expect(await preparedCount(db, sql)).toBe(0)
  })

  it('shows a column added after a statement was prepared, by a statement or by exec', async () => {
    const sql = 'SELECT * FROM prep_t WHERE id = $1'
    for (let i = 0; i < 3; i++) await db.query(sql, [1])
    await db.query('ALTER TABLE prep_t ADD COLUMN note text')
    expect((await db.query(sql, [1])).rows).toEqual([{ id: 1, name: 'one', note: null }])
    await db.exec("ALTER TABLE prep_t ADD COLUMN kind text NOT NULL DEFAULT 'k'")
    expect((await db.query(sql, [1])).rows).toEqual([{ id: 1, name: 'one', note: null, kind: 'k' }])
    await db.transaction(async (tx) => {
      expect((await tx.query(sql, [2])).rows).toEqual([{ id: 2, name: 'two', note: null, kind: 'k' }])
    })
  })

  it("reports the database's error from a prepared statement, and the connection goes on", async () => {
    const sql = 'INSERT INTO prep_t (id, name) VALUES ($1, $2)'
    await db.query(sql, [10, 'a'])
    await db.query(sql, [11, 'b'])
    await expect(db.query(sql, [10, 'again'])).rejects.toMatchObject({ code: '23505' })
    await expect(db.query('SELECT nope FROM prep_t')).rejects.toMatchObject({ code: '42703' })
    await expect(db.query('SELECT nope FROM prep_t')).rejects.toMatchObject({ code: '42703' })
    await db.query(sql, [12, 'c'])
    expect((await db.query('SELECT count(*)::int AS n FROM prep_t')).rows).toEqual([{ n: 5 }])
  })
})

describe('plans on the embedded database', () => {
  let db: Db
  beforeEach(async () => {
    db = (await memoryPglite()).db
    await db.exec('CREATE TABLE plan_t (id int PRIMARY KEY, name text)')
  })
  afterEach(async () => {
    await db.close()
  })
  const mode = async (): Promise<string> =>
    (await db.query<{ mode: string }>("SELECT current_setting('plan_cache_mode') AS mode")).rows[0]!.mode

  it('keeps one generic plan for a prepared statement instead of planning it again on every call', async () => {
    const sql = 'SELECT name FROM plan_t WHERE id = ANY($1)'
    for (let i = 0; i < 8; i++) await db.query(sql, [[i]])
    const r = await db.query<{ generic: number; custom: number }>(
      'SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement = $1',
      [sql],
    )
    expect(r.rows).toEqual([{ generic: expect.any(Number), custom: 0 }])
    expect(r.rows[0]!.generic).toBeGreaterThan(0)
  })

  it('plans a statement sent with prepare: false for its own values, and the session keeps its mode', async () => {
    const own = "SELECT current_setting('plan_cache_mode') AS mode"
    expect((await db.query(own, [], { prepare: false })).rows).toEqual([{ mode: 'force_custom_plan' }])
    expect(await mode()).toBe('force_generic_plan')
    // A statement that fails outside a transaction, and inside one (which it aborts): the mode is back.
    await expect(db.query('SELECT nope FROM plan_t', [], { prepare: false })).rejects.toMatchObject({ code: '42703' })
    expect(await mode()).toBe('force_generic_plan')
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO plan_t VALUES (1, 'one')")
        await tx.query('SELECT nope FROM plan_t', [], { prepare: false })
      }),
    ).rejects.toMatchObject({ code: '42703' })
    expect(await mode()).toBe('force_generic_plan')
    expect((await db.query('SELECT count(*)::int AS n FROM plan_t')).rows).toEqual([{ n: 0 }])
  })
})
