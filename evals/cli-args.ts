/** The evals command line, parsed into a value (usage errors are values too, never throws). */

export const DEFAULT_CASES = 'evals/cases'

export interface SuiteArgs {
  mode: 'suite'
  cases: string
  json: boolean
  engine: 'embedded' | 'llm' | undefined
  html: string | undefined
  store: boolean
  judge: boolean
  filter: string | undefined
  timeoutMs: number | undefined
  isolation: 'shared' | 'fresh'
}

export interface ReasonsArgs {
  mode: 'reasons'
  reasons: string | undefined
  cfpb: string | undefined
  json: boolean
}

export type CliArgs = SuiteArgs | ReasonsArgs | { mode: 'help' }
export type ParsedArgs = { ok: true; args: CliArgs } | { ok: false; error: string }

export const USAGE = `usage:
  npm run evals -- [--cases DIR] [--json] [--engine embedded|llm] [--html FILE]
                   [--no-store] [--no-judge] [--filter TEXT] [--timeout MS] [--fresh]
  npm run evals -- --reasons FILE.csv [--cfpb FILE.csv] [--json]
  npm run evals -- --cfpb FILE.csv [--json]

  --cases DIR     folder of *.case.json files and their ledgers (default ${DEFAULT_CASES})
  --json          the JSON report on stdout (otherwise a readable summary); logs go to stderr
  --engine        embedded (default) or llm (needs OPENAI_API_KEY, and OPENAI_BASE_URL for a local server)
  --html FILE     also write a self-contained HTML report
  --no-store      do not save the run in the configured database (saved by default, for the dashboard)
  --no-judge      skip the LLM rubric judge of each email (it runs when a model is configured)
  --filter TEXT   only cases whose id contains TEXT
  --timeout MS    fail a case whose turns take longer (default 30000)
  --fresh         a new runtime per case instead of one per ledger restored before each case (slow)
  --reasons FILE  reason-classifier accuracy on a text,category CSV (Banking77 mapping)
  --cfpb FILE     what the classifier reads in each CFPB complaint narrative, as a table`

const VALUE_FLAGS = new Set(['--cases', '--engine', '--html', '--filter', '--timeout', '--reasons', '--cfpb'])

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const values = new Map<string, string>()
  const flags = new Set<string>()
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? ''
    const eq = raw.indexOf('=')
    const name = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw
    if (VALUE_FLAGS.has(name)) {
      const value = eq > 0 && raw.startsWith('--') ? raw.slice(eq + 1) : argv[++i]
      if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
        return { ok: false, error: `${name} needs a value` }
      }
      values.set(name, value)
    } else if (['--json', '--no-store', '--store', '--no-judge', '--fresh', '--help', '-h'].includes(raw)) {
      flags.add(raw)
    } else {
      return { ok: false, error: `unknown argument "${raw}"` }
    }
  }
  if (flags.has('--help') || flags.has('-h')) return { ok: true, args: { mode: 'help' } }
  const json = flags.has('--json')
  if (values.has('--reasons') || values.has('--cfpb')) {
    const suiteOnly = ['--cases', '--engine', '--html', '--filter', '--timeout'].filter((f) => values.has(f))
    if (suiteOnly.length) return { ok: false, error: `${suiteOnly.join(', ')} cannot be used with --reasons/--cfpb` }
    return { ok: true, args: { mode: 'reasons', reasons: values.get('--reasons'), cfpb: values.get('--cfpb'), json } }
  }
  const engine = values.get('--engine')
  if (engine !== undefined && engine !== 'embedded' && engine !== 'llm') {
    return { ok: false, error: `--engine must be embedded or llm, not "${engine}"` }
  }
  const timeout = values.get('--timeout')
  const timeoutMs = timeout === undefined ? undefined : Number(timeout)
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    return { ok: false, error: `--timeout must be a positive number of milliseconds, not "${timeout}"` }
  }
  if (flags.has('--store') && flags.has('--no-store')) return { ok: false, error: 'choose --store or --no-store' }
  return {
    ok: true,
    args: {
      mode: 'suite',
      cases: values.get('--cases') ?? DEFAULT_CASES,
      json,
      engine,
      html: values.get('--html'),
      store: !flags.has('--no-store'),
      judge: !flags.has('--no-judge'),
      filter: values.get('--filter'),
      timeoutMs,
      isolation: flags.has('--fresh') ? 'fresh' : 'shared',
    },
  }
}
