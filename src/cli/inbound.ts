/**
 * `npm run inbound -- FILE.eml|FILE.mbox [...]`: customer emails saved from a mail client or exported
 * as an mbox, each matched to its customer, invoice and dispute and recorded on that dispute's
 * timeline (or as a draft dispute, or kept unmatched), exactly as POST /api/inbound/email does.
 * A message whose Message-ID was recorded before is counted, not recorded again.
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { classifyReason } from '../adapters/agent/nlu/index.ts'
import { messagesInFile, parseEmail } from '../adapters/inbound/parse-email.ts'
import { createStore } from '../adapters/store/store.ts'
import { localDate } from '../runtime.ts'
import { type ContactStatus, createCustomerMessages } from '../services/customer-messages.ts'
import { resolveInvoiceNumber } from '../services/invoice-lookup.ts'
import type { Actor } from '../services/ports.ts'
import { exitCodes, readDotEnv, runIfEntry } from './entry.ts'
import { openConfiguredDb } from './open-configured-db.ts'

const CLI_ACTOR: Actor = { id: 'inbound-email', name: 'Inbound email import', role: 'admin' }

const USAGE = `usage: npm run inbound -- FILE [FILE ...]
  FILE.eml    one raw email (RFC 822) as a mail client saves it
  FILE.mbox   many emails in the mbox format (a mail client's or Google Takeout's export)
Each email is matched by its thread (In-Reply-To/References), its sender's address or domain, a
customer name and an invoice number, then added to that invoice's open dispute, or opens a draft
dispute (nothing decided, 0.00 disputed), or is kept as unmatched. Safe to run twice.
The database is DISPUTE_DESK_DATA (default ./.data) or DATABASE_URL.
${exitCodes('every message read', 'a file or a message could not be read, or the database could not be opened')}`

export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  options: { dotEnv?: string; log?: (line: string) => void } = {},
): Promise<number> {
  const log = options.log ?? ((line: string) => console.log(line))
  if (argv.includes('--help') || argv.includes('-h')) {
    log(USAGE)
    return 0
  }
  const files = argv.filter((a) => !a.startsWith('-'))
  if (files.length === 0 || files.length !== argv.length) {
    console.error(USAGE)
    return 2
  }
  if (options.dotEnv !== undefined && !readDotEnv('inbound', options.dotEnv)) return 2
  const opened = await openConfiguredDb(env)
  if (!opened.ok) {
    console.error(opened.message)
    return opened.exitCode
  }
  const store = createStore(opened.db)
  const messages = createCustomerMessages({
    store,
    resolveInvoice: (reference, customerId) => resolveInvoiceNumber(store.ledger, reference, customerId),
    readReason: async () => classifyReason,
  })
  const today = opened.config.today ?? localDate()
  const counts: Record<ContactStatus, number> = { added: 0, draft_opened: 0, unmatched: 0, duplicate: 0 }
  let failed = 0
  try {
    for (const file of files) {
      let raws: string[]
      try {
        raws = messagesInFile(basename(file), readFileSync(file, 'utf8'))
      } catch (err) {
        console.error(`${file}: cannot read: ${(err as Error).message}`)
        failed++
        continue
      }
      for (const [i, raw] of raws.entries()) {
        const where = raws.length > 1 ? `${file} #${i + 1}` : file
        try {
          const r = await messages.receive(await parseEmail(raw), CLI_ACTOR, today)
          if (!r.ok) {
            console.error(`${where}: ${r.error.message}`)
            failed++
            continue
          }
          counts[r.value.status]++
          const on = r.value.disputeId ? ` dispute ${r.value.disputeId}` : ''
          log(
            `${where}: ${r.value.status.replace('_', ' ')}${on}${r.value.matchedBy.length ? ` (by ${r.value.matchedBy.join(', ')})` : ''}`,
          )
        } catch (err) {
          console.error(`${where}: ${(err as Error).message}`)
          failed++
        }
      }
    }
    log(
      `${counts.added} added to open disputes, ${counts.draft_opened} opened draft disputes, ${counts.unmatched} unmatched, ${counts.duplicate} seen before${failed ? `, ${failed} failed` : ''}.`,
    )
  } finally {
    await opened.db.close()
  }
  return failed ? 1 : 0
}

runIfEntry(import.meta.url, () => main(process.argv.slice(2), process.env, { dotEnv: '.env' }))
