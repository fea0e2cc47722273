/**
 * The customer portal: a customer's key (bound to their company), their invoices to pick from, a
 * form to raise a dispute (reason, amount, documents pasted as text), and each dispute with its
 * status, the findings the AR team released, the messages both ways and a rating once resolved.
 * Everything goes through /api/portal, which scopes every row to the key's customer.
 */
import { REASON_CODES } from '../../src/core/reason-codes.ts'
import type { CustomerDispute } from '../../src/services/portal.ts'
import { type ApiClient, createApiClient, formatAmount } from '../shared/api.ts'
import { clear, h } from '../shared/dom.ts'
import { storedKey, storeKey } from '../shared/stored-key.ts'

const KEY_STORE = 'dispute-desk-portal-key'

interface Invoice {
  number: string
  issueDate: string
  dueDate: string
  currency: string
  openBalance: string
  status: string
}
type Dispute = CustomerDispute

const STATUS: Record<Dispute['status'], string> = {
  under_review: 'Under review',
  waiting_for_you: 'Waiting for your reply',
  resolved: 'Resolved',
}

const label = (code: string) => code.charAt(0).toUpperCase() + code.slice(1).replace(/_/g, ' ')
const main = document.getElementById('main') as HTMLElement
const who = document.getElementById('who') as HTMLElement
let seq = 0
const uid = (name: string) => `${name}-${++seq}`

function keyForm(message?: string): HTMLElement {
  const input = h('input', { id: 'portal-key', type: 'password', autocomplete: 'off', required: true })
  const form = h(
    'form',
    { class: 'card key-form', 'aria-labelledby': 'key-title' },
    h('h2', { id: 'key-title' }, 'Sign in'),
    h('p', {}, 'Use the access key your supplier’s accounts receivable team sent you.'),
    message ? h('p', { class: 'error', role: 'alert' }, message) : null,
    h('label', { for: 'portal-key' }, 'Access key'),
    input,
    h('button', { type: 'submit' }, 'Sign in'),
  )
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    storeKey(KEY_STORE, input.value.trim())
    void start(input.value.trim())
  })
  queueMicrotask(() => input.focus())
  return form
}

function field(text: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || uid('f')
  control.id = id
  const hintId = hint ? `${id}-hint` : null
  if (hintId) control.setAttribute('aria-describedby', hintId)
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, text),
    control,
    hint ? h('span', { class: 'hint', id: hintId }, hint) : null,
  )
}

function submitForm(api: ApiClient, invoices: Invoice[], refresh: () => Promise<void>): HTMLElement {
  const invoice = h(
    'select',
    { required: true, name: 'invoice' },
    h('option', { value: '' }, 'Choose an invoice…'),
    ...invoices.map((i) =>
      h(
        'option',
        { value: i.number },
        `${i.number}, issued ${i.issueDate}, open ${formatAmount(i.openBalance, i.currency)}`,
      ),
    ),
  )
  const reason = h(
    'select',
    { required: true, name: 'reason' },
    h('option', { value: '' }, 'Choose a reason…'),
    ...REASON_CODES.map((r) => h('option', { value: r }, label(r))),
  )
  const amount = h('input', {
    name: 'amount',
    inputmode: 'decimal',
    pattern: '\\d+(\\.\\d{1,2})?',
    autocomplete: 'off',
  })
  const description = h('textarea', { name: 'description', rows: 4, required: true, minlength: 3 })
  const attachName = h('input', { name: 'attachment-name', autocomplete: 'off' })
  const attachText = h('textarea', { name: 'attachment-text', rows: 3 })
  const status = h('p', { role: 'status', class: 'status' })
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'raise-title' },
    h('h2', { id: 'raise-title' }, 'Raise a dispute'),
    h('div', { class: 'form-grid' }, field('Invoice', invoice), field('Reason', reason)),
    field('Amount in dispute (optional)', amount, 'For example 194.12; leave empty if you are not sure.'),
    field('What is wrong?', description),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Attachment (optional)'),
      field('Document name', attachName, 'For example: delivery note DLV-52505'),
      field('Document text', attachText, 'Paste the text of the document or email.'),
    ),
    h('button', { type: 'submit' }, 'Submit dispute'),
    status,
  )
  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    status.textContent = 'Submitting…'
    const attachments = attachText.value.trim()
      ? [{ name: attachName.value.trim() || 'Attachment', text: attachText.value }]
      : []
    const r = await api.post<Dispute>('/api/portal/disputes', {
      invoiceNumber: invoice.value,
      reasonCode: reason.value,
      ...(amount.value.trim() ? { disputedAmount: amount.value.trim() } : {}),
      description: description.value,
      ...(attachments.length ? { attachments } : {}),
    })
    if (!r.ok) {
      status.className = 'status error'
      status.textContent = `${r.error.message}${r.error.field ? ` (${r.error.field})` : ''}`
      return
    }
    form.reset()
    await refresh()
    const done = document.getElementById('raise-status')
    if (done) done.textContent = `Dispute on ${r.value.invoiceNumber} submitted. We will review it and reply here.`
  })
  return form
}

