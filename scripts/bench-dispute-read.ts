/**
 * `npx tsx scripts/bench-dispute-read.ts [--events 10000] [--reads 50]`: reading one dispute,
 * `GET /api/disputes/:id` through the real app (key check, the dispute, its events, the
 * verification of its part of the audit chain, similar past disputes), with a long audit chain of
 * filler events on other disputes around it. The floor is `GET /api/invoices/INV-1001` on the same
 * app in the same run (key check, one invoice with its lines, fees and balance): the ratio holds on a noisy machine where
 * absolute times drift. Prints figures and a JSON line; asserts nothing.
 */
import { createTestApp } from '../src/testing/test-app.ts'
import { disputeInLongChain, isMain, option, pct } from './bench-lib.ts'

interface DisputeReadFigures {
  bench: 'dispute-read'
  events: number
  medianMs: number
  p95Ms: number
  floorMedianMs: number
  concurrent50Ms: number
}

export async function benchDisputeRead({ events = 10_000, reads = 50, parts: showParts = false } = {}) {
  const EVENTS = events
  const READS = reads
  const t = await createTestApp()
  const { store, db } = t.runtime
  const d = await disputeInLongChain(store, db, EVENTS)
  const total = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dispute_events')).rows[0]?.n ?? 0

  const headers = { Authorization: `Bearer ${t.keys.specialist}` }
  async function get(path: string): Promise<number> {
    const t0 = performance.now()
    const res = await t.app.request(path, { headers })
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`)
    const body = (await res.json()) as { chain?: { ok: boolean } }
    if (body.chain && !body.chain.ok) throw new Error(`the chain did not verify: ${JSON.stringify(body.chain)}`)
    return performance.now() - t0
  }
  /** Sequential reads after 5 warm-ups, interleaved with the floor so both see the same machine. */
  const read: number[] = []
  const floor: number[] = []
  for (let i = 0; i < READS + 5; i++) {
    const a = await get(`/api/disputes/${d.id}`)
    const b = await get('/api/invoices/INV-1001')
    if (i >= 5) {
      read.push(a)
      floor.push(b)
    }
  }
  let t0 = performance.now()
  await Promise.all(Array.from({ length: 50 }, () => get(`/api/disputes/${d.id}`)))
  const concurrent50 = performance.now() - t0
  const parts: Record<string, number[]> = { get: [], verifyDispute: [], events: [], similar: [], 'SELECT 1': [] }
  for (let i = 0; i < (showParts ? 20 : 0); i++) {
    t0 = performance.now()
    await store.disputes.get(d.id)
    parts.get?.push(performance.now() - t0)
    t0 = performance.now()
    await db.query('SELECT 1')
    parts['SELECT 1']?.push(performance.now() - t0)
    t0 = performance.now()
    await store.disputes.verifyDispute(d.id)
    parts.verifyDispute?.push(performance.now() - t0)
    t0 = performance.now()
    await store.disputes.events(d.id)
    parts.events?.push(performance.now() - t0)
    t0 = performance.now()
    await t.runtime.services.similar.search({ text: d.description, customerId: d.customerId, limit: 5 })
    parts.similar?.push(performance.now() - t0)
  }
  const mine = (await store.disputes.events(d.id)).length
  await t.close()

  const f = (x: number) => x.toFixed(2)
  if (showParts) {
    console.log(`audit chain: ${total} events; the dispute has ${mine} of them`)
    console.log(
      `GET /api/disputes/:id, ${READS} reads: median ${f(pct(read, 0.5))} ms, p95 ${f(pct(read, 0.95))} ms` +
        ` (floor GET /api/invoices/INV-1001: median ${f(pct(floor, 0.5))} ms; ratio ${f(pct(read, 0.5) / pct(floor, 0.5))}×)`,
    )
    console.log(`50 concurrent reads: ${f(concurrent50)} ms in all`)
    for (const [name, xs] of Object.entries(parts)) console.log(`  ${name}: median ${f(pct(xs, 0.5))} ms`)
  }
  return {
    bench: 'dispute-read',
    events: total,
    medianMs: Number(f(pct(read, 0.5))),
    p95Ms: Number(f(pct(read, 0.95))),
    floorMedianMs: Number(f(pct(floor, 0.5))),
    concurrent50Ms: Math.round(concurrent50),
  } satisfies DisputeReadFigures
}

if (isMain(import.meta.url)) {
  const figures = await benchDisputeRead({
    events: Number(option('--events') ?? 10_000),
    reads: Number(option('--reads') ?? 50),
    parts: true,
  })
  console.log(JSON.stringify(figures))
}
