/**
 * The customers a message may name, for the matcher to choose from. A ledger of up to ALL_UP_TO
 * customers is read whole, page by page (a page holds at most 500 rows: reading one "page of 100,000"
 * silently missed every customer after the 500th by name). A larger one is searched by the message's
 * words, so no turn reads a whole table; a word in more than PER_WORD names finds nothing (it names
 * no one in particular); initials ("TMN") are then matched only among those found.
 */
import type { Customer } from '../core/ledger.ts'
import type { LedgerRepository } from './ports.ts'

const ALL_UP_TO = 2_000
const WORDS_SEARCHED = 15
const PER_WORD = 100

/** Words that name no customer, whatever the ledger. */
const COMMON = new Set(
  'the and for with from that this they them their our your have has had was were are not but about invoice invoices bill disputed dispute dispute says say said customer price credit short paid'.split(
    ' ',
  ),
)

export async function customersToMatch(ledger: LedgerRepository, message: string): Promise<Customer[]> {
  // Counted no further than the limit: counting 100,000 customers every turn read the table whole.
  const all = await ledger.allCustomers(ALL_UP_TO)
  if (all) return all
  const words = [...new Set(message.toLowerCase().match(/\p{L}[\p{L}'&-]{2,}/gu) ?? [])]
    .filter((w) => !COMMON.has(w))
    .sort((a, b) => b.length - a.length)
    .slice(0, WORDS_SEARCHED)
  const found = new Map<string, Customer>()
  for (const w of words) {
    const named = await ledger.customersNamed(w, PER_WORD + 1)
    // A word in more names than that ("group", "partners") cannot tell customers apart: left out.
    if (named.length > PER_WORD) continue
    for (const c of named) found.set(c.id, c)
  }
  return [...found.values()]
}
