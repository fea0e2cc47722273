/** disputes rows ↔ DisputeRecord. */
import { disputeNumber } from '../../core/assignment.ts'
import type { DisputeRecord } from '../../services/ports.ts'
import { amount } from './rows.ts'

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
export const disputeOf = (r: Record<string, any>): DisputeRecord => {
  const cur = r.currency as string
  return {
    id: r.id,
    number: disputeNumber(Number(r.number)),
    invoiceNumber: r.invoice_number,
    customerId: r.customer_id,
    status: r.status,
    reasonCode: r.reason_code,
    description: r.description,
    currency: cur,
    originalDisputed: amount(r.original_disputed, cur),
    remainingDisputed: amount(r.remaining_disputed, cur),
    credited: amount(r.credited, cur),
    writtenOff: amount(r.written_off, cur),
    disputedLines: r.disputed_lines ?? [],
    classification: r.classification,
    action: r.action,
    supportedAmount: r.supported_amount === null ? null : amount(r.supported_amount, cur),
    resolution: r.resolution,
    rootCause: r.root_cause,
    department: r.department,
    escalated: r.escalated,
    ownerId: r.owner_id,
    openedAt: r.opened_at,
    openedOn: r.opened_on,
    targetDate: r.target_date,
    resolvedAt: r.resolved_at,
    outcomeNote: r.outcome_note,
    csat: r.csat,
  }
}

/** What an audit event keeps of a dispute: its state and money, not the whole resolution. */
export const snapshot = (d: DisputeRecord) => ({
  status: d.status,
  originalDisputed: d.originalDisputed,
  remainingDisputed: d.remainingDisputed,
  credited: d.credited,
  writtenOff: d.writtenOff,
  classification: d.classification,
  action: d.action,
  supportedAmount: d.supportedAmount,
  escalated: d.escalated,
  targetDate: d.targetDate,
})
