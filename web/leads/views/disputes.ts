/** The unified dispute list (filter, sort, page) and one dispute's detail with its audit trail. */
import { REASON_CODES } from '../../../src/core/reason-codes.ts'
import { formatAmount } from '../../shared/api.ts'
import { h } from '../../shared/dom.ts'
import { daysBetween, errorBox, label, section, table, type ViewContext } from '../context.ts'

interface DisputeRecord {
  id: string
  invoiceNumber: string
  customerId: string
  status: string
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
  department: string | null
  escalated: boolean
  ownerId: string | null
  openedOn: string
  targetDate: string | null
  resolvedAt: string | null
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
interface Page<T> {
  items: T[]
  total: number
  limit: number
  offset: number
}
interface DisputeEvent {
  seq: number
  at: string
  actorId: string
  actorName: string
  actorRole: string
  type: string
  why: string | null
  hash: string
}
interface SimilarDispute {
  id: string
  reasonCode: string
  openedDate: string
  outcome: string | null
  rootCause: string | null
  summary: string
  score: number
}
type Chain = { ok: true; events: number } | { ok: false; brokenAt: number; reason: string }

const STATUSES = ['open', 'investigating', 'awaiting_customer', 'awaiting_approval', 'escalated', 'resolved', 'closed']
// The core's own list (a dependency-free module, so the bundle stays small).
const REASONS: string[] = [...REASON_CODES]
const PAGE = 25

function select(name: string, text: string, options: string[], value: string): HTMLLabelElement {
  const s = h('select', { name }, h('option', { value: '' }, 'All'))
  for (const o of options) s.appendChild(h('option', { value: o, selected: o === value }, label(o)))
  return h('label', {}, text, s)
}

export async function disputesView(ctx: ViewContext, params: URLSearchParams): Promise<HTMLElement> {
  const offset = Number(params.get('offset') ?? 0) || 0
  const query = new URLSearchParams()
  for (const k of ['status', 'reasonCode', 'customerId', 'sort', 'order']) {
    const v = params.get(k)
    if (v) query.set(k, v)
  }
  query.set('limit', String(PAGE))
  query.set('offset', String(offset))
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Filter disputes' },
    select('status', 'Status', STATUSES, params.get('status') ?? ''),
    select('reasonCode', 'Reason', REASONS, params.get('reasonCode') ?? ''),
    h('label', {}, 'Customer ID', h('input', { name: 'customerId', value: params.get('customerId') ?? '' })),
    h(
      'label',
      {},
      'Sort by',
      h(
        'select',
        { name: 'sort' },
        ...['opened_at', 'amount', 'status'].map((s) =>
          h('option', { value: s, selected: s === (params.get('sort') ?? 'opened_at') }, label(s)),
        ),
      ),
    ),
    h(
      'label',
      {},
      'Order',
      h(
        'select',
        { name: 'order' },
        h('option', { value: 'desc', selected: params.get('order') !== 'asc' }, 'Descending'),
        h('option', { value: 'asc', selected: params.get('order') === 'asc' }, 'Ascending'),
      ),
    ),
    h('button', { type: 'submit' }, 'Apply'),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    const next = new URLSearchParams()
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim()) next.set(k, v.trim())
    ctx.go(`#disputes?${next}`)
  })
  const r = await ctx.api.get<Page<DisputeRecord>>(`/api/disputes?${query}`)
  if (!r.ok) return section('Disputes', form, errorBox(r.error))
  const page = r.value
  const rows = page.items.map((d) => [
    h('a', { href: `#dispute/${encodeURIComponent(d.id)}` }, d.id),
    h('span', { class: `badge s-${d.status}` }, label(d.status)),
    label(d.reasonCode),
    d.customerId,
    h('span', { class: 'num' }, formatAmount(d.remainingDisputed, d.currency)),
    `${daysBetween(d.openedOn, d.resolvedAt ?? ctx.today)} d`,
    d.ownerId ?? '—',
  ])
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' })
  const link = (o: number, text: string) => {
    const p = new URLSearchParams(params)
    p.set('offset', String(o))
    return h('a', { href: `#disputes?${p}` }, text)
  }
  if (offset > 0) pager.appendChild(link(Math.max(0, offset - PAGE), '← Previous'))
  pager.appendChild(
    h('span', {}, `${page.total ? offset + 1 : 0}–${Math.min(offset + PAGE, page.total)} of ${page.total}`),
  )
  if (offset + PAGE < page.total) pager.appendChild(link(offset + PAGE, 'Next →'))
  return section(
    'Disputes',
    form,
    table(['Dispute', 'Status', 'Reason', 'Customer', 'Amount in dispute', 'Age', 'Owner'], rows, 'All disputes'),
    pager,
  )
}

