/**
 * One dispute: its facts with owner and SLA, the actions the role allows (note, status, escalate,
 * resolve, reassign, remind, request a credit), each through the same tool and the same propose-
 * then-confirm step as chat, and the full activity timeline read from the audit trail.
 */
// The lifecycle as data (a dependency-free module): only the moves the server allows are offered.
import { NEXT_STATUSES } from '../../../src/adapters/store/dispute-lifecycle.ts'
import type { DisputeStatus } from '../../../src/services/ports.ts'
import { formatAmount } from '../../shared/api.ts'
import { h } from '../../shared/dom.ts'
import { callTool, errorBox, isLead, label, propose, section, table, type ViewContext } from '../context.ts'
import { settlementSection } from './settlement-options.ts'
import { timeline, type DisputeEvent } from './timeline.ts'
import { loadSetup, type Page, slaCell, type WorklistItem } from './worklist-types.ts'

interface DisputeRecord {
  id: string
  number: string
  invoiceNumber: string
  customerId: string
  status: DisputeStatus
  reasonCode: string
  description: string
  currency: string
  originalDisputed: string
  remainingDisputed: string
  credited: string
  classification: string | null
  action: string | null
  supportedAmount: string | null
  rootCause: string | null
  escalated: boolean
  ownerId: string | null
  openedOn: string
  targetDate: string | null
  resolution: {
    findings: {
      check: string
      billed: string
      evidence: string
      documentId: string
      amountNotOwed: string
      supportsCustomer: boolean
    }[]
  } | null
}
interface SimilarDispute {
  id: string
  reasonCode: string
  openedDate: string
  outcome: string | null
  rootCause: string | null
  summary: string
}
type Chain = { ok: true; events: number } | { ok: false; brokenAt: number; reason: string }

let formSeq = 0

/** One action: a small form whose submit proposes the change; Confirm runs the tool. */
function actionForm(
  ctx: ViewContext,
  title: string,
  fields: HTMLElement[],
  summary: (data: FormData) => string | null,
  run: (data: FormData) => Promise<{ ok: boolean; error?: { message: string } }>,
  confirmLabel: string,
): HTMLElement {
  const host = h('div', { class: 'proposal-host' })
  const id = `action-${++formSeq}`
  const form = h(
    'form',
    { class: 'action', 'aria-labelledby': id },
    h('h3', { id }, title),
    ...fields,
    h('button', { type: 'submit' }, `${title}…`),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    const data = new FormData(form)
    const text = summary(data)
    if (!text) return
    propose(
      host,
      text,
      confirmLabel,
      async () => {
        const r = await run(data)
        return r.ok ? null : (r.error?.message ?? 'failed')
      },
      () => ctx.go(window.location.hash),
    )
  })
  return h('div', { class: 'action-box' }, form, host)
}

const field = (name: string, text: string, input: HTMLElement): HTMLElement => {
  input.id = `${name}-${formSeq + 1}`
  input.setAttribute('name', name)
  return h('label', { for: input.id }, text, input)
}
const text = (name: string, labelText: string, required = true) =>
  field(name, labelText, h('textarea', { rows: 2, required, minlength: 3, maxlength: 4000 }))
const str = (data: FormData, k: string) => String(data.get(k) ?? '').trim()

function actions(ctx: ViewContext, d: DisputeRecord, people: { id: string; name: string }[]): HTMLElement {
  const open = d.status !== 'resolved' && d.status !== 'closed'
  const ref = d.number
  const next = NEXT_STATUSES[d.status] ?? []
  const forms: HTMLElement[] = [
    actionForm(
      ctx,
      'Add a note',
      [text('note', 'Note (a call, an email, a decision)')],
      (f) => `Add a note to ${ref}: “${str(f, 'note')}”.`,
      (f) => callTool(ctx, 'add_dispute_note', { disputeId: d.id, note: str(f, 'note') }),
      'Add the note',
    ),
  ]
  if (next.length)
    forms.push(
      actionForm(
        ctx,
        'Change the status',
        [
          field('status', 'New status', h('select', {}, ...next.map((s) => h('option', { value: s }, label(s))))),
          text('why', 'Why'),
        ],
        (f) => `Move ${ref} from ${label(d.status)} to ${label(str(f, 'status'))}: ${str(f, 'why')}.`,
        (f) => callTool(ctx, 'update_dispute', { disputeId: d.id, status: str(f, 'status'), why: str(f, 'why') }),
        'Change the status',
      ),
    )
  if (open) {
    forms.push(
      actionForm(
        ctx,
        'Escalate',
        [text('why', 'Why it needs a lead')],
        (f) => `Escalate ${ref}: ${str(f, 'why')}.`,
        (f) => callTool(ctx, 'update_dispute', { disputeId: d.id, status: 'escalated', why: str(f, 'why') }),
        'Escalate',
      ),
      actionForm(
        ctx,
        'Resolve',
        [text('outcome', 'Outcome (what was agreed)')],
        (f) => `Mark ${ref} resolved: ${str(f, 'outcome')}. Pending credit requests on it are cancelled.`,
        (f) => callTool(ctx, 'resolve_dispute', { disputeId: d.id, outcome: str(f, 'outcome') }),
        'Mark it resolved',
      ),
      actionForm(
        ctx,
        'Request a credit',
        [
          field(
            'kind',
            'Kind',
            h(
              'select',
              {},
              ...['credit_memo', 'write_off', 'goodwill_credit'].map((k) => h('option', { value: k }, label(k))),
            ),
          ),
          field(
            'amount',
            `Amount in ${d.currency} (empty: what the evidence supports)`,
            h('input', { inputmode: 'decimal', pattern: '\\d+(\\.\\d+)?' }),
          ),
          text('reason', 'Reason, for the approver'),
        ],
        (f) =>
          `Request a ${label(str(f, 'kind')).toLowerCase()} ${str(f, 'amount') ? `of ${formatAmount(str(f, 'amount'), d.currency)} ` : ''}on ${d.invoiceNumber} for ${ref}; it is issued only after a lead other than you approves it.`,
        (f) =>
          callTool(ctx, 'request_credit_memo', {
            disputeId: d.id,
            kind: str(f, 'kind'),
            reason: str(f, 'reason'),
            ...(str(f, 'amount') ? { amount: str(f, 'amount') } : {}),
          }),
        'Request the credit',
      ),
    )
  }
  if (open && isLead(ctx)) {
    const options = people.filter((p) => p.id !== d.ownerId).map((p) => h('option', { value: p.id }, p.name))
    const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? id
    forms.push(
      actionForm(
        ctx,
        'Reassign',
        [field('personId', 'New owner', h('select', {}, ...options)), text('why', 'Why')],
        (f) => `Reassign ${ref} to ${nameOf(str(f, 'personId'))}: ${str(f, 'why')}.`,
        (f) => callTool(ctx, 'assign_dispute', { disputeId: d.id, personId: str(f, 'personId'), why: str(f, 'why') }),
        'Reassign',
      ),
    )
    if (d.ownerId)
      forms.push(
        actionForm(
          ctx,
          'Remind the owner',
          [text('why', 'Message', false)],
          () => `Remind ${nameOf(d.ownerId ?? '')} about ${ref}.`,
          (f) =>
            callTool(ctx, 'remind_dispute_owner', {
              disputeId: d.id,
              ...(str(f, 'why').length >= 3 ? { why: str(f, 'why') } : {}),
            }),
          'Remind',
        ),
      )
  }
  return section('Actions', h('div', { class: 'actions' }, ...forms))
}

