/**
 * A budget of requests per key (an API key id, a client address) per minute, counted in the
 * database (store.rateLimits), so every instance on one PostgreSQL spends from the same budget and
 * a restart does not refill it. A fixed window per key, anchored at its first request; a clock is
 * passed in so tests never sleep. Web-standard: the same limiter runs on Node and on Workers.
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
  /** Whether the budget has room, without counting a request. */
  peek(key: string): Promise<Take>
}

const WINDOW_MS = 60_000

export function createRateLimiter(counters: RateLimitRepository, options: RateLimitOptions): RateLimiter {
  const limit = Math.max(1, options.perMinute)
  const now = options.now ?? Date.now
  let prunedAt = Number.NEGATIVE_INFINITY
  const bucket = (key: string) => `${options.name}:${key}`

  const verdict = (w: { hits: number; windowStart: number }, t: number, allowed: number): Take =>
    w.hits <= allowed
      ? { ok: true }
      : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.windowStart + WINDOW_MS - t) / 1000)) }

  return {
    async take(key) {
      const t = now()
      // Once a minute per process, counters whose window is over go; a flood of keys cannot grow the table for long.
      if (t - prunedAt >= WINDOW_MS) {
        prunedAt = t
        await counters.prune(t - WINDOW_MS)
      }
      return verdict(await counters.hit(bucket(key), t, WINDOW_MS), t, limit)
    },
    async peek(key) {
      const t = now()
      return verdict(await counters.peek(bucket(key), t, WINDOW_MS), t, limit - 1)
    },
  }
}
