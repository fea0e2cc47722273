/**
 * The worklist: every dispute as the team works it (number, customer, invoice, amount, age, SLA due,
 * owner, status), filtered, sorted, searched and paged on the server; bulk assign, escalate and remind
 * through the same tools as chat, each proposed and confirmed. A specialist lands on their own queue.
 */
import { REASON_CODES } from '../../../src/core/reason-codes.ts'
import { formatAmount } from '../../shared/api.ts'
import { clear, h } from '../../shared/dom.ts'
import { callTool, errorBox, isLead, label, propose, section, type ViewContext } from '../context.ts'
import { loadSetup, type Page, STATUSES, slaCell, type WorklistItem, type Workload } from './worklist-types.ts'

// The core's own list (a dependency-free module, so the bundle stays small).
const REASONS: string[] = [...REASON_CODES]
const PAGE = 25
const COLUMNS: [string, string | null][] = [
  ['Dispute', 'number'],
  ['Customer', 'customer'],
  ['Invoice', null],
  ['Amount in dispute', 'amount'],
  ['Age', 'opened'],
  ['SLA due', 'due'],
  ['Owner', 'owner'],
  ['Status', 'status'],
]

function choice(name: string, text: string, options: [string, string][], value: string): HTMLLabelElement {
  const s = h('select', { name })
  for (const [v, t] of options) s.appendChild(h('option', { value: v, selected: v === value }, t))
  return h('label', {}, text, s)
}

function filterForm(ctx: ViewContext, params: URLSearchParams, people: Workload[]): HTMLFormElement {
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Find disputes' },
    h(
      'label',
      { class: 'grow' },
      'Search',
      h('input', {
        name: 'q',
        type: 'search',
        value: params.get('q') ?? '',
        placeholder: 'DSP-000123, invoice, customer or words',
      }),
    ),
    choice(
      'status',
      'Status',
      [['active', 'Open (any)'], ['', 'All'], ...STATUSES.map((s): [string, string] => [s, label(s)])],
      params.get('status') ?? 'active',
    ),
    choice(
      'ownerId',
      'Owner',
      [['', 'Anyone'], ['me', 'Me'], ['none', 'Unassigned'], ...people.map((p): [string, string] => [p.id, p.name])],
      params.get('ownerId') ?? '',
    ),
    choice(
      'reasonCode',
      'Reason',
      [['', 'All'], ...REASONS.map((r): [string, string] => [r, label(r)])],
      params.get('reasonCode') ?? '',
    ),
    h(
      'label',
      { class: 'check' },
      h('input', { type: 'checkbox', name: 'overdue', value: 'true', checked: params.get('overdue') === 'true' }),
      'Overdue only',
    ),
    h('button', { type: 'submit' }, 'Apply'),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    const next = new URLSearchParams()
    for (const k of ['sort', 'order']) if (params.get(k)) next.set(k, params.get(k) as string)
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim()) next.set(k, v.trim())
    if (!next.has('status')) next.set('status', '')
    ctx.go(`#disputes?${next}`)
  })
  return form
}

function sortHeader(params: URLSearchParams, text: string, key: string | null): HTMLTableCellElement {
  if (!key) return h('th', { scope: 'col' }, text)
  const current = (params.get('sort') ?? 'due') === key
  const asc = (params.get('order') ?? 'asc') === 'asc'
  const next = new URLSearchParams(params)
  next.set('sort', key)
  next.set('order', current && asc ? 'desc' : 'asc')
  next.delete('offset')
  return h(
    'th',
    { scope: 'col', 'aria-sort': current ? (asc ? 'ascending' : 'descending') : null },
    h('a', { href: `#disputes?${next}`, class: 'sort' }, text, current ? (asc ? ' ▲' : ' ▼') : ''),
  )
}

/** The query get_worklist takes, from the page's hash parameters. */
function worklistQuery(params: URLSearchParams, offset: number): Record<string, unknown> {
  const q: Record<string, unknown> = {
    limit: PAGE,
    offset,
    sort: params.get('sort') ?? 'due',
    order: params.get('order') ?? 'asc',
  }
  const status = params.has('status') ? params.get('status') : 'active'
  if (status) q.status = status
  for (const k of ['ownerId', 'reasonCode', 'customerId', 'q']) {
    const v = params.get(k)
    if (v) q[k] = v
  }
  if (params.get('overdue') === 'true') q.overdue = true
  return q
}

