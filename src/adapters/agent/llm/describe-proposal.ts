/** The proposal the model's calls amount to, in one sentence the person confirms. */
import type { Resolution } from '../../../core/resolution.ts'
import type { Proposal } from '../chat-types.ts'
import type { PendingStep } from '../proposals.ts'
import { money } from '../render-reply.ts'

/** What the model's proposed calls will do, in one sentence with the amounts from their arguments. */
export function proposalOf(
  steps: readonly PendingStep[],
  state: { disputeId: string | null },
  r: Resolution | null,
): Proposal {
  const describe = (s: PendingStep): string => {
    const i = s.input as Record<string, string | undefined>
    const amount = i.amount ?? (s.tool === 'request_credit_memo' ? r?.supportedAmount : undefined)
    switch (s.tool) {
      case 'open_dispute':
        return `${i.disputeId ? `update dispute ${i.disputeId}` : 'record a dispute'} on ${i.invoiceNumber} (${(i.reasonCode ?? '').replace(/_/g, ' ')})`
      case 'request_credit_memo':
        return `request a ${(i.kind ?? 'credit_memo').replace(/_/g, ' ')} of ${r && amount ? money(r, amount) : (amount ?? 'the supported amount')} on dispute ${i.disputeId}, issued only after a lead other than you approves it`
      case 'resolve_dispute':
        return `mark dispute ${i.disputeId} resolved with the outcome "${i.outcome}"`
      case 'add_dispute_note':
        return `add the note "${i.note}" to dispute ${i.disputeId}`
      case 'update_dispute':
        return `move dispute ${i.disputeId} to ${i.status}`
      case 'assign_dispute':
        return `assign dispute ${i.disputeId} to ${i.personId}${i.why ? ` ("${i.why}")` : ''}; the new owner is notified`
      case 'remind_dispute_owner':
        return `remind the owner of dispute ${i.disputeId}${i.why ? ` with "${i.why}"` : ''} (they get an email)`
      case 'send_customer_reply':
        return `email the customer on dispute ${i.disputeId}${i.subject ? ` with the subject "${i.subject}"` : ''}: "${(i.text ?? '').slice(0, 200)}"`
      case 'choose_settlement':
        return `settle dispute ${i.disputeId} with the ${(i.option ?? '').replace(/_/g, ' ')} option (the hold is released for what the customer pays; the customer email follows)`
      default:
        return `${s.tool.replace(/_/g, ' ')} ${JSON.stringify(s.input).slice(0, 200)}`
    }
  }
  const kindOf: Record<string, Proposal['kind']> = {
    open_dispute: state.disputeId ? 'update_dispute' : 'record_dispute',
    request_credit_memo: 'request_credit_memo',
    resolve_dispute: 'resolve_dispute',
    add_dispute_note: 'add_note',
    update_dispute: 'change_status',
    choose_settlement: 'choose_settlement',
  }
  const main = steps.at(-1) as PendingStep
  const sentence = steps.map(describe).join(', then ')
  return {
    kind: kindOf[main.tool] ?? 'change_status',
    summary: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`,
    ...(r ? { invoiceNumber: r.invoiceNumber, currency: r.currency } : {}),
    ...(typeof main.input.amount === 'string' ? { amount: main.input.amount } : {}),
    disputeId: state.disputeId,
  }
}
