import { type ChildProcess, spawn } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MIGRATIONS_DIR } from './migrate.ts'

const SOURCE = fileURLToPath(new URL('./crash-child.ts', import.meta.url))
// The bar is 100 kills in `npm test`; CRASH_KILLS changes it for a longer or shorter run.
const KILLS = Number(process.env.CRASH_KILLS) || 100
// The child is bundled once, so a cycle costs a Node start and a PGlite open, not a TypeScript
// compile of the store (that was 0.4 s of each 1.3 s cycle). The bundle sits inside the repository
// so its bare imports resolve to this node_modules; the migrations it reads sit beside it.
const BUNDLE_DIR = fileURLToPath(new URL(`../../../.tmp/crash-child-${process.pid}/`, import.meta.url))
const CHILD = join(BUNDLE_DIR, 'crash-child.mjs')
// Each child lives a second or two: V8's optimising tier would spend ~2.5 s of CPU per child compiling
// PGlite's WebAssembly in the background for code the child never runs long enough to use. The baseline
// tier alone runs the same Postgres, so what is tested (what survives a SIGKILL) is unchanged.
const CHILD_FLAGS = ['--liftoff-only']

interface Round {
  check: string | null
  ids: string[]
}

/** Runs the child until it has committed at least one dispute, waits a random moment, SIGKILLs it. */
function round(dataDir: string, idsFile: string, kill: boolean): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [...CHILD_FLAGS, CHILD, dataDir, idsFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const out: Round = { check: null, ids: [] }
    let buf = ''
    let err = ''
    let armed = false
    child.stdout?.on('data', (chunk: Buffer) => {
      buf += chunk.toString()
      const lines = buf.split('\n')
      buf = lines.pop() ?? ''
      for (const line of lines) {
        if (line.startsWith('CHECK ')) {
          out.check = line
          if (!kill) child.kill('SIGKILL')
        }
        if (line.startsWith('D ')) out.ids.push(line.slice(2))
        if (kill && !armed && line.startsWith('D ')) {
          armed = true
          // Anywhere within the next few commits: mid-statement, mid-transaction, between events.
          setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 250))
        }
      }
    })
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString()
    })
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child exited without being killed: ${err}`))
      else resolve(out)
    })
  })
}

describe('crash safety of the embedded data folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dd-crash-'))
  beforeAll(async () => {
    mkdirSync(BUNDLE_DIR, { recursive: true })
    cpSync(MIGRATIONS_DIR, join(BUNDLE_DIR, 'migrations'), { recursive: true })
    await build({
      entryPoints: [SOURCE],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile: CHILD,
      logLevel: 'silent',
    })
  })
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
    rmSync(BUNDLE_DIR, { recursive: true, force: true })
  })

  it(`keeps every committed dispute and a valid audit chain across ${KILLS} SIGKILLs`, async () => {
    const started = Date.now()
    const dataDir = join(dir, 'data')
    const idsFile = join(dir, 'ids.txt')
    const committed: string[] = []
    writeFileSync(idsFile, '')
    for (let i = 0; i <= KILLS; i++) {
      const last = i === KILLS
      const r = await round(dataDir, idsFile, !last)
      // Every restart opens without repair (the stale lock is taken over) and finds all it was told.
      expect(r.check).toBe(`CHECK ${committed.length}/${committed.length} ${r.check?.split(' ').slice(2).join(' ')}`)
      expect(r.check).toContain('chain-ok')
      committed.push(...r.ids)
      writeFileSync(idsFile, `${committed.join('\n')}\n`)
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    console.log(
      `crash test: ${KILLS} kills, ${committed.length} committed disputes all present, chain verified, ${seconds} s`,
    )
    expect(committed.length).toBeGreaterThanOrEqual(KILLS)
  }, 600_000)
})
