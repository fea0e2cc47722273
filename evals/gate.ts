/**
 * The eval gate's assertion, shared by the tuning set (evals/suite.test.ts) and the held-out set's
 * shards (evals/heldout-shard-*.test.ts): the cases the committed baseline lists as passing must still
 * pass, and harmful outcomes (money on the wrong invoice or amount) may not rise above the baseline's.
 * Over a whole set the pass rate may not fall below the baseline's either; a shard checks the cases it
 * holds, and the shards together hold every held-out batch, so together they check the same.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { productRuntime } from './product-runtime.ts'
import { type CaseRun, type RuntimeFactory, runEvals } from './run-evals.ts'

export const Baseline = z.object({
  engine: z.string(),
  passRate: z.number(),
  harmful: z.number().int().min(0).optional(),
  passing: z.array(z.string()),
  /** A baseline may be lowered only with the reason written here (e.g. a case that passed through a
   *  phrasing copied into the NLU, removed on purpose). */
  lowered: z.object({ from: z.number(), why: z.string().min(20) }).optional(),
})
export type Baseline = z.infer<typeof Baseline>

export const readBaseline = (text: string): Baseline => Baseline.parse(JSON.parse(text))
export const baselinePath = (file: string): string => resolve(import.meta.dirname, file)

export interface Gate {
  name: string
  dirs: readonly string[]
  baseline: Baseline
  runtime: RuntimeFactory
  /** The dirs are the whole set: its pass rate is held to the baseline's too. */
  wholeSet: boolean
}

export async function expectGate(gate: Gate): Promise<void> {
  const started = Date.now()
  const cases: CaseRun[] = []
  for (const dir of gate.dirs) cases.push(...(await runEvals({ dir, engine: 'embedded', runtime: gate.runtime })).cases)
  const seconds = (Date.now() - started) / 1000
  const ids = new Set(cases.map((c) => c.id))
  const passing = new Set(cases.filter((c) => c.passed).map((c) => c.id))
  const regressed = gate.baseline.passing.filter((id) => ids.has(id) && !passing.has(id))
  const harmful = cases.filter((c) => c.harmful)
  const rate = cases.length ? passing.size / cases.length : 0
  console.info(
    `eval ${gate.name}: ${passing.size}/${cases.length} cases (${(rate * 100).toFixed(1)} %), ` +
      `${harmful.length} harmful, ${seconds.toFixed(1)} s`,
  )
  for (const c of harmful) console.info(`  harmful ${c.id}: ${c.harmful}`)
  expect(cases.length, `${gate.name}: no cases found`).toBeGreaterThan(0)
  expect(regressed, `${gate.name}: passed at the baseline, failing now`).toEqual([])
  if (gate.wholeSet)
    expect(rate, `${gate.name}: pass rate below the baseline`).toBeGreaterThanOrEqual(gate.baseline.passRate)
  expect(harmful.length, `${gate.name}: more harmful outcomes than the baseline`).toBeLessThanOrEqual(
    gate.baseline.harmful ?? 0,
  )
}

/** The held-out batches (evals/heldout/batch-N), in number order. */
export function heldoutBatches(): string[] {
  const root = resolve(import.meta.dirname, 'heldout')
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^batch-\d+$/.test(d.name))
    .map((d) => d.name)
    .sort((a, b) => Number(a.slice(6)) - Number(b.slice(6)))
    .map((name) => resolve(root, name))
}

/**
 * One shard of the held-out gate: every `count`-th batch from `index`. Shards are separate test files
 * so that vitest spreads them over both cores beside the other files (one file of 660 cases ran
 * alone at the end of `npm test` for minutes).
 */
export function describeHeldoutShard(index: number, count: number): void {
  const batches = heldoutBatches().filter((_, i) => i % count === index)
  const runtimes = productRuntime({ engine: 'embedded' })
  afterAll(() => runtimes.dispose())
  describe(`the held-out set, shard ${index + 1} of ${count}, on the embedded engine`, () => {
    it('passes every baseline case it holds, with no more harmful outcomes', async () => {
      await expectGate({
        name: `held-out shard ${index + 1}/${count}`,
        dirs: batches,
        baseline: readBaseline(readFileSync(baselinePath('heldout/baseline.json'), 'utf8')),
        runtime: runtimes.factory,
        wholeSet: false,
      })
    }, 900_000)
  })
}
