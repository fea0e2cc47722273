/**
 * The dispute card's markup from one investigation result: figures, evidence with document ids and
 * the customer email. Every value goes through textContent (h), so nothing in the ledger or the
 * customer's words can become markup inside the host's page.
 */
import type { Finding, Resolution } from '../../src/core/resolution.ts'
import { h } from '../shared/dom.ts'

export const TONES = ['neutral', 'warm', 'firm'] as const
export type Tone = (typeof TONES)[number]

const words = (code: string): string => code.replaceAll('_', ' ')
const money = (amount: string, currency: string): string => `${amount} ${currency}`

/** Whether an amount string is zero ("0", "0.00"), read as text: the card never does arithmetic on money. */
export const isZero = (amount: string): boolean => /^0+(\.0+)?$/.test(amount)

function row(label: string, value: string): HTMLTableRowElement {
  return h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, value))
}

export function summaryTable(r: Resolution): HTMLTableElement {
  const c = r.currency
  return h(
    'table',
    { class: 'summary' },
    h('caption', {}, 'Summary'),
    h(
      'tbody',
      {},
      row('Classification', words(r.classification)),
      row('Action', words(r.action)),
      row(
        'Disputed',
        `${money(r.disputedAmount, c)} (${r.disputedAmountSource === 'stated' ? 'as stated' : 'from the evidence'})`,
      ),
      row('Supported by the evidence', money(r.supportedAmount, c)),
      row('Still owed of the disputed amount', money(r.owedAmount, c)),
      row('Invoice total', money(r.invoiceTotal, c)),
      row('Open balance', `${money(r.openBalance, c)}, ${r.daysPastDue} days past due`),
      row('Target date', r.targetDate),
      row(
        'Approval',
        r.approval ? `${words(r.approval.requiredRole)}, for ${money(r.approval.amount, c)}` : 'none: no money moves',
      ),
      row('Escalation', r.escalation.required ? r.escalation.to.map(words).join(', ') : 'none'),
      row('Root cause', r.rootCause),
    ),
  )
}

const findingRow = (f: Finding, currency: string): HTMLTableRowElement =>
  h(
    'tr',
    { class: f.supportsCustomer ? 'supports' : '' },
    h('td', {}, words(f.check)),
    h('td', {}, f.billed),
    h('td', {}, f.evidence),
    h('td', {}, h('code', {}, f.documentId)),
    h('td', { class: 'num' }, money(f.amountNotOwed, currency)),
  )

export function evidenceSection(r: Resolution): HTMLElement {
  const found = r.documentation.filter((d) => d.status !== 'not_applicable')
  return h(
    'section',
    { 'aria-labelledby': 'evidence-title' },
    h('h2', { id: 'evidence-title' }, 'Evidence'),
    r.findings.length
      ? h(
          'table',
          { class: 'findings' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...['Check', 'Billed', 'Evidence', 'Document', 'Not owed'].map((t) => h('th', { scope: 'col' }, t)),
            ),
          ),
          h('tbody', {}, ...r.findings.map((f) => findingRow(f, r.currency))),
        )
      : h('p', {}, 'No charge was checked against a document.'),
    h(
      'ul',
      { class: 'documents' },
      ...found.map((d) =>
        h(
          'li',
          { class: d.status },
          `${words(d.kind)}: ${d.status}${d.required ? ' (needed)' : ''} `,
          ...d.ids.map((id) => h('code', {}, id)),
        ),
      ),
    ),
  )
}

export function emailSection(r: Resolution, onTone: (tone: Tone) => void): HTMLElement {
  const radios = TONES.map((tone) =>
    h(
      'label',
      {},
      h('input', {
        type: 'radio',
        name: 'tone',
        value: tone,
        checked: tone === r.email.tone,
        onchange: () => onTone(tone),
      }),
      ` ${tone}`,
    ),
  )
  return h(
    'section',
    { 'aria-labelledby': 'email-title' },
    h('h2', { id: 'email-title' }, 'Customer email'),
    h('fieldset', { class: 'tones' }, h('legend', {}, 'Tone'), ...radios),
    h('p', { class: 'subject' }, h('strong', {}, 'Subject: '), h('span', { id: 'email-subject' }, r.email.subject)),
    h('pre', { class: 'email', id: 'email-body' }, r.email.body),
  )
}

export function header(r: Resolution): HTMLElement {
  return h(
    'header',
    {},
    h('h1', {}, `${r.invoiceNumber} · ${r.customerName}`),
    h('p', { class: `badge ${r.classification}` }, `${words(r.reasonCode)}: ${words(r.classification)}`),
  )
}
