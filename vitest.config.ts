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
    setupFiles: ['./vitest.setup.ts'],
  },
})
