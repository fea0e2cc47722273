/**
 * `npm run evals`: runs a folder of eval cases (default evals/cases) and prints the report
 * (shared/contract/EVALS.md); or, with --reasons / --cfpb, measures the reason classifier on real
 * customer language. The report goes to stdout, progress to stderr. Exit 0 whenever it ran,
 * whatever the score; 2 on a usage error; 1 when it could not run. See docs/evals.md.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import OpenAI from 'openai'
import { cfpbReasonTable, evaluateReasons, formatReasonReport } from '../adapters/agent/nlu/index.ts'
import { parseConfig } from '../config.ts'
import { type CliArgs, parseArgs, type ReasonsArgs, type SuiteArgs, USAGE } from '../../evals/cli-args.ts'
import { gitCommit } from '../../evals/git-commit.ts'
import { renderHtml } from '../../evals/html-report.ts'
import type { RunReport } from '../../evals/run-evals.ts'
import { exitCodes, readDotEnv } from './entry.ts'

export interface Io {
  out: (text: string) => void
  err: (line: string) => void
}

const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}

const HELP = `${USAGE}
Settings (the model for --engine llm and the judge, the database runs are saved in) come from the
environment, or from a .env file in the working directory.
${exitCodes('it ran, whatever the score', 'it could not run (unreadable file, missing cases folder, database or model failure)')}`

/** `dotEnv`: a .env file to read into `env` first (the command line reads ./.env; tests pass none). */
export async function main(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  io: Io = processIo,
  options: { dotEnv?: string } = {},
): Promise<number> {
  const parsed = parseArgs(argv)
  if (!parsed.ok) {
    io.err(`dispute-desk evals: ${parsed.error}\n${HELP}`)
    return 2
  }
  const args: CliArgs = parsed.args
  if (args.mode === 'help') {
    io.out(HELP)
    return 0
  }
  if (options.dotEnv !== undefined && !readDotEnv('dispute-desk evals', options.dotEnv)) return 2
  if (args.mode === 'reasons') return reasons(args, io)
  return suite(args, env, io)
}

function readText(path: string, io: Io): string | null {
  try {
    return readFileSync(path, 'utf8')
  } catch (err) {
    io.err(`dispute-desk evals: cannot read ${path}: ${(err as Error).message}`)
    return null
  }
}

function reasons(args: ReasonsArgs, io: Io): number {
  const labelled = args.reasons === undefined ? undefined : readText(args.reasons, io)
  const complaints = args.cfpb === undefined ? undefined : readText(args.cfpb, io)
  if (labelled === null || complaints === null) return 1
  const evaluation = labelled === undefined ? null : evaluateReasons(labelled)
  const cfpb = complaints === undefined ? [] : cfpbReasonTable(complaints)
  if (evaluation) io.err(`reasons: ${(evaluation.accuracy * 100).toFixed(1)} % of ${evaluation.n} labelled messages`)
  if (args.json) {
    const body = evaluation && complaints === undefined ? evaluation : { ...(evaluation ?? {}), cfpb }
    io.out(JSON.stringify(body, null, 2))
  } else {
    io.out(formatReasonReport(evaluation, cfpb))
  }
  return 0
}

async function suite(args: SuiteArgs, env: Record<string, string | undefined>, io: Io): Promise<number> {
  const config = parseConfig(env)
  if (!config.ok) {
    io.err(`dispute-desk evals: invalid environment:\n  ${config.errors.join('\n  ')}`)
    return 2
  }
  if (!existsSync(args.cases) || !statSync(args.cases).isDirectory()) {
    io.err(`dispute-desk evals: ${args.cases} is not a folder of *.case.json files`)
    return 1
  }
  const engine = args.engine ?? 'embedded'
  const openai = config.config.openai
  if (engine === 'llm' && !openai) {
    io.err('dispute-desk evals: --engine llm needs OPENAI_API_KEY (and OPENAI_BASE_URL for a local server)')
    return 2
  }
  // Loaded here, not at the top: --reasons must not start a database.
  const { runEvals } = await import('../../evals/run-evals.ts')
  const { productRuntime } = await import('../../evals/product-runtime.ts')
  const { createEmailJudge } = await import('../../evals/judge.ts')
  const client = openai
    ? new OpenAI({ apiKey: openai.apiKey, ...(openai.baseURL ? { baseURL: openai.baseURL } : {}) })
    : undefined
  const judge = client && openai && args.judge ? createEmailJudge({ client, model: openai.model }) : undefined
  io.err(
    `dispute-desk evals: ${args.cases} on the ${engine} engine${judge ? `, emails judged by ${openai?.model}` : ''}`,
  )
  const runtimes = productRuntime({ engine, env, isolation: args.isolation, ...(client ? { openai: client } : {}) })
  let report: RunReport
  try {
    report = await runEvals({
      dir: args.cases,
      engine,
      runtime: runtimes.factory,
      log: io.err,
      commit: gitCommit(),
      ...(judge ? { judge } : {}),
      ...(args.filter ? { filter: args.filter } : {}),
      ...(args.timeoutMs ? { timeoutMs: args.timeoutMs } : {}),
    })
  } finally {
    await runtimes.dispose()
  }
  io.out(args.json ? JSON.stringify(report, null, 2) : readable(report))
  if (args.html) {
    writeFileSync(args.html, renderHtml(report))
    io.err(`dispute-desk evals: HTML report written to ${args.html}`)
  }
  if (args.store) {
    const { storeRun } = await import('../../evals/store-run.ts')
    const stored = await storeRun(report, config.config)
    if (stored.stored) {
      io.err(
        `dispute-desk evals: run ${stored.id} saved for the dashboard${stored.flushed ? ` (and ${stored.flushed} parked run(s))` : ''}`,
      )
    } else {
      io.err(
        `dispute-desk evals: run not saved: ${stored.reason}` +
          (stored.pendingFile
            ? `\n  parked in ${stored.pendingFile}; the next run that can open the database saves it`
            : ''),
      )
    }
  }
  return 0
}

const short = (v: unknown): string => {
  const s = typeof v === 'string' ? v : JSON.stringify(v)
  return s === undefined ? '—' : s.length > 80 ? `${s.slice(0, 77)}…` : s
}

function readable(report: RunReport): string {
  const lines: string[] = []
  for (const c of report.cases.filter((x) => !x.passed)) {
    lines.push(`FAIL ${c.id}${c.error ? `: ${c.error}` : ''}`)
    for (const k of c.checks.filter((x) => !x.passed)) {
      lines.push(`  ${k.name}: expected ${short(k.expected)}, got ${short(k.actual)}`)
    }
    const last = c.transcript?.at(-1)
    if (last) lines.push(`  last reply: ${short(last.reply.replace(/\s+/g, ' '))}`)
  }
  const s = report.summary
  lines.push(
    `${s.passed}/${s.cases} cases passed (${(report.passRate * 100).toFixed(1)} %), ${s.checksPassed}/${s.checks} checks, ${s.harmful} harmful, ${report.engine} engine, ${(report.ms / 1000).toFixed(1)} s`,
  )
  return lines.join('\n')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2), process.env, processIo, { dotEnv: '.env' }).then(
    (code) => {
      process.exitCode = code
    },
    (error) => {
      console.error('dispute-desk evals: could not run:', error instanceof Error ? error.message : error)
      process.exitCode = 1
    },
  )
}
