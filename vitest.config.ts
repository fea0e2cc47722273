import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

// Vitest's default is one worker fewer than the cores: one worker on the 2-core machines this runs on,
// which leaves a core idle while a file waits on a child process, a PostgreSQL server or Chromium.
const workers = Math.max(2, availableParallelism())

/**
 * The files that run for minutes, started first and longest first, so that the two workers finish
 * together. On a clean clone (CI) Vitest has no timings cached and starts the largest files first:
 * the three held-out shards, three lines each, came last, and one worker ran the last shard alone.
 * Tried before and measured slower (d01773b), most likely because each store then left an
 * AsyncLocalStorage behind that slowed every later promise of its worker, so every file after the
 * shards paid for their 1,800 stores; dec4d9d ended that. With both, a clean-clone run's workers
 * finished together (733 s of vitest for 1,438 s of test time; 91–122 s more than half before).
 */
const LONGEST_FIRST = [
  'src/adapters/store/crash.test.ts',
  'evals/heldout-shard-1.test.ts',
  'evals/heldout-shard-2.test.ts',
  'evals/heldout-shard-3.test.ts',
  'src/adapters/agent/confirmation-safety.test.ts',
  'src/adapters/store/store.test.ts',
  'src/cli/entry.test.ts',
]
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification): number => {
      const at = LONGEST_FIRST.findIndex((path) => f.moduleId.endsWith(path))
      return at < 0 ? LONGEST_FIRST.length : at
    }
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b))
  }
}

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'tools/**/*.test.ts',
      'evals/**/*.test.ts',
      'web/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: workers,
    // Most test files live seconds; V8's optimising tier spends ~2.5 s of CPU per process compiling
    // PGlite's WebAssembly in the background, which such a file never runs long enough to repay. The
    // baseline tier alone runs the same code: measured on six database-heavy files, 134 s -> 101 s of
    // wall time, and no slower on the held-out eval shards (the longest files).
    execArgv: ['--liftoff-only'],
    // A worker runs its files one after another in one module graph instead of a fresh one per file:
    // importing the app and starting PGlite's WebAssembly once per worker, not once per file. The
    // whole suite 1,025 s -> 704 s of vitest on this 2-core machine (import 257 s -> 28 s), all files
    // passing. So a test file must leave no global state behind (environment, timers, listeners):
    // each builds its own app and database, as they all do today.
    isolate: false,
    setupFiles: ['./vitest.setup.ts'],
    sequence: { sequencer: LongestFirst },
  },
})