function thread(d: Dispute): HTMLElement {
  const items = d.messages.map((m) =>
    h(
      'li',
      { class: `msg from-${m.from}` },
      h('span', { class: 'who' }, m.from === 'customer' ? `You (${m.name})` : `${m.name}, accounts receivable`),
      h('time', { datetime: m.at }, ` ${m.at.slice(0, 16).replace('T', ' ')}`),
      h('p', {}, m.text),
    ),
  )
  return items.length ? h('ol', { class: 'thread' }, ...items) : h('p', { class: 'muted' }, 'No messages yet.')
}

function disputeCard(api: ApiClient, d: Dispute, refresh: () => Promise<void>): HTMLElement {
  const titleId = uid('dispute')
  const text = h('textarea', { rows: 2, required: true })
  const sendStatus = h('p', { role: 'status', class: 'status' })
  const send = h(
    'form',
    { class: 'reply' },
    field('Your message', text),
    h('button', { type: 'submit' }, 'Send message'),
    sendStatus,
  )
  send.addEventListener('submit', async (e) => {
    e.preventDefault()
    const r = await api.post(`/api/portal/disputes/${encodeURIComponent(d.id)}/messages`, { text: text.value })
    if (r.ok) await refresh()
    else sendStatus.textContent = r.error.message
  })
  const rating =
    d.status === 'resolved'
      ? h(
          'fieldset',
          { class: 'rating' },
          h('legend', {}, d.csat ? `Your rating: ${d.csat} of 5. Change it:` : 'How did we handle this dispute?'),
          ...[1, 2, 3, 4, 5].map((n) =>
            h(
              'button',
              {
                type: 'button',
                'aria-pressed': String(d.csat === n),
                'aria-label': `${n} of 5`,
                onclick: async () => {
                  const r = await api.post(`/api/portal/disputes/${encodeURIComponent(d.id)}/rating`, { csat: n })
                  if (r.ok) await refresh()
                },
              },
              `${n}★`,
            ),
          ),
        )
      : null
  return h(
    'article',
    { class: 'card dispute', 'aria-labelledby': titleId, 'data-dispute': d.id },
    h(
      'h3',
      { id: titleId },
      `${label(d.reasonCode)} on ${d.invoiceNumber} `,
      h('span', { class: `badge st-${d.status}`, 'data-testid': 'status' }, STATUS[d.status]),
    ),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Amount in dispute'),
      h('dd', {}, formatAmount(d.disputedAmount, d.currency)),
      h('dt', {}, 'Raised'),
      h('dd', {}, d.openedOn),
      h('dt', {}, d.resolvedOn ? 'Resolved' : 'We aim to resolve it by'),
      h('dd', {}, d.resolvedOn ?? d.targetDate ?? '—'),
      h('dt', {}, 'Credited'),
      h('dd', {}, formatAmount(d.credited, d.currency)),
    ),
    h('h4', {}, 'What you told us'),
    h('p', { class: 'said' }, d.description),
    h('h4', {}, 'Our findings'),
    d.findings.length
      ? h(
          'div',
          {},
          ...d.findings.map((f) =>
            h(
              'blockquote',
              { class: 'findings' },
              h('p', {}, f.text),
              h('footer', {}, `${f.by}, ${f.at.slice(0, 10)}`),
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'We are reviewing your dispute; our findings will appear here.'),
    h('h4', {}, 'Messages'),
    thread(d),
    send,
    rating,
  )
}

async function render(api: ApiClient): Promise<void> {
  const [invoices, disputes] = await Promise.all([
    api.get<{ items: Invoice[] }>('/api/portal/invoices?limit=500'),
    api.get<{ items: Dispute[] }>('/api/portal/disputes?limit=100'),
  ])
  clear(main)
  if (!invoices.ok || !disputes.ok) {
    const e = invoices.ok ? (disputes as { ok: false; error: { message: string } }).error : invoices.error
    main.appendChild(h('p', { class: 'error', role: 'alert' }, e.message))
    return
  }
  const refresh = () => render(api)
  const open = invoices.value.items.filter((i) => i.status !== 'void')
  main.append(
    h('p', { id: 'raise-status', role: 'status', class: 'status ok' }),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'yours' },
      h(
        'div',
        { class: 'section-head' },
        h('h2', { id: 'yours' }, 'Your disputes'),
        h('button', { type: 'button', class: 'secondary', onclick: () => void refresh() }, 'Refresh'),
      ),
      disputes.value.items.length
        ? h('div', { class: 'disputes' }, ...disputes.value.items.map((d) => disputeCard(api, d, refresh)))
        : h('p', { class: 'muted' }, 'You have not raised a dispute yet.'),
    ),
    submitForm(api, open, refresh),
  )
}

async function start(key: string | null): Promise<void> {
  clear(main)
  clear(who)
  if (!key) {
    main.appendChild(keyForm())
    return
  }
  const api = createApiClient(window.location.origin, key)
  const me = await api.get<{ name: string; role: string; customerId?: string }>('/api/me')
  if (!me.ok || me.value.role !== 'customer') {
    main.appendChild(
      keyForm(
        me.ok ? 'This portal is for customers; the AR team uses the dashboard.' : 'That access key is not valid.',
      ),
    )
    return
  }
  who.append(
    `${me.value.name} `,
    h(
      'button',
      {
        type: 'button',
        class: 'link',
        onclick: () => {
          storeKey(KEY_STORE, null)
          void start(null)
        },
      },
      'Sign out',
    ),
  )
  await render(api)
}

void start(storedKey(KEY_STORE))