function bulkBar(ctx: ViewContext, selected: () => WorklistItem[], people: Workload[]): HTMLElement {
  const host = h('div', { class: 'proposal-host' })
  const who = h(
    'select',
    { id: 'bulk-owner', name: 'owner' },
    ...people.map((p) => h('option', { value: p.id }, `${p.name} (${p.open} open)`)),
  )
  const count = h('span', { class: 'count', role: 'status' }, 'None selected')
  const each = async (
    items: WorklistItem[],
    call: (d: WorklistItem) => Promise<{ ok: boolean; error?: { message: string } }>,
  ) => {
    const failed: string[] = []
    for (const d of items) {
      const r = await call(d)
      if (!r.ok) failed.push(`${d.number}: ${r.error?.message ?? 'failed'}`)
    }
    return failed.length ? failed.join(' · ') : null
  }
  const act =
    (
      summary: (items: WorklistItem[]) => string,
      confirmLabel: string,
      call: (d: WorklistItem) => Promise<{ ok: boolean; error?: { message: string } }>,
    ) =>
    () => {
      const items = selected()
      if (!items.length) {
        clear(host)
        host.appendChild(h('p', { class: 'result error', role: 'status' }, 'Select one or more disputes first.'))
        return
      }
      propose(
        host,
        summary(items),
        confirmLabel,
        () => each(items, call),
        () => ctx.go(window.location.hash),
      )
    }
  const numbers = (items: WorklistItem[]) => items.map((d) => d.number).join(', ')
  const assign = act(
    (items) => `Assign ${numbers(items)} to ${who.selectedOptions[0]?.textContent?.replace(/ \(.*\)$/, '') ?? ''}.`,
    'Assign',
    (d) => callTool(ctx, 'assign_dispute', { disputeId: d.id, personId: who.value, why: 'assigned from the worklist' }),
  )
  const escalate = act(
    (items) => `Escalate ${numbers(items)} to a lead.`,
    'Escalate',
    (d) =>
      callTool(ctx, 'update_dispute', { disputeId: d.id, status: 'escalated', why: 'escalated from the worklist' }),
  )
  const remind = act(
    (items) => `Remind the owners of ${numbers(items)}.`,
    'Remind',
    (d) => callTool(ctx, 'remind_dispute_owner', { disputeId: d.id }),
  )
  const lead = isLead(ctx)
  const bar = h(
    'div',
    { class: 'bulk', role: 'group', 'aria-label': 'Bulk actions on the selected disputes' },
    count,
    lead ? h('label', { for: 'bulk-owner' }, 'Assign to') : null,
    lead ? who : null,
    lead ? h('button', { type: 'button', onclick: assign }, 'Assign selected') : null,
    h('button', { type: 'button', onclick: escalate }, 'Escalate selected'),
    lead ? h('button', { type: 'button', onclick: remind }, 'Remind owners') : null,
  )
  return h('div', {}, bar, host)
}

export async function disputesView(ctx: ViewContext, params: URLSearchParams): Promise<HTMLElement> {
  const offset = Number(params.get('offset') ?? 0) || 0
  const [r, setup, overdue] = await Promise.all([
    callTool<Page<WorklistItem>>(ctx, 'get_worklist', worklistQuery(params, offset)),
    loadSetup(ctx),
    callTool<Page<WorklistItem>>(ctx, 'get_worklist', {
      status: 'active',
      overdue: true,
      limit: 1,
      ...(isLead(ctx) ? {} : { ownerId: 'me' }),
    }),
  ])
  const people = setup?.people ?? []
  const title = params.get('ownerId') === 'me' ? 'My queue' : 'Worklist'
  const form = filterForm(ctx, params, people)
  if (!r.ok) return section(title, form, errorBox(r.error))
  const page = r.value
  const boxes: [HTMLInputElement, WorklistItem][] = []
  const selected = () => boxes.filter(([b]) => b.checked).map(([, d]) => d)
  const bulk = bulkBar(ctx, selected, people)
  const count = bulk.querySelector('.count') as HTMLElement
  const recount = () => {
    const n = selected().length
    count.textContent = n ? `${n} selected` : 'None selected'
  }
  const all = h('input', { type: 'checkbox', 'aria-label': 'Select every dispute on this page' })
  all.addEventListener('change', () => {
    for (const [b] of boxes) b.checked = all.checked
    recount()
  })
  const rows = page.items.map((d) => {
    const box = h('input', { type: 'checkbox', 'aria-label': `Select ${d.number}` })
    box.addEventListener('change', recount)
    boxes.push([box, d])
    const cells: [string, Node | string][] = [
      ['Dispute', h('a', { href: `#dispute/${encodeURIComponent(d.number)}`, class: 'num' }, d.number)],
      ['Customer', d.customerName],
      ['Invoice', h('span', { class: 'num' }, d.invoiceNumber)],
      ['Amount in dispute', h('span', { class: 'num' }, formatAmount(d.amount, d.currency))],
      ['Age', `${d.ageDays} d`],
      ['SLA due', slaCell(d)],
      ['Owner', d.ownerName ?? h('em', {}, 'Unassigned')],
      ['Status', h('span', { class: `badge s-${d.status}` }, label(d.status))],
    ]
    return h(
      'tr',
      { class: d.sla === 'overdue' ? 'overdue' : null },
      h('td', { class: 'pick' }, box),
      ...cells.map(([k, v]) => h('td', { 'data-label': k }, v)),
    )
  })
  const tableEl = h(
    'table',
    { class: 'worklist' },
    h('caption', {}, `${title}: ${page.total} dispute${page.total === 1 ? '' : 's'}`),
    h(
      'thead',
      {},
      h('tr', {}, h('th', { scope: 'col', class: 'pick' }, all), ...COLUMNS.map(([t, k]) => sortHeader(params, t, k))),
    ),
    h('tbody', {}, ...rows),
  )
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
  const overdueCount = overdue.ok ? overdue.value.total : 0
  const summary = h(
    'p',
    { class: 'summary' },
    overdueCount
      ? h(
          'a',
          { href: `#disputes?status=active&overdue=true${isLead(ctx) ? '' : '&ownerId=me'}`, class: 'overdue-link' },
          `${overdueCount} overdue`,
        )
      : 'Nothing overdue',
    isLead(ctx) && setup ? ` · ${setup.unassigned} unassigned` : '',
  )
  return section(
    title,
    summary,
    form,
    bulk,
    page.items.length
      ? h('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': title }, tableEl)
      : h('p', {}, 'No dispute matches.'),
    pager,
  )
}
