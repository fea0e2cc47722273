/**
 * What every entry point does before it starts anything: answer --help, refuse what it does not
 * take (exit 2), then read ./.env. Kept apart so `--help` never opens a database or a port.
 */
import { pathToFileURL } from 'node:url'
import { loadDotEnv } from '../config.ts'

/** The exit codes every command shares, in its own words for 0 and 1. */
export const exitCodes = (done: string, failed: string): string => `exit codes:
  0  ${done} (also after --help)
  1  ${failed}
  2  usage error or invalid environment (nothing was started)`

export type ArgsCheck = { kind: 'run' } | { kind: 'help' } | { kind: 'error'; message: string }

/** For a command that takes no arguments: --help / -h, or a usage error for anything else. */
export function checkNoArguments(argv: readonly string[]): ArgsCheck {
  if (argv.some((a) => a === '--help' || a === '-h')) return { kind: 'help' }
  const [first] = argv
  if (first === undefined) return { kind: 'run' }
  return { kind: 'error', message: `unknown argument "${first}" (this command takes none)` }
}

/**
 * Prints the usage (stdout, exit 0) or the error and the usage (stderr, exit 2); null means go on.
 * stdout is written directly: the MCP entry point has pointed console.log at stderr.
 */
export function answerArgs(check: ArgsCheck, command: string, usage: string): number | null {
  if (check.kind === 'run') return null
  if (check.kind === 'help') {
    process.stdout.write(`${usage}\n`)
    return 0
  }
  process.stderr.write(`${command}: ${check.message}\n${usage}\n`)
  return 2
}

/** Reads ./.env (variables already set win); false, with the reason on stderr, when it cannot. */
export function readDotEnv(command: string, path = '.env'): boolean {
  const r = loadDotEnv(path)
  if (!r.ok) {
    process.stderr.write(`${command}: ${r.error}\n`)
    return false
  }
  if (r.file && r.names.length) process.stderr.write(`${command}: ${r.names.length} variable(s) from ${r.file}\n`)
  return true
}

/** Runs a command's main only when its file is the process's entry (a test imports it without running it). */
export function runIfEntry(moduleUrl: string, main: () => Promise<number>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return
  main().then((code) => {
    process.exitCode = code
  })
}
