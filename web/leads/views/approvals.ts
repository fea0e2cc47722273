/** The queue of pending credit memos: approve or reject, always with a reason for the audit trail. */
import { formatAmount } from '../../shared/api.ts'
import { h } from '../../shared/dom.ts'
import { callTool, errorBox, label, section, table, type ViewContext } from '../context.ts'
import { peopleById } from './people.ts'
import type { Page, WorklistItem } from './worklist-types.ts'

interface CreditMemoRequest {
  id: string
  disputeId: string
  invoiceNumber: string
  amount: string
  currency: string
  reason: string
  kind: string
  status: string
  requestedBy: string
  requestedAt: string
  requiredRole: string
  creditMemoNumber: string | null
}

function decisionForm(ctx: ViewContext, m: CreditMemoRequest, onDone: () => void): HTMLElement {
  const reasonId = `reason-${m.id}`
  const reason = h('input', { id: reasonId, name: 'reason', required: true, minlength: 3, autocomplete: 'off' })
  const status = h('p', { class: 'result', role: 'status' })
  const decide = async (decision: 'approve' | 'reject') => {
    if (reason.value.trim().length < 3) {
      status.className = 'result error'
      status.textContent = 'Give a reason (at least 3 characters): it goes into the audit trail.'
      reason.focus()
      return
    }
    for (const b of form.querySelectorAll('button')) b.disabled = true
    const r = await ctx.api.post<CreditMemoRequest>(`/api/credit-memos/${encodeURIComponent(m.id)}/decision`, {
      decision,
      reason: reason.value.trim(),
    })
    if (r.ok) {
      status.className = 'result ok'
      status.textContent = `${m.id} ${r.value.status}${r.value.creditMemoNumber ? ` as ${r.value.creditMemoNumber}` : ''}.`
      onDone()
    } else {
      status.className = 'result error'
      status.textContent = `Not recorded: ${r.error.message}`
      for (const b of form.querySelectorAll('button')) b.disabled = false
    }
  }
  const form = h(
    'form',
    { class: 'decision', 'aria-label': `Decide ${m.id}` },
    h('label', { for: reasonId }, 'Reason'),
    reason,
    h('button', { type: 'button', class: 'approve', onclick: () => decide('approve') }, 'Approve'),
    h('button', { type: 'button', class: 'reject', onclick: () => decide('reject') }, 'Reject'),
    status,
  )
  form.addEventListener('submit', (e) => e.preventDefault())
  return form
}

export async function approvalsView(ctx: ViewContext): Promise<HTMLElement> {
  const [r, people, open] = await Promise.all([
    ctx.api.get<{ items: CreditMemoRequest[]; total: number }>('/api/credit-memos?status=pending&limit=200'),
    peopleById(ctx),
    // A pending request's dispute is open: its readable number comes from the worklist.
    callTool<Page<WorklistItem>>(ctx, 'get_worklist', { status: 'active', limit: 500 }),
  ])
  const numbers = new Map(open.ok ? open.value.items.map((d) => [d.id, d.number]) : [])
  if (!r.ok) return section('Approvals', errorBox(r.error))
  const items = r.value.items
  if (!items.length) return section('Approvals', h('p', {}, 'No credit memo is waiting for approval.'))
  const counter = h('p', { role: 'status' }, `${r.value.total} pending`)
  let left = items.length
  return section(
    'Approvals',
    counter,
    table(
      ['Request', 'Dispute', 'Invoice', 'Amount', 'Kind', 'Requested by', 'Needs', 'Why', 'Decision'],
      items.map((m) => [
        m.id,
        h('a', { href: `#dispute/${encodeURIComponent(m.disputeId)}` }, numbers.get(m.disputeId) ?? m.disputeId),
        m.invoiceNumber,
        h('span', { class: 'num' }, formatAmount(m.amount, m.currency)),
        label(m.kind),
        `${people.get(m.requestedBy) ?? m.requestedBy} on ${m.requestedAt.slice(0, 10)}`,
        label(m.requiredRole),
        m.reason,
        decisionForm(ctx, m, () => {
          left -= 1
          counter.textContent = `${left} pending`
        }),
      ]),
      'Credit memos waiting for a decision',
    ),
  )
}
