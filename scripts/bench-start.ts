/**
 * `npx tsx scripts/bench-start.ts [--runs 3] [--data DIR] [--cold]`: time to ready of `npm start`
 * (the command package.json names, run by node without npm) on an existing data folder: from spawn
 * until GET /health (which reads the database) answers 200, and the "ready in" the server prints.
 * The floors, in the same run: Node alone listening on a port, and Node with the tsx loader. Before
 * the warm starts, one `npm start -- --help` brings the server's build up to date (timed: what the
 * first start after a change of the sources pays). Without --data, a data folder with the demo ledger
 * is made first (that first start is the cold start, printed with --cold). Prints figures; asserts
 * nothing.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isMain, option, pct } from './bench-lib.ts'

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })

async function healthy(port: number, child: ChildProcess, deadline: number): Promise<void> {
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before it was ready`)
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`)
      if (res.status === 200) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error('the server was not ready in time')
}

/** Spawns, waits for /health, stops it; the time to ready and what the process said it took. */
async function start(nodeArgs: string[], env: Record<string, string>, timeoutMs: number) {
  const port = await freePort()
  const t0 = performance.now()
  const child = spawn(process.execPath, nodeArgs, {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout?.on('data', (d) => {
    out += String(d)
  })
  child.stderr?.on('data', (d) => {
    out += String(d)
  })
  try {
    await healthy(port, child, t0 + timeoutMs)
  } catch (error) {
    child.kill('SIGKILL')
    throw new Error(`${(error as Error).message}:\n${out.slice(-2000)}`)
  }
  const ms = performance.now() - t0
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await exited
  const said = /ready in ([\d.]+) s/.exec(out)?.[1]
  return { ms, saidMs: said ? Number(said) * 1000 : null }
}

/** Node's arguments for `npm start`'s command ("node scripts/start.mjs", or "tsx src/main.ts" before). */
export function startArgs(script = JSON.parse(readFileSync('package.json', 'utf8')).scripts.start as string): string[] {
  const [bin, ...args] = script.split(/\s+/)
  if (bin === 'node') return args
  if (bin === 'tsx') return ['--import', 'tsx', ...args]
  throw new Error(`npm start runs "${script}": the benchmark knows only node and tsx`)
}

const FLOOR = `require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')`
const env = { DISPUTE_DESK_TODAY: '2026-11-23', DISPUTE_DESK_LOG_LEVEL: 'silent' }

interface StartFigures {
  bench: 'start'
  runs: number
  warmMedianMs: number
  floorMedianMs: number
  /** The first start on an empty folder (demo generated, imported, indexed); null with `data`. */
  coldMs: number | null
  /** `npm start -- --help` before the warm starts: the server's build made or checked. */
  buildMs: number
  /** Per row (floors, warm start, what the server said): every run's time in ms. */
  rows: Record<string, number[]>
}

/** `runs` warm starts on copies of `data` (made by a cold start first when not given). */
export async function benchStart({
  runs = 3,
  data: given,
}: {
  runs?: number
  data?: string
} = {}): Promise<StartFigures> {
  const RUNS = runs
  const args = startArgs()
  const work = await mkdtemp(join(tmpdir(), 'dd-bench-start-'))
  try {
    const t0 = performance.now()
    const help = spawnSync(process.execPath, [...args, '--help'], { encoding: 'utf8' })
    if (help.status !== 0) throw new Error(`npm start -- --help failed:\n${help.stderr}`)
    const buildMs = Math.round(performance.now() - t0)
    let data = given
    let coldMs: number | null = null
    if (!data) {
      data = join(work, 'data')
      coldMs = (await start(args, { ...env, DISPUTE_DESK_DATA: data }, 300_000)).ms
    }
    const rows: Record<string, number[]> = {
      'node floor': [],
      'node + tsx floor': [],
      'warm start': [],
      'said ready in': [],
    }
    for (let i = 0; i < RUNS; i++) {
      // A copy each time, so every run opens the same folder the same way (and never a locked one).
      const copy = join(work, `run-${i}`)
      await cp(data, copy, { recursive: true })
      rows['node floor']?.push((await start(['-e', FLOOR], {}, 60_000)).ms)
      rows['node + tsx floor']?.push((await start(['--import', 'tsx', '-e', FLOOR], {}, 60_000)).ms)
      const warm = await start(args, { ...env, DISPUTE_DESK_DATA: copy }, 120_000)
      rows['warm start']?.push(warm.ms)
      if (warm.saidMs !== null) rows['said ready in']?.push(warm.saidMs)
      await rm(copy, { recursive: true, force: true })
    }
    return {
      bench: 'start',
      runs: RUNS,
      warmMedianMs: Math.round(pct(rows['warm start'] ?? [], 0.5)),
      floorMedianMs: Math.round(pct(rows['node + tsx floor'] ?? [], 0.5)),
      coldMs: coldMs === null ? null : Math.round(coldMs),
      buildMs,
      rows,
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

if (isMain(import.meta.url)) {
  const data = option('--data')
  const figures = await benchStart({ runs: Number(option('--runs')) || 3, ...(data ? { data } : {}) })
  console.log(
    `npm start's command: node ${startArgs().join(' ')}; build checked or made in ${(figures.buildMs / 1000).toFixed(2)} s`,
  )
  if (process.argv.includes('--cold') && figures.coldMs !== null)
    console.log(`cold start (demo generated, imported, indexed): ${(figures.coldMs / 1000).toFixed(2)} s`)
  const floor = figures.floorMedianMs
  for (const [name, xs] of Object.entries(figures.rows)) {
    if (!xs.length) continue
    const med = pct(xs, 0.5)
    console.log(
      `${name.padEnd(18)} median ${(med / 1000).toFixed(2)} s, range ${(Math.min(...xs) / 1000).toFixed(2)}–${(Math.max(...xs) / 1000).toFixed(2)} s` +
        (name === 'warm start'
          ? ` (×${(med / floor).toFixed(1)} node + tsx, ×${(med / pct(figures.rows['node floor'] ?? [], 0.5)).toFixed(1)} node)`
          : ''),
    )
  }
  const { rows: _rows, ...summary } = figures
  console.log(JSON.stringify(summary))
}
