/**
 * `npm run bench:scale`: DisputeDesk at a company's size on a real PostgreSQL server. Generates the
 * demo grown to 100,000 customers and 1,000,000 invoices (src/demo/scale.ts) chunk by chunk, imports
 * each chunk through the product's import path (validation, then one all-or-nothing transaction),
 * then starts the product on that database in a child process (scripts/bench-scale-turns.ts) and runs
 * investigation turns and similarity searches there. Prints import throughput, turn and search
 * latency, each process's peak RSS, and what the turns read from the big tables.
 * Options: --customers N, --invoices N (defaults 100000, 1000000), --dir FOLDER (the cluster and the
 * audit anchor; default $TMPDIR/dispute-desk-scale), --reuse (measure again on an earlier import of
 * the same size instead of importing), --runs N (passes over the demo's planted defects, default 1),
 * --keep (leave the server running).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importLedgerValue } from '../src/adapters/store/import-value.ts'
import { openDb } from '../src/adapters/store/open-db.ts'
import { generateScale } from '../src/demo/scale.ts'
import type { Actor } from '../src/services/ports.ts'
import { startScaleServer } from './bench-scale-pg.ts'

const args = process.argv.slice(2)
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined)
const size = {
  customers: Number(option('--customers') ?? 100_000),
  invoices: Number(option('--invoices') ?? 1_000_000),
}
const dir = option('--dir') ?? join(tmpdir(), 'dispute-desk-scale')
const today = '2026-11-23'
const marker = join(dir, 'imported.json')
const imported = existsSync(marker) ? (JSON.parse(readFileSync(marker, 'utf8')) as Record<string, unknown>) : null
const reuse = args.includes('--reuse') && imported?.customers === size.customers && imported?.invoices === size.invoices
const server = await startScaleServer(dir, !reuse)
const anchorDir = join(dir, 'data')
const log = (line: string) => console.error(`${new Date().toISOString().slice(11, 19)} ${line}`)

try {
  const importFigures = reuse ? (imported?.figures as Record<string, unknown>) : await importAll()
  if (reuse) log(`reusing the import of ${size.customers} customers and ${size.invoices} invoices in ${dir}`)
  else writeFileSync(marker, JSON.stringify({ ...size, figures: importFigures }, null, 2))
  log('starting the product on that database in a child process…')
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/bench-scale-turns.ts', server.url, anchorDir, today, option('--runs') ?? '1'],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 << 20 },
  )
  if (child.status !== 0) throw new Error(`bench-scale-turns failed (exit ${child.status})`)
  const serving = JSON.parse(child.stdout) as Record<string, unknown>
  console.log(JSON.stringify({ ...size, import: importFigures, ...serving }, null, 2))
} finally {
  if (!args.includes('--keep')) server.stop()
}

/** Generates and imports chunk by chunk; generation time is kept out of the throughput. */
async function importAll(): Promise<Record<string, unknown>> {
  const actor: Actor = { id: 'bench', name: 'Scale bench', role: 'admin' }
  const db = await openDb({ databaseUrl: server.url, dataDir: anchorDir })
  const scale = generateScale({ ...size, today })
  let importMs = 0
  let invoices = 0
  let records = 0
  const started = performance.now()
  const load = async (ledger: Parameters<typeof importLedgerValue>[1] & { invoices: unknown[] }) => {
    const t = performance.now()
    const r = await importLedgerValue(db, ledger, actor)
    importMs += performance.now() - t
    if (!r.ok) throw new Error(`import failed: ${r.error.message}`)
    invoices += ledger.invoices.length
    records += Object.values(r.value.inserted).reduce((a, b) => a + b, 0)
  }
  try {
    await load(scale.demo.ledger)
    let n = 0
    for (const chunk of scale.chunks()) {
      await load(chunk)
      if (++n % 10 === 0)
        log(`${invoices} invoices imported, ${Math.round(invoices / (importMs / 1000))}/s in the import path`)
    }
    // What autovacuum would do a while later: the planner needs the tables' statistics.
    const t = performance.now()
    await db.exec('ANALYZE')
    log(`ANALYZE ${((performance.now() - t) / 1000).toFixed(1)} s`)
  } finally {
    await db.close()
  }
  return {
    invoices,
    recordsInserted: records,
    importSeconds: Math.round(importMs / 1000),
    wallSeconds: Math.round((performance.now() - started) / 1000),
    invoicesPerSecond: Math.round(invoices / (importMs / 1000)),
    // maxRSS is in KiB.
    importerPeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }
}
