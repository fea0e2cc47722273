/**
 * The training examples: our own phrasings (data/phrasings.json), denials built from them ("not the
 * price, …"), and mapped rows of public data (Banking77 intents, CFPB billing complaints).
 */
import { parse } from 'csv-parse/sync'
import type { ReasonCode } from '../../../core/ledger.ts'
import { mappedRows } from './banking77.ts'
import phrasings from './data/phrasings.json' with { type: 'json' }

/** The label for text that carries no reason at all ("hi", "can you pull up the invoice"). */
export const NO_REASON = '__none__'

export interface LabelledText {
  text: string
  label: string
}

export function ownPhrasings(): LabelledText[] {
  const out: LabelledText[] = []
  for (const [label, texts] of Object.entries(phrasings)) {
    if (label.startsWith('_') && label !== NO_REASON) continue
    for (const text of texts as string[]) out.push({ text, label })
  }
  return out
}

/** How people name a reason when they rule it out. */
const NAMES: Record<string, string[]> = {
  pricing_error: ['the price', 'the unit rate', 'a pricing problem'],
  quantity_discrepancy: ['the quantity', 'the count', 'a short delivery'],
  damaged_goods: ['damage', 'anything broken', 'damaged stock'],
  duplicate_billing: ['a duplicate', 'double billing', 'a second invoice'],
  service_not_rendered: ['a missed visit', 'the attendance', 'a no-show'],
  missing_po: ['the PO', 'the purchase order'],
  already_paid: ['the payment', 'whether it was paid'],
  late_fee: ['the late fee', 'interest', 'the penalty'],
  tax_error: ['the tax', 'VAT', 'the sales tax'],
  contract_terms: ['the contract dates', 'the payment terms'],
  service_dissatisfaction: ['the quality of the work', 'the service standard'],
  unrecognized_charge: ['an unknown charge', 'a surprise fee'],
}
const DENIALS = [
  (n: string, s: string) => `not ${n}, ${s}`,
  (n: string, s: string) => `${n} is fine; ${s}`,
  (n: string, s: string) => `they're not disputing ${n}, ${s}`,
  (n: string, s: string) => `no issue with ${n} - ${s}`,
  (n: string, s: string) => `nothing wrong with ${n}. ${s}`,
  (n: string, s: string) => `if it was ${n} they would have said. ${s}`,
  (n: string, s: string) => `${s}, not ${n}`,
]

/**
 * One denial per own phrasing (every third): a named reason ruled out, then the real claim. The
 * label is the claim's, so the model learns that a negated reason word points away from its reason.
 */
export function denials(rows: readonly LabelledText[]): LabelledText[] {
  const codes = Object.keys(NAMES)
  const out: LabelledText[] = []
  rows.forEach((r, i) => {
    if (i % 3 !== 0 || !(r.label in NAMES)) return
    const other = codes[(codes.indexOf(r.label) + 1 + (i % (codes.length - 1))) % codes.length]!
    const names = NAMES[other]!
    const name = names[i % names.length]!
    const make = DENIALS[i % DENIALS.length]!
    out.push({ text: make(name, r.text), label: r.label })
  })
  return out
}

/** Who and which invoice, as people open a message: these words say nothing about the reason. */
const CONTEXTS = [
  (s: string, n: number) => `INV-${n}: ${s}`,
  (s: string) => `Hollings Joinery says ${s}`,
  (s: string, n: number) => `re invoice ${n} - ${s}`,
  (s: string) => `Customer on the phone, ${s}`,
  (s: string, n: number) => `${s} (inv ${n})`,
  (s: string) => `Marlow & Tate Ltd: ${s}`,
  (s: string, n: number) => `Hi team, about #${n}, ${s}`,
]

/**
 * Every second phrasing with a reason again, opened with an invoice number or a customer's name, so
 * those words stay neutral: otherwise they only ever appear in the no-reason examples.
 */
export function withContext(rows: readonly LabelledText[]): LabelledText[] {
  return rows.flatMap((r, i) => {
    if (r.label === NO_REASON || i % 2) return []
    const make = CONTEXTS[i % CONTEXTS.length]!
    return [{ text: make(r.text, 1000 + ((i * 7919) % 90000)), label: r.label }]
  })
}

export function bankingRows(csvText: string): LabelledText[] {
  return mappedRows(csvText).map((r) => ({ text: r.text, label: r.code }))
}

/** CFPB sub-issues whose complaints state one of our reasons; the rest are not used. */
const CFPB_TO_REASON: Readonly<Record<string, ReasonCode>> = {
  'Card was charged for something you did not purchase with the card': 'unrecognized_charge',
  'Charged for a purchase or transfer you did not make with the card': 'unrecognized_charge',
  'Transaction was not authorized': 'unrecognized_charge',
  'Overcharged for something you did purchase with the card': 'pricing_error',
  'Charged too much interest': 'late_fee',
}

/** Mapped CFPB complaint narratives, cut to their first 300 characters (where the claim is stated). */
export function cfpbRows(csvText: string): LabelledText[] {
  const rows = parse(csvText, { columns: true, skip_empty_lines: true, bom: true, relax_quotes: true }) as Record<
    string,
    string
  >[]
  return rows.flatMap((r) => {
    const label = CFPB_TO_REASON[r['Sub-issue'] ?? '']
    const text = (r['Consumer complaint narrative'] ?? '').replace(/X{2,}/g, ' ').replace(/\s+/g, ' ').trim()
    return label && text ? [{ text: text.slice(0, 300), label }] : []
  })
}
