/**
 * The activity timeline: every audit event of a dispute, oldest first, in words. Known kinds say what
 * changed (status, owner, money); any other kind (inbound emails, calls, portal messages) is shown
 * generically by its name and the short fields it carries (from, subject, channel), with the text the
 * customer wrote quoted below it.
 */
import { formatAmount } from '../../shared/api.ts'
import { h } from '../../shared/dom.ts'
import { label } from '../context.ts'

export interface DisputeEvent {
  seq: number
  at: string
  actorName: string
  actorRole: string
  type: string
  why: string | null
  before: unknown
  after: unknown
  hash: string
}

type Fields = Record<string, unknown>
const fields = (v: unknown): Fields => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Fields) : {})
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null)

const TITLES: Record<string, string> = {
  dispute_opened: 'Dispute opened',
  dispute_assigned: 'Assigned',
  status_changed: 'Status changed',
  note_added: 'Note',
  resolution_recorded: 'Investigation recorded',
  dispute_resolved: 'Resolved',
  owner_reminded: 'Owner reminded',
  settlement_chosen: 'Settlement chosen',
  collections_handoff: 'Handed to collections',
}

function headline(e: DisputeEvent, currency: string): string {
  const a = fields(e.after)
  const b = fields(e.before)
  const money = (v: unknown) => (str(v) ? formatAmount(str(v) as string, currency) : '')
  switch (e.type) {
    case 'status_changed':
      return `${label(str(b.status))} → ${label(str(a.status))}`
    case 'dispute_assigned':
      return str(a.ownerName)
        ? `to ${a.ownerName}${str(b.ownerName) ? ` (was ${b.ownerName})` : ''}`
        : 'left unassigned'
    case 'owner_reminded':
      return str(a.ownerName) ? `reminded ${a.ownerName}` : ''
    case 'resolution_recorded':
      return `${label(str(a.classification))}, ${label(str(a.action))}`
    case 'dispute_opened':
      return `${money(a.originalDisputed)} in dispute`
    case 'settlement_chosen':
    case 'collections_handoff':
      return `${money(a.released)} back to collections, ${money(a.kept)} kept on hold`
    default: {
      if (/^(credit_memo|write_off|goodwill_credit)_/.test(e.type)) return money(a.amount)
      // Another kind (an email received, a call logged): the short fields it carries.
      return ['channel', 'from', 'to', 'subject']
        .map((k) => (str(a[k]) ? `${k}: ${a[k]}` : null))
        .filter(Boolean)
        .join(' · ')
    }
  }
}

const TEXT_SHOWN = 600
function text(e: DisputeEvent): string | null {
  const t = str(fields(e.after).text)
  return t && t.length > TEXT_SHOWN ? `${t.slice(0, TEXT_SHOWN)}…` : t
}

export function timeline(events: readonly DisputeEvent[], currency: string): HTMLElement {
  if (!events.length) return h('p', {}, 'No activity yet.')
  return h(
    'ol',
    { class: 'timeline', 'aria-label': 'Activity, oldest first' },
    ...events.map((e) => {
      const line = headline(e, currency)
      return h(
        'li',
        { class: `t-${e.type}` },
        h(
          'p',
          { class: 't-head' },
          h('strong', {}, TITLES[e.type] ?? label(e.type)),
          line ? ` ${line}` : '',
          h(
            'span',
            { class: 't-meta' },
            ` · ${e.actorName} (${label(e.actorRole)}) · `,
            h('time', { datetime: e.at }, e.at.replace('T', ' ').slice(0, 16)),
          ),
        ),
        e.why ? h('p', { class: 't-why' }, e.why) : null,
        // What the customer wrote (an email, a portal message, a call's notes), as sent, shortened.
        text(e) ? h('blockquote', { class: 't-text' }, text(e)) : null,
        h('p', { class: 't-hash' }, `#${e.seq} `, h('code', {}, e.hash.slice(0, 12))),
      )
    }),
  )
}