export async function disputePageView(ctx: ViewContext, ref: string): Promise<HTMLElement> {
  const back = h('p', {}, h('a', { href: '#disputes' }, '← Worklist'))
  const r = await ctx.api.get<{
    dispute: DisputeRecord
    events: DisputeEvent[]
    chain: Chain
    similar: SimilarDispute[]
  }>(`/api/disputes/${encodeURIComponent(ref)}`)
  if (!r.ok) return section(`Dispute ${ref}`, back, errorBox(r.error))
  const { dispute: d, events, chain, similar } = r.value
  const [row, setup, settlement] = await Promise.all([
    callTool<Page<WorklistItem>>(ctx, 'get_worklist', { q: d.number, limit: 1 }),
    loadSetup(ctx),
    settlementSection(ctx, d),
  ])
  const item = row.ok ? row.value.items[0] : undefined
  const people = setup?.people ?? []
  const names = new Map(people.map((p) => [p.id, p.name]))
  const facts: [string, Node | string][] = [
    ['Customer', `${item?.customerName ?? d.customerId} (${d.customerId})`],
    ['Invoice', d.invoiceNumber],
    ['Status', h('span', { class: `badge s-${d.status}` }, label(d.status))],
    ['Owner', item?.ownerName ?? (d.ownerId ? (names.get(d.ownerId) ?? d.ownerId) : 'Unassigned')],
    ['SLA due', item ? slaCell(item) : (d.targetDate ?? '—')],
    ['Opened', `${d.openedOn}${item ? ` (${item.ageDays} d ago)` : ''}`],
    ['Reason', label(d.reasonCode)],
    ['Disputed', formatAmount(d.originalDisputed, d.currency)],
    ['Still in dispute', formatAmount(d.remainingDisputed, d.currency)],
    ['Supported by evidence', d.supportedAmount ? formatAmount(d.supportedAmount, d.currency) : '—'],
    ['Credited', formatAmount(d.credited, d.currency)],
    ['Classification', label(d.classification)],
    ['Action', label(d.action)],
    ['Escalated', d.escalated ? 'Yes' : 'No'],
    ['Root cause', d.rootCause ?? '—'],
  ]
  const summary = h('dl', { class: 'facts' }, ...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))
  const findings = d.resolution?.findings ?? []
  const chainBadge = chain.ok
    ? h('p', { class: 'ok' }, `Audit chain verified: ${chain.events} events, every hash links to the one before.`)
    : h('p', { class: 'error', role: 'alert' }, `Audit chain BROKEN at event ${chain.brokenAt}: ${chain.reason}`)
  return h(
    'div',
    { class: 'dispute-page' },
    section(
      `${d.number} · ${item?.customerName ?? d.customerId}`,
      back,
      h('p', { class: 'desc' }, d.description),
      summary,
    ),
    actions(ctx, d, people),
    settlement,
    section('Activity', chainBadge, timeline(events, d.currency)),
    section(
      'Evidence',
      findings.length
        ? table(
            ['Check', 'Billed', 'Evidence', 'Document', 'Not owed'],
            findings.map((f) => [
              label(f.check),
              f.billed,
              f.evidence,
              f.documentId,
              f.supportsCustomer ? formatAmount(f.amountNotOwed, d.currency) : 'Invoice stands',
            ]),
            'What the evidence shows',
          )
        : h('p', {}, 'No investigation recorded yet.'),
    ),
    section(
      'Similar past disputes',
      similar.length
        ? table(
            ['Dispute', 'Reason', 'Opened', 'Outcome', 'Summary'],
            similar.map((s) => [s.id, label(s.reasonCode), s.openedDate, label(s.outcome), s.summary]),
            'Precedents',
          )
        : h('p', {}, 'None found.'),
    ),
  )
}
