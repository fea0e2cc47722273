/**
 * Every entry point as a child process (tsx, as npm runs it): --help and -h print the usage with its
 * exit codes and exit 0 before anything starts; an unknown flag exits 2 with a message; ./.env is read.
 * The children get a bare environment and a data folder that must stay uncreated.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const tsx = resolve(root, 'node_modules/.bin/tsx')
const work = mkdtempSync(join(tmpdir(), 'dd-entry-'))
const dataDir = join(work, 'never-created')

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

const run = (entry: string, args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> =>
  new Promise((done) => {
    const env = { PATH: process.env.PATH ?? '', DISPUTE_DESK_DATA: dataDir, ...opts.env }
    execFile(
      tsx,
      [resolve(root, entry), ...args],
      { cwd: opts.cwd ?? root, env, timeout: 30_000 },
      (err, stdout, stderr) =>
        done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
    )
  })

const ENTRIES = [
  { command: 'npm start', entry: 'src/main.ts', usage: 'usage: npm start' },
  { command: 'npm run mcp', entry: 'src/cli/mcp.ts', usage: 'usage: npm run mcp' },
  { command: 'npm run import', entry: 'src/cli/import.ts', usage: 'usage: npm run import' },
  { command: 'npm run chat', entry: 'src/cli/chat.ts', usage: 'usage: npm run chat' },
  { command: 'npm run evals', entry: 'src/cli/evals.ts', usage: 'usage:' },
  { command: 'npm run keys', entry: 'src/cli/keys.ts', usage: 'usage: npm run keys' },
  { command: 'npm run migrate', entry: 'src/cli/migrate.ts', usage: 'usage: npm run migrate' },
  { command: 'npm run reembed', entry: 'scripts/reembed.ts', usage: 'usage: npm run reembed' },
]

describe.each(ENTRIES)('$command', ({ entry, usage }) => {
  it('prints its usage and exit codes on --help and -h, exits 0 and starts nothing', async () => {
    for (const flag of ['--help', '-h']) {
      const r = await run(entry, [flag])
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' })
      expect(r.stdout.startsWith(usage)).toBe(true)
      expect(r.stdout).toMatch(/exit codes:\n {2}0 {2}\S.*\n {2}1 {2}\S.*\n {2}2 {2}usage error/)
    }
    expect(existsSync(dataDir)).toBe(false)
  }, 60_000)

  it('refuses an unknown flag with exit code 2, naming it', async () => {
    const r = await run(entry, ['--no-such-flag'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--no-such-flag')
    expect(r.stdout).toBe('')
    expect(existsSync(dataDir)).toBe(false)
  }, 30_000)
})

describe('.env in the working directory', () => {
  it('is read before the environment is checked, and a variable already set wins over it', async () => {
    const cwd = mkdtempSync(join(work, 'cwd-'))
    writeFileSync(join(cwd, '.env'), 'PORT=99999\nDISPUTE_DESK_ENGINE=llm\n')
    const fromFile = await run('src/main.ts', [], { cwd })
    expect(fromFile.code).toBe(2)
    expect(fromFile.stderr).toContain('PORT')
    // A bad date keeps this run from starting; the file's PORT and engine must not be what it reports.
    const env = { PORT: '8788', DISPUTE_DESK_ENGINE: 'embedded', DISPUTE_DESK_TODAY: 'someday' }
    const envWins = await run('src/main.ts', [], { cwd, env })
    expect(envWins.code).toBe(2)
    expect(envWins.stderr).toContain('DISPUTE_DESK_TODAY')
    expect(envWins.stderr).not.toContain('PORT')
    expect(envWins.stderr).not.toContain('DISPUTE_DESK_ENGINE')
    expect(existsSync(dataDir)).toBe(false)
  }, 60_000)
})
