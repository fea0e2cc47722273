/**
 * The CI gate, on the embedded engine, for two sets reported apart:
 * - the tuning set (evals/cases), which the conversation layer was tuned on;
 * - the held-out set (evals/heldout, written without reading the NLU code, never tuned on), which
 *   measures generalisation, with a count of harmful outcomes (money on the wrong invoice or amount).
 * Each set has a committed baseline (`baseline.json`): the cases listed there must keep passing, the
 * pass rate may not fall below it, harmful outcomes may not rise above it, and the baseline itself can
 * only go up from one commit of it to the next unless the lowering is written down with its reason.
 * The held-out set's run is sharded (heldout-shard-*.test.ts, evals/gate.ts); its baseline's history
 * is checked here. Time is reported, not asserted: CI runs test files side by side on two cores.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { productRuntime } from './product-runtime.ts'
import { type Baseline, baselinePath, expectGate, readBaseline } from './gate.ts'

const SETS = [
  { name: 'tuning set', baseline: 'baseline.json' },
  { name: 'held-out set', baseline: 'heldout/baseline.json' },
] as const

const runtimes = productRuntime({ engine: 'embedded' })
afterAll(() => runtimes.dispose())

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

describe.each(SETS)('the eval $name on the embedded engine', ({ name, baseline: baselineFile }) => {
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
})

describe('the eval tuning set on the embedded engine, run', () => {
  it('passes every baseline case, at least the baseline rate, with no more harmful outcomes', async () => {
    await expectGate({
      name: 'tuning set',
      dirs: [resolve(import.meta.dirname, 'cases')],
      baseline: readBaseline(readFileSync(baselinePath('baseline.json'), 'utf8')),
      runtime: runtimes.factory,
      wholeSet: true,
    })
  }, 900_000)
})
