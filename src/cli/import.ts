/**
 * `npm run import -- FILE [FILE...]`: loads ledger JSON files into the configured database
 * (DISPUTE_DESK_DATA or DATABASE_URL), each all or nothing; re-importing changes nothing.
 */
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { importLedgerValue } from '../adapters/store/import-value.ts'
import { OpenDbError, openDb } from '../adapters/store/open-db.ts'
import { parseConfig } from '../config.ts'
import type { Actor, ImportReport } from '../services/ports.ts'

const CLI_ACTOR: Actor = { id: 'cli', name: 'command-line import', role: 'admin' }

export function formatReport(file: string, r: ImportReport): string {
  const kinds = [...new Set([...Object.keys(r.inserted), ...Object.keys(r.unchanged)])]
  const parts = kinds.map((k) => `${k} ${r.inserted[k] ?? 0} new, ${r.unchanged[k] ?? 0} unchanged`)
  return `${file}: ${parts.join('; ') || 'empty'}`
}

export async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const files = argv.filter((a) => !a.startsWith('-'))
  if (!files.length) {
    console.error('usage: npm run import -- FILE.json [FILE.json ...]')
    return 2
  }
  const cfg = parseConfig(env)
  if (!cfg.ok) {
    console.error(cfg.errors.join('\n'))
    return 2
  }
  let db: Awaited<ReturnType<typeof openDb>>
  try {
    db = await openDb({ dataDir: cfg.config.dataDir, databaseUrl: cfg.config.databaseUrl })
  } catch (err) {
    if (err instanceof OpenDbError) {
      console.error(err.message)
      return 1
    }
    throw err
  }
  let failed = 0
  try {
    for (const file of files) {
      let value: unknown
      try {
        value = JSON.parse(readFileSync(file, 'utf8'))
      } catch (err) {
        console.error(`${file}: cannot read JSON: ${(err as Error).message}`)
        failed++
        continue
      }
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2), process.env).then((code) => {
    process.exitCode = code
  })
}
