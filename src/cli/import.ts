/**
 * `npm run import -- FILE [FILE...] [--format F] [--mapping M] [--currency C] [--company NAME]`: loads
 * ledger JSON files, or CSV exports converted to a ledger, into the configured database
 * (DISPUTE_DESK_DATA or DATABASE_URL), each all or nothing. A data folder holds one company's books
 * (adapters/import/company.ts). Re-importing adds nothing twice; a payment whose amount changed in
 * the ERP is updated, and the summary says which.
 */
import { readFileSync } from 'node:fs'
import { chooseCompany, type CompanyInFile } from '../adapters/import/company.ts'
import { csvToLedger } from '../adapters/import/csv-to-ledger.ts'
import type { CsvIssue } from '../adapters/import/csv-rows.ts'
import { ibmToLedger } from '../adapters/import/ibm.ts'
import { summaryLines } from '../adapters/import/summary.ts'
import { uciToLedger } from '../adapters/import/uci.ts'
import type { ImportOutcome } from '../adapters/store/import-ledger.ts'
import { importLedgerValue } from '../adapters/store/import-value.ts'
import { createStore } from '../adapters/store/store.ts'
import { openConfiguredDb } from './open-configured-db.ts'
import type { Actor } from '../services/ports.ts'
import { exitCodes, readDotEnv, runIfEntry } from './entry.ts'

const CLI_ACTOR: Actor = { id: 'cli', name: 'command-line import', role: 'admin' }

export function formatReport(file: string, r: ImportOutcome): string {
  const kinds = [...new Set([...Object.keys(r.inserted), ...Object.keys(r.unchanged), ...Object.keys(r.updated)])]
  const parts = kinds.map(
    (k) =>
      `${k} ${r.inserted[k] ?? 0} new, ${r.unchanged[k] ?? 0} unchanged` +
      (r.updated[k] ? `, ${r.updated[k]} updated` : ''),
  )
  const changed = r.changes.map((c) => `\n  changed: ${c}`).join('')
  return `${file}: ${parts.join('; ') || 'empty'}${changed}`
}

const USAGE = `usage: npm run import -- FILE [FILE ...] [options]
  FILE.json               a ledger in the dispute-desk.ledger/v1 format
  FILE.csv                an ERP export (invoice and payment rows), converted to a ledger first
options:
  --format ledger|csv|uci|ibm   how to read the files (default: by extension; .csv is an ERP export)
  --mapping auto|netsuite|quickbooks|MAPPING.json   CSV column mapping (default auto: from the header row)
  --currency CODE         currency of CSV rows without a currency column (default USD)
  --company NAME          whose books these are: needed for a CSV export into a new data folder;
                          renames the folder's company when it differs (said in the output)
  -h, --help              this text
The database is DISPUTE_DESK_DATA (default ./.data) or DATABASE_URL, from the environment or a .env
file in the working directory. A data folder holds one company's books: a ledger naming another
company is refused (use another DISPUTE_DESK_DATA). Each file is imported all or nothing; importing
it again adds nothing twice, and a payment whose amount changed (a CSV's open balance) is updated.
${exitCodes('every file imported', 'a file could not be read or imported, or the database could not be opened')}`

const FORMATS = ['ledger', 'csv', 'uci', 'ibm'] as const
type Format = (typeof FORMATS)[number]

interface Args {
  files: string[]
  format?: Format
  mapping?: string
  currency?: string
  company?: string
}

const OPTIONS = ['--format', '--mapping', '--currency', '--company']
export const HELP = { help: true } as const

/** The options, HELP for --help / -h, or a usage error to print (exit 2). */
export function parseArgs(argv: string[]): Args | typeof HELP | string {
  if (argv.includes('--help') || argv.includes('-h')) return HELP
  const args: Args = { files: [] }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (!arg.startsWith('-') || arg === '-') {
      args.files.push(arg)
      continue
    }
    if (!OPTIONS.includes(arg)) return `unknown option ${arg}\n${USAGE}`
    const value = argv[++i]
    if (value === undefined || value.startsWith('--')) return `${arg} needs a value\n${USAGE}`
    if (arg === '--format') {
      if (!(FORMATS as readonly string[]).includes(value)) return `--format: one of ${FORMATS.join(', ')}`
      args.format = value as Format
    } else if (arg === '--mapping') {
      args.mapping = value.endsWith('.json') ? readFileSync(value, 'utf8') : value
    } else if (arg === '--currency') args.currency = value.toUpperCase()
    else args.company = value
  }
  return args.files.length ? args : USAGE
}

