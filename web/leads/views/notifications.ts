/**
 * Notifications (leads): every email and webhook the outbox planned, with its event, recipient,
 * channel, status, attempts, last error and time, filtered by status; a failed one can be retried
 * (one more attempt, now, by the dispatcher); and today's digest as it would be sent.
 */
import type { DigestPreview } from '../../../src/adapters/notify/dispatcher.ts'
import type { DeliveryRow } from '../../../src/adapters/notify/outbox.ts'
import type { ApiResult } from '../../shared/api.ts'
import { h } from '../../shared/dom.ts'
import { errorBox, label, section, table, type ViewContext } from '../context.ts'
import { peopleById } from './people.ts'

// People say a notification was sent; the outbox's word is "delivered".
const STATUS_WORDS: Record<DeliveryRow['status'], string> = {
  pending: 'Pending',
  delivered: 'Sent',
  failed: 'Failed',
  skipped: 'Skipped',
}

/** "2026-03-15 09:00 UTC": the same on every screen, whatever the browser's zone. */
function instant(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '—'
}

function statusText(d: DeliveryRow): string {
  return d.status === 'pending' && d.attempts > 0
    ? `${STATUS_WORDS.pending} (next try ${instant(d.nextAttemptAt)})`
    : STATUS_WORDS[d.status]
}

/** An address or a webhook as is; a person or role the outbox could not reach, by name. */
function recipientText(d: DeliveryRow, people: Map<string, string>): string {
  if (d.recipient === '-') return '— (no webhook configured)'
  const [kind, rest = ''] = d.recipient.split(/:(.*)/s)
  if (d.channel === 'email' && kind === 'person') return people.get(rest) ?? rest
  if (d.channel === 'email' && kind === 'role')
    return `${rest.split('|').map(label).join(', ')}: nobody with an email address`
  if (d.channel === 'email' && kind === 'team') return `${label(rest)} team: no mailbox configured`
  return d.recipient
}

function eventCell(d: DeliveryRow): HTMLElement {
  const subject = typeof d.payload.subject === 'string' ? d.payload.subject.replace(/^\[DisputeDesk\]\s*/, '') : ''
  const number = /DSP-\d+/.exec(subject)?.[0]
  return h(
    'span',
    {},
    h('strong', {}, label(d.kind)),
    d.disputeId ? ' · ' : null,
    d.disputeId ? h('a', { href: `#dispute/${encodeURIComponent(d.disputeId)}` }, number ?? 'the dispute') : null,
    subject ? h('br') : null,
    subject,
  )
}

/** The status, attempts and last error cells of one row, updated in place by a retry. */
function liveCells(d: DeliveryRow, people: Map<string, string>) {
  // The outbox names a person it could not reach by id; the page names them.
  const why = (x: DeliveryRow) => x.lastError?.replace(/person:(\S+)/g, (_, id: string) => people.get(id) ?? id) ?? '—'
  const status = h('span', { class: `badge n-${d.status}` }, statusText(d))
  const attempts = h('span', { class: 'num' }, String(d.attempts))
  const error = h('span', {}, why(d))
  const show = (x: DeliveryRow) => {
    status.className = `badge n-${x.status}`
    status.textContent = statusText(x)
    attempts.textContent = String(x.attempts)
    error.textContent = why(x)
  }
  return { status, attempts, error, show }
}

function retryCell(ctx: ViewContext, d: DeliveryRow, show: (x: DeliveryRow) => void): HTMLElement | string {
  if (d.status !== 'failed') return ''
  const result = h('p', { class: 'result', role: 'status' })
  const button = h('button', { type: 'button', 'aria-label': `Retry ${label(d.kind)} to ${d.recipient}` }, 'Retry')
  button.addEventListener('click', async () => {
    button.disabled = true
    result.className = 'result'
    result.textContent = 'Retrying…'
    const r = await ctx.api.post<DeliveryRow>(`/api/notifications/${encodeURIComponent(d.id)}/retry`, {})
    if (!r.ok) {
      result.className = 'result error'
      result.textContent = `Not retried: ${r.error.message}`
      button.disabled = false
      return
    }
    show(r.value)
    const sent = r.value.status === 'delivered'
    result.className = sent ? 'result ok' : 'result error'
    result.textContent = sent ? 'Sent on retry.' : `Failed again: ${r.value.lastError ?? 'no reason given'}`
    if (sent) button.remove()
    else button.disabled = false
  })
  return h('div', { class: 'decision' }, button, result)
}

