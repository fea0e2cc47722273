import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

// Vitest's default is one worker fewer than the cores: one worker on the 2-core machines this runs on,
// which leaves a core idle while a file waits on a child process, a PostgreSQL server or Chromium.
const workers = Math.max(2, availableParallelism())

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
    setupFiles: ['./vitest.setup.ts'],
  },
})
