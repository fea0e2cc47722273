/** The denormalised row similar-dispute search stores, and how a ledger's past dispute becomes one. */
import type { Action, Classification, PastDispute, ReasonCode } from '../../core/ledger.ts'
import type { DisputeRecord } from '../../services/ports.ts'

export interface SearchDocument {
  id: string
  customerId: string
  invoiceNumber: string | null
  reasonCode: ReasonCode
  openedDate: string
  outcome: Classification | null
  action: Action | null
  rootCause: string | null
  department: string | null
  /** One line a specialist reads in a list of precedents. */
  summary: string
  /** What people wrote about the dispute: searched by full-text and embedded. */
  text: string
}

const words = (code: string) => code.replaceAll('_', ' ')

export function summaryLine(d: {
  reasonCode: string
  outcome: string | null
  action: string | null
  rootCause: string | null
  text: string
}): string {
  const verdict = d.outcome ? `${d.outcome}${d.action ? `, ${words(d.action)}` : ''}` : 'open'
  const cause = d.rootCause ?? d.text
  const short = cause.length > 100 ? `${cause.slice(0, 97)}...` : cause
  return `${words(d.reasonCode)} (${verdict}): ${short}`
}

/** Body text indexed for search: the description plus the root cause people wrote down after. */
export const bodyOf = (d: Pick<SearchDocument, 'text' | 'rootCause'>): string =>
  d.rootCause ? `${d.text}\n${d.rootCause}` : d.text

export function fromPastDispute(p: PastDispute): SearchDocument {
  const base = {
    reasonCode: p.reasonCode,
    outcome: p.classification ?? null,
    action: p.action ?? null,
    rootCause: p.rootCause ?? null,
    text: p.description,
  }
  return {
    ...base,
    id: p.id,
    customerId: p.customerId,
    invoiceNumber: p.invoiceNumber ?? null,
    openedDate: p.openedDate,
    department: p.department ?? null,
    summary: summaryLine(base),
  }
}

/** A dispute opened in the app: searchable at once, its outcome filled in when it is resolved. */
export function fromDisputeRecord(d: DisputeRecord): SearchDocument {
  const base = {
    reasonCode: d.reasonCode,
    outcome: d.classification,
    action: d.action,
    rootCause: d.rootCause,
    text: d.description,
  }
  return {
    ...base,
    id: d.id,
    customerId: d.customerId,
    invoiceNumber: d.invoiceNumber,
    openedDate: d.openedOn,
    department: d.department,
    summary: summaryLine(base),
  }
}
