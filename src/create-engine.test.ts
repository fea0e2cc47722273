/**
 * The embedded engine warms after the server listens: it loads the understanding code and reads a few
 * claims once, so the first turns do not compile patterns. Warming is never a turn: nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { converse, createTestApp, type TestApp } from './testing/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => {
  await t.close()
})

const counts = async () => {
  const rows = await t.runtime.db.query<{ disputes: number; events: number; conversations: number }>(
    `SELECT (SELECT count(*)::int FROM disputes) AS disputes,
            (SELECT count(*)::int FROM dispute_events) AS events,
            (SELECT count(*)::int FROM conversations) AS conversations`,
  )
  return rows.rows[0]
}

describe('warming the embedded engine', () => {
  it('stores nothing, and the engine then answers a turn', async () => {
    const before = await counts()
    await t.runtime.engine.warm?.()
    expect(await counts()).toEqual(before)
    const r = await converse(t, 'hello')
    expect(r.reply.length).toBeGreaterThan(0)
  })
})
