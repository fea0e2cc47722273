/**
 * A token bucket per key (an API key id, a client address), in memory. Small on purpose: one
 * process, web-standard, a clock passed in so tests never sleep. Buckets that refilled are dropped
 * when the map grows, so a flood of distinct keys cannot grow memory without bound.
 */
export interface RateLimitOptions {
  /** Tokens added per minute. */
  perMinute: number
  /** Bucket size (the burst allowed after a quiet spell). Default: perMinute. */
  burst?: number
  now?: () => number
  /** Keys kept at most; full buckets are dropped first, then the oldest. Default 10,000. */
  maxKeys?: number
}

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number }

export interface RateLimiter {
  /** Spends one token if there is one. */
  take(key: string): Take
  /** Whether a token is available, without spending it. */
  peek(key: string): Take
}

interface Bucket {
  tokens: number
  at: number
}

export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const burst = Math.max(1, options.burst ?? options.perMinute)
  const perMs = options.perMinute / 60_000
  const now = options.now ?? Date.now
  const maxKeys = options.maxKeys ?? 10_000
  const buckets = new Map<string, Bucket>()

  const refill = (key: string): Bucket => {
    const t = now()
    const b = buckets.get(key)
    if (!b) return { tokens: burst, at: t }
    return { tokens: Math.min(burst, b.tokens + (t - b.at) * perMs), at: t }
  }

  const prune = () => {
    if (buckets.size <= maxKeys) return
    for (const [key] of buckets) if (refill(key).tokens >= burst) buckets.delete(key)
    for (const [key] of buckets) {
      if (buckets.size <= maxKeys) break
      buckets.delete(key)
    }
  }

  const verdict = (b: Bucket): Take =>
    b.tokens >= 1
      ? { ok: true }
      : { ok: false, retryAfterSeconds: perMs > 0 ? Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)) : 60 }

  return {
    take(key) {
      const b = refill(key)
      const v = verdict(b)
      if (v.ok) b.tokens -= 1
      buckets.delete(key)
      buckets.set(key, b)
      prune()
      return v
    },
    peek(key) {
      return verdict(refill(key))
    },
  }
}
