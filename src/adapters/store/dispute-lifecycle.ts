/** The dispute lifecycle as data: which status may follow which. */
import type { DisputeStatus } from '../../services/ports.ts'

export const NEXT_STATUSES: Record<DisputeStatus, readonly DisputeStatus[]> = {
  open: ['investigating', 'escalated'],
  investigating: ['awaiting_customer', 'awaiting_approval', 'escalated', 'resolved'],
  awaiting_customer: ['investigating', 'awaiting_approval', 'escalated', 'resolved'],
  awaiting_approval: ['investigating', 'awaiting_customer', 'escalated', 'resolved'],
  escalated: ['investigating', 'awaiting_customer', 'awaiting_approval', 'resolved'],
  // A resolved dispute can be reopened when the customer comes back; closed is final.
  resolved: ['closed', 'investigating'],
  closed: [],
}

export const canMove = (from: DisputeStatus, to: DisputeStatus): boolean => NEXT_STATUSES[from].includes(to)

export const isOpenStatus = (s: DisputeStatus): boolean => s !== 'resolved' && s !== 'closed'
