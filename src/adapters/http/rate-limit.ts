/**
 * A budget of requests per key (an API key id, a client address) per minute, counted in the
 * database (store.rateLimits), so every instance on one PostgreSQL spends from the same budget and
 * a restart does not refill it. A fixed window per key, anchored at its first request; a clock is
 * passed in so tests never sleep. A take is one upsert; a peek (the check before every key
 * verification) reads only what this instance's takes saw. Web-standard: the same limiter runs on
 * Node and on Workers.
 */
import type { RateLimitRepository } from '../../services/ports.ts'

export interface RateLimitOptions {
  /** Names the budget: keys of different limiters never share a counter. */
  name: string
  /** Requests per key per minute. */
  perMinute: number
  now?: () => number
}

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number }

export interface RateLimiter {
  /** Counts one request; refused once the minute's budget is spent. */
  take(key: string): Promise<Take>
  /**
   * Whether the key's budget has room, as this instance's last take for it saw: no request counted
   * and no database read (a check on every request must cost nothing), so a budget spent through
   * another instance shows here from this instance's next take on.
   */
  peek(key: string): Promise<Take>
}

const WINDOW_MS = 60_000
/** Refused keys remembered per process (an address flood cannot grow memory without bound). */
const MAX_REFUSED = 50_000

export function createRateLimiter(counters: RateLimitRepository, options: RateLimitOptions): RateLimiter {
  const limit = Math.max(1, options.perMinute)
  const now = options.now ?? Date.now
  let prunedAt = Number.NEGATIVE_INFINITY
  const bucket = (key: string) => `${options.name}:${key}`
  /** Keys whose budget a take here found spent, until their window ends. */
  const refusedUntil = new Map<string, number>()
  const retryAfter = (until: number, t: number) => Math.max(1, Math.ceil((until - t) / 1000))

  const forget = (t: number) => {
    if (refusedUntil.size < MAX_REFUSED) return
    for (const [key, until] of refusedUntil) if (until <= t) refusedUntil.delete(key)
    for (const [key] of refusedUntil) {
      if (refusedUntil.size < MAX_REFUSED) break
      refusedUntil.delete(key)
    }
  }

  return {
    async take(key) {
      const t = now()
      // Once a minute per process, counters whose window is over go; a flood of keys cannot grow the table for long.
      if (t - prunedAt >= WINDOW_MS) {
        prunedAt = t
        await counters.prune(t - WINDOW_MS)
      }
      const w = await counters.hit(bucket(key), t, WINDOW_MS)
      const until = w.windowStart + WINDOW_MS
      // Spent: a peek refuses until the window ends.
      if (w.hits >= limit) {
        forget(t)
        refusedUntil.set(key, until)
      }
      return w.hits <= limit ? { ok: true } : { ok: false, retryAfterSeconds: retryAfter(until, t) }
    },
    async peek(key) {
      const until = refusedUntil.get(key)
      const t = now()
      if (until === undefined || until <= t) return { ok: true }
      return { ok: false, retryAfterSeconds: retryAfter(until, t) }
    },
  }
}
