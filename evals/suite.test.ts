/**
 * The CI gate, on the embedded engine, for two sets reported apart:
 * - the tuning set (evals/cases), which the conversation layer was tuned on;
 * - the held-out set (evals/heldout, written without reading the NLU code, never tuned on), which
 *   measures generalisation, with a count of harmful outcomes (money on the wrong invoice or amount).
 * Each set has a committed baseline (`baseline.json`): the cases listed there must keep passing, the
 * pass rate may not fall below it, harmful outcomes may not rise above it, and the baseline itself can
 * only go up from one commit of it to the next unless the lowering is written down with its reason.
 * Time is reported, not asserted: CI runs test files side by side on two cores.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { productRuntime } from './product-runtime.ts'
import { runEvals } from './run-evals.ts'

const Baseline = z.object({
  engine: z.string(),
  passRate: z.number(),
  harmful: z.number().int().min(0).optional(),
  passing: z.array(z.string()),
  /** A baseline may be lowered only with the reason written here (e.g. a case that passed through a
   *  phrasing copied into the NLU, removed on purpose). */
  lowered: z.object({ from: z.number(), why: z.string().min(20) }).optional(),
})
type Baseline = z.infer<typeof Baseline>

const SETS = [
  { name: 'tuning set', dir: 'cases', baseline: 'baseline.json' },
  { name: 'held-out set', dir: 'heldout', baseline: 'heldout/baseline.json' },
] as const

const runtimes = productRuntime({ engine: 'embedded' })
afterAll(() => runtimes.dispose())

const baselinePath = (file: string) => resolve(import.meta.dirname, file)
const readBaseline = (text: string): Baseline => Baseline.parse(JSON.parse(text))

/** The baseline as the previous commit that changed it had it, when git and history are there. */
function previousBaseline(baselineFile: string): Baseline | null {
  try {
    const file = `evals/${baselineFile}`
    const cwd = resolve(import.meta.dirname, '..')
    const commits = execFileSync('git', ['log', '--format=%H', '-n', '2', '--', file], { cwd, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
    const head = execFileSync('git', ['show', `HEAD:${file}`], { cwd, encoding: 'utf8' })
    const current = readFileSync(resolve(cwd, file), 'utf8')
    // Uncommitted edits compare with HEAD; a committed baseline with the commit before it.
    const base = current !== head ? 'HEAD' : commits[1]
    return base ? readBaseline(execFileSync('git', ['show', `${base}:${file}`], { cwd, encoding: 'utf8' })) : null
  } catch {
    return null
  }
}

describe.each(SETS)('the eval $name on the embedded engine', ({ name, dir, baseline: baselineFile }) => {
  const baseline = readBaseline(readFileSync(baselinePath(baselineFile), 'utf8'))

  it('keeps its baseline from going down without a written reason', () => {
    const previous = previousBaseline(baselineFile)
    expect(baseline.passRate).toBeGreaterThanOrEqual(0)
    if (!previous || baseline.lowered) return
    expect(baseline.passRate, `${name}: baseline lowered from ${previous.passRate}`).toBeGreaterThanOrEqual(
      previous.passRate,
    )
    expect(baseline.harmful ?? 0, `${name}: harmful baseline raised`).toBeLessThanOrEqual(previous.harmful ?? 0)
  })

  it('passes every baseline case, at least the baseline rate, with no more harmful outcomes', async () => {
    const started = Date.now()
    const report = await runEvals({
      dir: resolve(import.meta.dirname, dir),
      engine: 'embedded',
      runtime: runtimes.factory,
    })
    const seconds = (Date.now() - started) / 1000
    const passing = new Set(report.cases.filter((c) => c.passed).map((c) => c.id))
    const regressed = baseline.passing.filter((id) => !passing.has(id))
    const harmful = report.cases.filter((c) => c.harmful)
    console.info(
      `eval ${name}: ${report.summary.passed}/${report.summary.cases} cases (${(report.passRate * 100).toFixed(1)} %), ` +
        `${report.summary.checksPassed}/${report.summary.checks} checks, ${harmful.length} harmful, ${seconds.toFixed(1)} s`,
    )
    for (const c of harmful) console.info(`  harmful ${c.id}: ${c.harmful}`)
    expect(regressed, `${name}: passed at the baseline, failing now`).toEqual([])
    expect(report.passRate, `${name}: pass rate below the baseline`).toBeGreaterThanOrEqual(baseline.passRate)
    expect(harmful.length, `${name}: more harmful outcomes than the baseline`).toBeLessThanOrEqual(
      baseline.harmful ?? 0,
    )
    // A generous ceiling, not a time assertion: the held-out set grows with every batch and CI runs
    // this beside the crash test on two cores (540 cases took over 5 minutes there).
  }, 900_000)
})