function statusFilter(ctx: ViewContext, current: string): HTMLFormElement {
  const select = h('select', { name: 'status' })
  for (const [value, text] of [['', 'All'], ...Object.entries(STATUS_WORDS)] as [string, string][])
    select.appendChild(h('option', { value, selected: value === current }, text))
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter deliveries' },
    h('label', {}, 'Status', select),
    h('button', { type: 'submit' }, 'Show'),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    ctx.go(select.value ? `#notifications?status=${select.value}` : '#notifications')
  })
  return form
}

function digestCard(r: ApiResult<DigestPreview>): HTMLElement {
  if (!r.ok) return section('Today’s digest', errorBox(r.error))
  const d = r.value
  return section(
    'Today’s digest',
    h(
      'p',
      { class: 'summary' },
      `${d.planned ? 'Planned today' : 'Not sent yet today'}; to ${d.to.length ? d.to.join(', ') : 'nobody (no lead has an email address)'}.`,
    ),
    h('h3', {}, d.subject),
    h('pre', { class: 'desc', tabindex: 0, 'aria-label': 'Digest text' }, d.text),
  )
}

const HEADERS = ['Time', 'Event', 'Recipient', 'Channel', 'Status', 'Attempts', 'Last error', '']

/** Each cell labelled with its column, so a phone shows one card per delivery (styles.css, table.cards). */
function cards(headers: string[], wrapper: HTMLElement): HTMLElement {
  wrapper.querySelector('table')?.classList.add('cards')
  for (const tr of wrapper.querySelectorAll('tbody tr'))
    tr.querySelectorAll('td').forEach((td, i) => {
      if (headers[i]) td.setAttribute('data-label', headers[i] as string)
    })
  return wrapper
}

export async function notificationsView(ctx: ViewContext, params: URLSearchParams): Promise<HTMLElement> {
  const status = STATUS_WORDS[params.get('status') as DeliveryRow['status']] ? (params.get('status') as string) : ''
  const [list, digest, people] = await Promise.all([
    ctx.api.get<{ items: DeliveryRow[] }>(`/api/notifications?limit=200${status ? `&status=${status}` : ''}`),
    ctx.api.get<DigestPreview>('/api/notifications/digest'),
    peopleById(ctx),
  ])
  if (!list.ok) return section('Notifications', errorBox(list.error))
  const items = list.value.items
  const rows = items.map((d) => {
    const live = liveCells(d, people)
    return [
      h('span', { class: 'num' }, instant(d.createdAt)),
      eventCell(d),
      recipientText(d, people),
      d.channel === 'email' ? 'Email' : 'Webhook',
      live.status,
      live.attempts,
      live.error,
      retryCell(ctx, d, live.show),
    ]
  })
  const what = status ? `${STATUS_WORDS[status as DeliveryRow['status']].toLowerCase()} ` : ''
  const body = items.length
    ? cards(HEADERS, table(HEADERS, rows, `Deliveries: ${items.length} ${what}shown, newest first`))
    : h('p', {}, status ? `No ${what}delivery.` : 'Nothing has been notified yet.')
  const card = section(
    'Notifications',
    h(
      'p',
      { class: 'summary' },
      'Every email and webhook sent on an assignment, escalation, approval, resolution, SLA breach or digest.',
    ),
    statusFilter(ctx, status),
    body,
  )
  return h('div', {}, card, digestCard(digest))
}
