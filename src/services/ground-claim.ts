/**
 * Candidates for "which invoice" read from the ledger, then scored by the core together with the
 * claim (src/core/ground-claim.ts). Reads are bounded: numbers by fragment, a customer's invoices,
 * a date range; only a description with nothing else to go on reads the whole invoice list, and a
 * range or the whole list only when it holds at most SCAN_LIMIT invoices.
 */
import { type GroundingClues, type Grounding, groundInvoice, type ScoredInvoice } from '../core/ground-claim.ts'
import type { InvoiceRecord, LedgerRepository } from './ports.ts'
import { readAll } from './read-all.ts'

export interface RankedInvoice extends ScoredInvoice {
  customerName: string
}

export type InvoiceGrounding =
  | { kind: 'resolved'; best: RankedInvoice; ranked: RankedInvoice[] }
  | { kind: 'ambiguous'; ranked: RankedInvoice[] }
  | { kind: 'none'; ranked: RankedInvoice[] }

/**
 * Beyond this many invoices (in the day or period the message names, if it names one) a description
 * alone is not scanned: it asks for a customer instead.
 */
const SCAN_LIMIT = 20_000

const digitsKey = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '')

export async function candidateInvoices(ledger: LedgerRepository, clues: GroundingClues): Promise<InvoiceRecord[]> {
  const found = new Map<string, InvoiceRecord>()
  const add = (items: readonly InvoiceRecord[]) => {
    for (const i of items) found.set(i.number, i)
  }
  for (const typed of clues.numbers ?? []) {
    const exact = await ledger.getInvoice(typed.trim())
    if (exact) add([exact])
    if (digitsKey(typed).length >= 3) add((await ledger.findInvoices({ numberFragment: typed, limit: 200 })).items)
  }
  // "invoice 58": a serial too short to search by is looked for among the named customers' invoices.
  if ((clues.numbers ?? []).some((n) => /^\d{1,2}$/.test(n.trim())))
    for (const customerId of clues.customerIds ?? [])
      add(await readAll((p) => ledger.findInvoices({ customerId, ...p })))
  const numbered = (clues.numbers ?? []).length > 0
  const described = Boolean(clues.date || clues.period || clues.amount || clues.productWords?.length)
  if (!numbered && described) {
    for (const customerId of clues.customerIds ?? [])
      add(await readAll((p) => ledger.findInvoices({ customerId, ...p })))
    if (!clues.customerIds?.length) {
      const range = clues.date ? { from: clues.date, to: clues.date } : clues.period
      const within = range ? { issuedFrom: range.from, issuedTo: range.to } : {}
      // Counted no further than the limit: a count of a million invoices read the table every turn.
      if ((await ledger.countInvoices(SCAN_LIMIT + 1, within)) <= SCAN_LIMIT)
        add(await readAll((p) => ledger.findInvoices({ ...within, ...p })))
    }
  }
  return [...found.values()]
}

async function named(ledger: LedgerRepository, g: Grounding): Promise<InvoiceGrounding> {
  const names = new Map<string, string>()
  for (const s of g.ranked.slice(0, 12)) {
    if (!names.has(s.customerId))
      names.set(s.customerId, (await ledger.getCustomer(s.customerId))?.name ?? s.customerId)
  }
  const withName = (s: ScoredInvoice): RankedInvoice => ({
    ...s,
    customerName: names.get(s.customerId) ?? s.customerId,
  })
  const ranked = g.ranked.slice(0, 12).map(withName)
  return g.kind === 'resolved' ? { kind: 'resolved', best: withName(g.best), ranked } : { kind: g.kind, ranked }
}

/** The invoices the clues may name, ranked, with the decision: take one, ask among some, or none. */
export async function groundInvoiceReference(
  ledger: LedgerRepository,
  clues: GroundingClues,
): Promise<InvoiceGrounding> {
  const invoices = await candidateInvoices(ledger, clues)
  return named(ledger, groundInvoice(invoices, clues))
}
