/**
 * Rate-limit counters and MCP sessions in the database, so several instances on one PostgreSQL
 * share one budget per key and serve each other's sessions. Each operation is one statement (an
 * atomic upsert or a conditional update), the same SQL on PGlite and on a server.
 */
import type { McpSessionRepository, RateLimitRepository } from '../../services/ports.ts'
import type { Db } from './db.ts'

type Window = { hits: number; windowStart: number }

export function rateLimitRepository(db: Db): RateLimitRepository {
  return {
    async hit(bucket, now, windowMs) {
      // Two instances counting the same bucket at once serialise on its row: no hit is lost.
      const r = await db.query<{ hits: number; window_start: number }>(
        `INSERT INTO rate_limit_counters AS c (bucket, window_start, hits) VALUES ($1, $2, 1)
         ON CONFLICT (bucket) DO UPDATE SET
           hits = CASE WHEN c.window_start > $2 - $3 THEN LEAST(c.hits + 1, 1000000000) ELSE 1 END,
           window_start = CASE WHEN c.window_start > $2 - $3 THEN c.window_start ELSE $2 END
         RETURNING hits, window_start`,
        [bucket, now, windowMs],
      )
      const row = r.rows[0]
      return row ? windowOf(row) : { hits: 1, windowStart: now }
    },
    async prune(before) {
      await db.query('DELETE FROM rate_limit_counters WHERE window_start <= $1', [before])
    },
  }
}

const windowOf = (row: { hits: number; window_start: number }): Window => ({
  hits: Number(row.hits),
  windowStart: Number(row.window_start),
})

export function mcpSessionRepository(db: Db): McpSessionRepository {
  return {
    open: (session, limits) =>
      db.transaction(async (tx) => {
        const idle = await tx.query<{ id: string }>('DELETE FROM mcp_sessions WHERE last_seen < $1 RETURNING id', [
          limits.idleBefore,
        ])
        const crowded = await tx.query<{ id: string }>(
          `DELETE FROM mcp_sessions WHERE id IN (
             SELECT id FROM mcp_sessions WHERE key_id = $1 ORDER BY last_seen DESC, opened_at DESC OFFSET $2)
           RETURNING id`,
          [session.keyId, Math.max(0, limits.perKey - 1)],
        )
        await tx.query('INSERT INTO mcp_sessions (id, key_id, opened_at, last_seen) VALUES ($1, $2, $3, $3)', [
          session.id,
          session.keyId,
          session.now,
        ])
        return [...idle.rows, ...crowded.rows].map((r) => r.id)
      }),
    async touch(id, keyId, now, idleBefore) {
      const r = await db.query<{ key_id: string }>(
        `UPDATE mcp_sessions SET last_seen = CASE WHEN key_id = $2 THEN $3 ELSE last_seen END
         WHERE id = $1 AND last_seen >= $4 RETURNING key_id`,
        [id, keyId, now, idleBefore],
      )
      return r.rows[0]?.key_id ?? null
    },
    async close(id) {
      await db.query('DELETE FROM mcp_sessions WHERE id = $1', [id])
    },
  }
}