export async function disputeDetailView(ctx: ViewContext, id: string): Promise<HTMLElement> {
  const r = await ctx.api.get<{
    dispute: DisputeRecord
    events: DisputeEvent[]
    chain: Chain
    similar: SimilarDispute[]
  }>(`/api/disputes/${encodeURIComponent(id)}`)
  const back = h('p', {}, h('a', { href: '#disputes' }, '← All disputes'))
  if (!r.ok) return section(`Dispute ${id}`, back, errorBox(r.error))
  const { dispute: d, events, chain, similar } = r.value
  const facts: [string, string][] = [
    ['Invoice', d.invoiceNumber],
    ['Customer', d.customerId],
    ['Status', label(d.status)],
    ['Reason', label(d.reasonCode)],
    ['Disputed', formatAmount(d.originalDisputed, d.currency)],
    ['Still in dispute', formatAmount(d.remainingDisputed, d.currency)],
    ['Supported by evidence', d.supportedAmount ? formatAmount(d.supportedAmount, d.currency) : '—'],
    ['Credited', formatAmount(d.credited, d.currency)],
    ['Classification', label(d.classification)],
    ['Action', label(d.action)],
    ['Root cause', d.rootCause ?? '—'],
    ['Department', label(d.department)],
    ['Escalated', d.escalated ? 'Yes' : 'No'],
    ['Owner', d.ownerId ?? '—'],
    ['Opened', d.openedOn],
    ['Target date', d.targetDate ?? '—'],
  ]
  const summary = h('dl', { class: 'facts' }, ...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))
  const findings = d.resolution?.findings ?? []
  const chainBadge = chain.ok
    ? h('p', { class: 'ok' }, `Audit chain verified: ${chain.events} events, every hash links to the one before.`)
    : h('p', { class: 'error', role: 'alert' }, `Audit chain BROKEN at event ${chain.brokenAt}: ${chain.reason}`)
  return h(
    'div',
    {},
    section(`Dispute ${d.id}`, back, h('p', { class: 'desc' }, d.description), summary),
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
          )
        : h('p', {}, 'No investigation recorded yet.'),
    ),
    section(
      'Similar past disputes',
      similar.length
        ? table(
            ['Dispute', 'Reason', 'Opened', 'Outcome', 'Root cause', 'Summary'],
            similar.map((s) => [
              s.id,
              label(s.reasonCode),
              s.openedDate,
              label(s.outcome),
              s.rootCause ?? '—',
              s.summary,
            ]),
          )
        : h('p', {}, 'None found.'),
    ),
    section(
      'Audit trail',
      chainBadge,
      table(
        ['#', 'When', 'Who', 'Event', 'Why', 'Hash'],
        events.map((e) => [
          String(e.seq),
          e.at.replace('T', ' ').slice(0, 19),
          `${e.actorName} (${e.actorRole.replace('_', ' ')})`,
          label(e.type),
          e.why ?? '—',
          h('code', {}, e.hash.slice(0, 12)),
        ]),
      ),
    ),
  )
}
