/**
 * `npx tsx scripts/bench-load.ts [--sessions 100] [--turns 20]`: chat under load. The real server
 * (demo data, embedded engine) listens on loopback; `sessions` clients each hold one conversation
 * and send `turns` investigation messages in it one after another, all clients at once. Prints the
 * turn latency each client saw (median, p95), turns per second and errors. The peer, in the same
 * run and the same process, is one client alone on the same server: the ratio says what contention
 * adds (a turn that holds the event loop makes everyone wait). On Linux it also prints the two busiest
 * threads' CPU per loaded turn and how much of the machine stayed idle meanwhile. The driver is the
 * environment's `DISPUTE_DESK_DB_THREAD` (bench-turn's `demoRuntime`). Asserts nothing.
 */
import { serve } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { createServer } from '../src/server.ts'
import { cpuPerTurn, cpuReading, isMain, option, pct } from './bench-lib.ts'
import { demoRuntime, turnMessage } from './bench-turn.ts'

interface LoadFigures {
  sessions: number
  turnsPerSession: number
  turns: number
  errors: number
  /** Each failure's HTTP status or error message, and how often. */
  errorKinds: Record<string, number>
  medianMs: number
  p95Ms: number
  turnsPerSecond: number
  /** One client alone on the same server, same messages: median and p95. */
  aloneMedianMs: number
  aloneP95Ms: number
  /** Linux: the busiest threads' CPU per loaded turn, and the machine's idle share meanwhile. */
  busiestThreadsCpuMsPerTurn?: number[]
  machineIdlePct?: number
}

export async function benchLoad(options: { sessions?: number; turns?: number } = {}): Promise<LoadFigures> {
  const sessions = options.sessions ?? 100
  const turns = options.turns ?? 20
  // The per-key chat budget (60 a minute) is for people; every client here shares one key.
  const { runtime, manifest } = await demoRuntime(undefined, { DISPUTE_DESK_CHAT_PER_MINUTE: '1000000' })
  const app = await createServer(runtime, { embedLocalKeys: false })
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise((r) => server.once('listening', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chat`
  const key = runtime.keys?.specialist
  if (!key) throw new Error('an in-memory runtime always creates its local keys')
  let errors = 0
  const errorKinds: Record<string, number> = {}
  const failed = (kind: string) => {
    errors++
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1
  }

  /** One conversation: `turns` messages in one session, each sent when the last answered. */
  async function client(offset: number, into: number[]): Promise<void> {
    let sessionId: string | undefined
    for (let i = 0; i < turns; i++) {
      const entry = manifest[(offset + i) % manifest.length]
      if (!entry) throw new Error('the demo manifest is empty')
      const t0 = performance.now()
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ message: turnMessage(entry), ...(sessionId ? { sessionId } : {}) }),
        })
        const body = (await res.json()) as { sessionId?: string }
        if (res.status !== 200) failed(`HTTP ${res.status}`)
        sessionId = body.sessionId ?? sessionId
      } catch (error) {
        failed((error as Error).cause ? String((error as Error).cause) : (error as Error).message)
      }
      into.push(performance.now() - t0)
    }
  }

  try {
    const alone: number[] = []
    await client(0, [])
    await client(0, alone)
    const errorsAlone = errors
    for (const k of Object.keys(errorKinds)) delete errorKinds[k]
    const loaded: number[] = []
    const cpu = cpuReading()
    const t0 = performance.now()
    await Promise.all(Array.from({ length: sessions }, (_, i) => client(i, loaded)))
    const seconds = (performance.now() - t0) / 1000
    const used = cpuPerTurn(cpu, cpuReading(), loaded.length)
    return {
      sessions,
      turnsPerSession: turns,
      turns: loaded.length,
      errors: errors - errorsAlone,
      errorKinds,
      medianMs: Math.round(pct(loaded, 0.5)),
      p95Ms: Math.round(pct(loaded, 0.95)),
      turnsPerSecond: Number((loaded.length / seconds).toFixed(1)),
      aloneMedianMs: Math.round(pct(alone, 0.5)),
      aloneP95Ms: Math.round(pct(alone, 0.95)),
      ...used,
    }
  } finally {
    // fetch keeps connections alive; close would wait for them.
    ;(server as import('node:http').Server).closeAllConnections()
    await new Promise((r) => server.close(r))
    await runtime.close()
  }
}

if (isMain(import.meta.url)) {
  const figures = await benchLoad({
    sessions: Number(option('--sessions')) || 100,
    turns: Number(option('--turns')) || 20,
  })
  console.log(JSON.stringify(figures, null, 2))
}
