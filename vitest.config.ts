import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

// Vitest's default is one worker fewer than the cores: one worker on the 2-core machines this runs on,
// which leaves a core idle while a file waits on a child process, a PostgreSQL server or Chromium.
const workers = Math.max(2, availableParallelism())

/** The files that run for minutes (measured on clean-clone runs: the crash test 237–315 s, each held-out
 *  shard 136–195 s, the store suite 94 s): started first, so the two workers finish together instead of one
 *  running a long file alone at the end. On a clean clone Vitest has no timings cached and would start them
 *  wherever their size puts them. */
const LONGEST_FIRST = ['crash.test.ts', 'heldout-shard-1', 'heldout-shard-2', 'heldout-shard-3', 'store/store.test.ts']
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((name) => f.moduleId.includes(name))
      return i < 0 ? LONGEST_FIRST.length : i
    }
    return [...sorted].sort((a, b) => rank(a) - rank(b))
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
