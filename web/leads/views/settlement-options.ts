/**
 * The dispute page's settlement options: each option a senior specialist weighs with its figures and
 * who approves it (the `settlement_options` tool), and a Choose button that proposes the option and,
 * on Confirm, calls `choose_settlement` over HTTP, the same tool and the same step as the chat.
 */
// The tool's answer as the server types it (types only: nothing of the server is bundled).
import type { SettlementOption } from '../../../src/core/settlement-options.ts'
import type { SettlementView as SettlementOptions } from '../../../src/services/settlement.ts'
import { formatAmount } from '../../shared/api.ts'
import { h } from '../../shared/dom.ts'
import { callTool, label, propose, section, table, type ViewContext } from '../context.ts'

/** Who approves in practice: a lead approves what a specialist's own limit covers (nobody approves their own). */
const approver = (role: string | null) => (role ? label(role === 'specialist' ? 'lead' : role) : 'Nobody')

/** The section, or null when the dispute is not decided yet (nothing to settle). */
export async function settlementSection(
  ctx: ViewContext,
  d: { id: string; number: string; status: string; currency: string; classification: string | null },
): Promise<HTMLElement | null> {
  if (!d.classification || d.classification === 'needs_info') return null
  const r = await callTool<SettlementOptions>(ctx, 'settlement_options', { disputeId: d.id })
  // Not negotiable (valid, or invalid and not rejected): the reason, in the tool's words.
  if (!r.ok) return section('Settlement options', h('p', {}, r.error.message))
  const v = r.value
  const money = (a: string) => formatAmount(a, v.currency)
  const open = d.status !== 'resolved' && d.status !== 'closed'
  const host = h('div', { class: 'proposal-host' })
  const choose = (o: SettlementOption) => {
    const b = h('button', { type: 'button', 'aria-label': `Choose: ${o.title}` }, 'Choose…')
    b.addEventListener('click', () => {
      const credits = o.credits.map((c) => `a ${label(c.kind).toLowerCase()} of ${money(c.amount)}`)
      propose(
        host,
        `Settle ${d.number} with “${o.title}”: ${o.summary} ${money(o.customerPays)} goes back to collections and ${money(o.keptOnHold)} stays on hold${credits.length ? `; ${credits.join(' and ')} will be requested, pending approval` : ''}; the customer email follows.`,
        'Choose this settlement',
        async () => {
          const done = await callTool(ctx, 'choose_settlement', { disputeId: d.id, option: o.kind })
          return done.ok ? null : done.error.message
        },
        () => ctx.go(window.location.hash),
      )
    })
    return b
  }
  const plan = v.options.find((o) => o.kind === 'payment_plan')
  return section(
    'Settlement options',
    h(
      'p',
      {},
      `${money(v.disputed)} in dispute: ${money(v.supported)} supported by the evidence, ${money(v.owed)} owed.`,
    ),
    table(
      ['Option', 'Credited', 'Customer pays', 'Kept on hold', 'Approved by', ...(open ? ['Choose'] : [])],
      v.options.map((o) => [
        h('span', { title: o.summary }, o.title),
        money(o.creditTotal),
        money(o.customerPays),
        money(o.keptOnHold),
        approver(o.approver),
        ...(open ? [choose(o)] : []),
      ]),
      'Settlement options',
    ),
    plan
      ? h('p', {}, `Instalments: ${plan.instalments.map((i) => `${money(i.amount)} on ${i.dueOn}`).join('; ')}.`)
      : null,
    h('p', {}, h('em', {}, v.rounding)),
    v.sla.breached
      ? h(
          'p',
          { class: 'error' },
          `Past its SLA (due ${v.sla.dueOn}, ${v.sla.daysOver} days over): flagged to the lead.`,
        )
      : null,
    host,
  )
}
