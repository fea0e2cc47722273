/**
 * Rate-limit counters and MCP session rows on every driver: a window counts, rolls over and is
 * pruned; hits racing on one bucket are all counted; a session is its key's, is touched by it
 * alone, expires when idle, and makes way for the key's newer ones.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { McpSessionRepository, RateLimitRepository } from '../../services/ports.ts'
import type { Db } from './db.ts'
import { mcpSessionRepository, rateLimitRepository } from './shared-limits-repo.ts'
import { STORE_DRIVERS } from './testing-drivers.ts'

const MINUTE = 60_000

describe.each(STORE_DRIVERS)('shared limits on %s', (_name, open) => {
  let db: Db
  let counters: RateLimitRepository
  let sessions: McpSessionRepository
  beforeEach(async () => {
    db = (await open()).db
    counters = rateLimitRepository(db)
    sessions = mcpSessionRepository(db)
  })
  afterEach(async () => {
    await db.close()
  })

  it('counts hits in a window anchored at the first, starts again after it, and prunes ended windows', async () => {
    expect(await counters.hit('chat:k', 1_000, MINUTE)).toEqual({ hits: 1, windowStart: 1_000 })
    expect(await counters.hit('chat:k', 30_000, MINUTE)).toEqual({ hits: 2, windowStart: 1_000 })
    expect(await counters.hit('chat:other', 30_000, MINUTE)).toEqual({ hits: 1, windowStart: 30_000 })
    expect(await counters.hit('chat:k', 61_000, MINUTE)).toEqual({ hits: 1, windowStart: 61_000 })
    await counters.prune(61_000 - MINUTE)
    const left = await db.query<{ bucket: string }>('SELECT bucket FROM rate_limit_counters ORDER BY bucket')
    expect(left.rows.map((r) => r.bucket)).toEqual(['chat:k', 'chat:other'])
    await counters.prune(30_000)
    expect((await db.query('SELECT 1 FROM rate_limit_counters')).rows).toHaveLength(1)
  })

  it('counts every one of 20 hits racing on one bucket', async () => {
    const hits = await Promise.all(Array.from({ length: 20 }, () => counters.hit('mcp:k', 5_000, MINUTE)))
    expect(hits.map((h) => h.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
  })

  it('binds a session to its key, touches it for that key only, and drops it when idle or crowded out', async () => {
    const limits = (now: number) => ({ perKey: 2, idleBefore: now - 30 * MINUTE })
    expect(await sessions.open({ id: 's1', keyId: 'k1', now: 1_000 }, limits(1_000))).toEqual([])
    expect(await sessions.touch('s1', 'k2', 2_000, 0)).toBe('k1')
    expect(await sessions.touch('s1', 'k1', 3_000, 0)).toBe('k1')
    // A touch by another key did not keep it alive: idle since 3 000, it is gone at 3 000 + 30 min + 1.
    expect(await sessions.touch('s1', 'k1', 4_000, 3_000)).toBe('k1')
    expect(await sessions.touch('s1', 'k1', 4_000 + 30 * MINUTE + 1, 4_001)).toBeNull()
    await sessions.open({ id: 's2', keyId: 'k3', now: 10_000 }, limits(10_000))
    await sessions.open({ id: 's3', keyId: 'k3', now: 11_000 }, limits(11_000))
    await sessions.touch('s2', 'k3', 12_000, 0)
    // Two per key: the longest idle (s3, last seen 11 000) makes way for s4.
    expect(await sessions.open({ id: 's4', keyId: 'k3', now: 13_000 }, limits(13_000))).toEqual(['s3'])
    expect(await sessions.touch('s3', 'k3', 14_000, 0)).toBeNull()
    await sessions.close('s2')
    expect(await sessions.touch('s2', 'k3', 15_000, 0)).toBeNull()
    // Opening a session drops every session idle too long, whoever's it is.
    const dropped = await sessions.open({ id: 's5', keyId: 'k2', now: 40 * MINUTE }, limits(40 * MINUTE))
    expect(dropped.sort()).toEqual(['s1', 's4'])
  })
})
