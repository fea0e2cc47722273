/**
 * `npm run migrate -- --url postgres://…`: readies a PostgreSQL database for instances that do not
 * migrate as they start — the Cloudflare Worker (src/worker.ts) above all. It does what `npm start`
 * does before it serves: pending migrations (once, under an advisory lock), the similarity index of
 * past disputes, the disputes of imported deductions, and on an empty key table a specialist and a
 * lead key, printed here once (only their hashes are stored).
 */
import type { Ledger } from '../core/ledger.ts'
import { parseConfig } from '../config.ts'
import { createRuntime } from '../runtime.ts'
import { exitCodes, readDotEnv, runIfEntry } from './entry.ts'

const USAGE = `usage: npm run migrate -- --url postgres://USER:PASSWORD@HOST:5432/DATABASE [--demo]
Readies a PostgreSQL database for DisputeDesk on Cloudflare Workers (or any instance that is not
started with npm start): applies pending migrations, indexes past disputes for similarity search,
opens the disputes of imported remittance deductions and, when the database has no API key yet,
creates a specialist and a lead key and prints them (the only time they are shown).
  --url URL   the database (default: DATABASE_URL); for Hyperdrive, the origin database's URL
  --demo      load the demo ledger into an empty database
Safe to run again: it does only what is pending. Load your own data with npm run import.
${exitCodes('the database is ready', 'the database could not be reached or a migration failed')}`

export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  options: { dotEnv?: string; log?: (line: string) => void; ledger?: Ledger } = {},
): Promise<number> {
  const log = options.log ?? ((line: string) => console.log(line))
  if (argv.includes('--help') || argv.includes('-h')) {
    log(USAGE)
    return 0
  }
  let url: string | undefined
  let demo = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--demo') demo = true
    else if (arg === '--url' && argv[i + 1] && !argv[i + 1]?.startsWith('-')) url = argv[++i]
    else {
      console.error(
        `migrate: ${arg === '--url' ? '--url needs a database URL' : `unknown argument "${arg}"`}\n${USAGE}`,
      )
      return 2
    }
  }
  if (options.dotEnv !== undefined && !readDotEnv('migrate', options.dotEnv)) return 2
  const databaseUrl = url ?? env.DATABASE_URL
  if (!databaseUrl) {
    console.error(`migrate: no database: pass --url or set DATABASE_URL\n${USAGE}`)
    return 2
  }
  const parsed = parseConfig({
    ...env,
    DATABASE_URL: databaseUrl,
    DISPUTE_DESK_DATA: 'memory',
    DISPUTE_DESK_EMPTY: demo ? '0' : '1',
    DISPUTE_DESK_ENGINE: 'embedded',
    DISPUTE_DESK_NOTIFY_EVERY_SECONDS: '0',
  })
  if (!parsed.ok) {
    console.error(`migrate: fix the environment:\n  ${parsed.errors.join('\n  ')}`)
    return 2
  }
  let runtime: Awaited<ReturnType<typeof createRuntime>>
  try {
    runtime = await createRuntime(parsed.config, { log, ...(options.ledger ? { ledger: options.ledger } : {}) })
  } catch (error) {
    console.error(`migrate: ${(error as Error).message}`)
    return 1
  }
  try {
    if (runtime.keys) {
      log(`Specialist key: ${runtime.keys.specialist}`)
      log(`Lead key:       ${runtime.keys.lead}`)
      log('(shown once: keep them in a password manager; more with npm run keys -- create)')
    }
    log('The database is ready.')
    return 0
  } finally {
    await runtime.close()
  }
}

runIfEntry(import.meta.url, () => main(process.argv.slice(2), process.env, { dotEnv: '.env' }))
