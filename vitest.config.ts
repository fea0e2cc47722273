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
    // A worker runs its files one after another in one module graph instead of a fresh one per file:
    // importing the app and starting PGlite's WebAssembly once per worker, not once per file. The
    // whole suite 1,025 s -> 704 s of vitest on this 2-core machine (import 257 s -> 28 s), all files
    // passing. So a test file must leave no global state behind (environment, timers, listeners):
    // each builds its own app and database, as they all do today.
    isolate: false,
    setupFiles: ['./vitest.setup.ts'],
  },
})