const issues = (errors: CsvIssue[]) =>
  errors.slice(0, 50).map((e) => `  row ${e.row}${e.column ? `, column "${e.column}"` : ''}: ${e.message}`)

/** Reads one file into a ledger value (not yet validated: importLedgerValue does that). */
function readLedger(file: string, args: Args): { ok: true; value: unknown } | { ok: false; lines: string[] } {
  const format = args.format ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'ledger')
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    return { ok: false, lines: [`${file}: cannot read: ${(err as Error).message}`] }
  }
  if (format === 'ledger') {
    try {
      return { ok: true, value: JSON.parse(text) }
    } catch (err) {
      return { ok: false, lines: [`${file}: not valid JSON: ${(err as Error).message}`] }
    }
  }
  const company = args.company ? { companyName: args.company } : {}
  const r =
    format === 'uci'
      ? uciToLedger(text, company)
      : format === 'ibm'
        ? ibmToLedger(text, { ...company, ...(args.currency ? { currency: args.currency } : {}) })
        : csvToLedger(text, {
            ...company,
            ...(args.mapping ? { mapping: args.mapping } : {}),
            ...(args.currency ? { currency: args.currency } : {}),
          })
  if (!r.ok) return { ok: false, lines: [`${file}: ${r.errors.length} problem(s) in the CSV`, ...issues(r.errors)] }
  const [counts, ...lists] = summaryLines({ ...r.report })
  console.log(`${file}: read as ${format}: ${counts}`)
  for (const line of lists) console.log(line)
  return { ok: true, value: r.ledger }
}

/** The company a ledger value names; the value is validated by the import itself. */
function companyIn(value: unknown): CompanyInFile | undefined {
  const company = (value as { company?: unknown } | null)?.company
  return company && typeof company === 'object' && typeof (company as CompanyInFile).name === 'string'
    ? (company as CompanyInFile)
    : undefined
}

function withCompany(value: unknown, company: CompanyInFile | undefined): unknown {
  if (value === null || typeof value !== 'object') return value
  const { company: _drop, ...rest } = value as Record<string, unknown>
  return company ? { ...rest, company } : rest
}

/** `dotEnv`: a .env file to read into `env` first (the command line reads ./.env; tests pass none). */
export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  options: { dotEnv?: string } = {},
): Promise<number> {
  const args = parseArgs(argv)
  if (typeof args === 'string') {
    console.error(args)
    return 2
  }
  if ('help' in args) {
    console.log(USAGE)
    return 0
  }
  const files = args.files
  if (options.dotEnv !== undefined && !readDotEnv('import', options.dotEnv)) return 2
  const opened = await openConfiguredDb(env)
  if (!opened.ok) {
    console.error(opened.message)
    return opened.exitCode
  }
  const db = opened.db
  let failed = 0
  try {
    for (const file of files) {
      const read = readLedger(file, args)
      if (!read.ok) {
        for (const line of read.lines) console.error(line)
        failed++
        continue
      }
      const chosen = chooseCompany({
        fromFile: companyIn(read.value),
        flag: args.company,
        current: (await createStore(db).ledger.company()).name,
      })
      if (!chosen.ok) {
        console.error(`${file}: ${chosen.message}`)
        failed++
        continue
      }
      if (chosen.note) console.log(`${file}: ${chosen.note}`)
      const value = withCompany(read.value, chosen.company)
      console.log(`${file}: importing…`)
      const r = await importLedgerValue(db, value, CLI_ACTOR, (text) => console.log(`  ${text}`))
      if (r.ok) {
        console.log(formatReport(file, r.value))
      } else {
        failed++
        console.error(`${file}: ${r.error.message}`)
        if (r.error.code === 'invalid_ledger')
          for (const e of r.error.errors) console.error(`  ${e.path}: ${e.message}`)
      }
    }
  } finally {
    await db.close()
  }
  return failed ? 1 : 0
}

runIfEntry(import.meta.url, () => main(process.argv.slice(2), process.env, { dotEnv: '.env' }))
