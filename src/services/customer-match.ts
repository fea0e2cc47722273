/**
 * Fuzzy customer names: what a specialist types ("globex", "Intiech", "wayne foods inc") against
 * the ledger's names. Fuse's Bitap scoring handles typos; legal suffixes and punctuation are
 * dropped first so "Globex Corp" and "Globex Corporation" compare as the same words.
 */
import Fuse from 'fuse.js'
import type { Customer } from '../core/ledger.ts'

const LEGAL_SUFFIXES =
  /\b(inc|incorporated|corp|corporation|co|company|llc|ltd|limited|plc|gmbh|ag|sa|sas|bv|nv|pty|group|holdings)\b\.?/g

export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(LEGAL_SUFFIXES, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

export interface CustomerMatch {
  customer: Customer
  /** 1 is an exact match, 0 nothing in common. */
  score: number
}

export function matchCustomers(query: string, customers: readonly Customer[]): CustomerMatch[] {
  const q = normaliseName(query)
  if (!q) return []
  const entries = customers.map((customer) => ({
    customer,
    key: normaliseName(customer.name),
    id: customer.id.toLowerCase(),
  }))
  const exact = entries.filter((e) => e.key === q || e.id === q.replace(/\s/g, ''))
  if (exact.length) return exact.map((e) => ({ customer: e.customer, score: 1 }))
  const fuse = new Fuse(entries, {
    keys: ['key'],
    includeScore: true,
    threshold: 0.4,
    ignoreLocation: true,
  })
  return fuse
    .search(q)
    .map((r) => ({ customer: r.item.customer, score: Math.round((1 - (r.score ?? 1)) * 1000) / 1000 }))
}
