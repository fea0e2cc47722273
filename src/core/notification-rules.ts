/**
 * Who is told what, and in which words: pure rules from one audit event (and the dispute it is
 * about) to notices. The dispatcher (src/adapters/notify/) turns audiences into addresses and
 * delivers; nothing here reads a clock or a database.
 *
 * Event kinds are matched by pattern, not by a closed list, so a new writer's event reaches the
 * right people without an edit here (the list is in docs/notifications.md):
 * - assigned: any kind containing "assign" (dispute.assigned, dispute_reassigned, …)
 * - escalated: a kind containing "escalat", a status change to escalated, or a recorded resolution
 *   that newly escalates
 * - approval_needed: *_requested (credit_memo_requested, write_off_requested, goodwill_credit_requested)
 * - approval_decided: *_approved, *_rejected
 * - resolved: dispute_resolved, or a status change to resolved or closed
 * - customer_message: dispute.message_received (an email, call or chat note from the customer) and
 *   customer_message (written in the customer portal)
 * - reminder: owner_reminded (a lead's nudge from the worklist)
 * - customer_reply: dispute.message_sent (the product's reply, sent to the customer, threaded)
 * - sla_breached and the leads' digest come from the open disputes, not from an event.
 */
import type { ReasonCode } from './ledger.ts'
import type { Role, Team } from './resolution.ts'
import { disputeNumber } from './assignment.ts'
import { ROUTING } from './stakeholders.ts'

export type NoticeKind =
  | 'assigned'
  | 'escalated'
  | 'approval_needed'
  | 'approval_decided'
  | 'resolved'
  | 'sla_breached'
  | 'customer_message'
  | 'customer_reply'
  | 'reminder'
  | 'digest'

export const NOTICE_KINDS: readonly NoticeKind[] = [
  'assigned',
  'escalated',
  'approval_needed',
  'approval_decided',
  'resolved',
  'sla_breached',
  'customer_message',
  'customer_reply',
  'reminder',
  'digest',
]

/** Whom a notice is for, before the dispatcher knows any address. */
export type Audience =
  | { person: string }
  | { roles: readonly Role[] }
  | { team: Team }
  /** A literal address (a customer's, for a reply). */
  | { address: string }

export interface Notice {
  kind: NoticeKind
  disputeId: string | null
  to: Audience[]
  subject: string
  text: string
  /** Email threading headers (customer replies). */
  thread?: { messageId: string; inReplyTo?: string; references?: string[] }
}

export interface EventFacts {
  seq: number
  type: string
  disputeId: string | null
  actorId: string
  actorName: string
  why: string | null
  before: unknown
  after: unknown
}

export interface DisputeFacts {
  id: string
  /** The readable number's sequence (DSP-000123), when the store numbers disputes. */
  number?: number | null
  invoiceNumber: string
  customerName: string
  reasonCode: ReasonCode
  status: string
  ownerId: string | null
  amount: string
  currency: string
  targetDate: string | null
  /** For decisions: who requested the credit (read from the request the event names). */
  requestedBy?: string | null
}

const LEADS: readonly Role[] = ['lead', 'finance_controller']

const field = (v: unknown, key: string): unknown =>
  v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined
const text = (v: unknown, key: string): string | null => {
  const x = field(v, key)
  return typeof x === 'string' && x ? x : null
}

const teamsOf = (reason: ReasonCode): Audience[] => ROUTING[reason].map((team) => ({ team }))
const person = (id: string | null | undefined): Audience[] => (id ? [{ person: id }] : [])

/** How people name the dispute: its readable number, else its id. */
const nameOf = (d: DisputeFacts): string => (d.number ? disputeNumber(d.number) : d.id)

function headline(d: DisputeFacts): string {
  return `${nameOf(d)} · ${d.invoiceNumber} · ${d.customerName}`
}

function body(lines: (string | null | false | undefined)[]): string {
  return `${lines.filter(Boolean).join('\n')}\n`
}

function summary(d: DisputeFacts): string {
  return `Invoice ${d.invoiceNumber} for ${d.customerName}: ${d.reasonCode.replaceAll('_', ' ')}, ${d.amount} ${d.currency} in dispute, status ${d.status.replaceAll('_', ' ')}${d.targetDate ? `, due ${d.targetDate}` : ''}.`
}

/** The kind of notice an audit event means, or null when it informs nobody. */
export function noticeKindOf(e: Pick<EventFacts, 'type' | 'before' | 'after'>): NoticeKind | null {
  const t = e.type.toLowerCase()
  const status = text(e.after, 'status')
  if (t === 'dispute.message_received' || t === 'customer_message') return 'customer_message'
  if (t === 'owner_reminded') return 'reminder'
  if (t === 'dispute.message_sent') return 'customer_reply'
  if (t.includes('assign')) return 'assigned'
  if (t.includes('escalat') || (t === 'status_changed' && status === 'escalated')) return 'escalated'
  if (t === 'resolution_recorded' && field(e.after, 'escalated') === true && field(e.before, 'escalated') !== true)
    return 'escalated'
  if (t.endsWith('_requested')) return 'approval_needed'
  if (t.endsWith('_approved') || t.endsWith('_rejected')) return 'approval_decided'
  if (t === 'dispute_resolved' || t.endsWith('.resolved')) return 'resolved'
  if (t === 'status_changed' && (status === 'resolved' || status === 'closed')) return 'resolved'
  return null
}

/** The notices one audit event causes. The person who acted is not told what they just did. */
export function noticesFor(e: EventFacts, d: DisputeFacts | null): Notice[] {
  const kind = noticeKindOf(e)
  if (!kind) return []
  if (kind === 'customer_reply') return replyNotice(e)
  if (!d) return []
  const by = e.actorName
  const why = e.why ? `Why: ${e.why}` : null
  const notice = (to: Audience[], subject: string, lines: (string | null)[]): Notice[] => {
    const audience = to.filter((a) => !('person' in a) || a.person !== e.actorId)
    return audience.length
      ? [{ kind, disputeId: d.id, to: dedupe(audience), subject: `[DisputeDesk] ${subject}`, text: body(lines) }]
      : []
  }
  switch (kind) {
    case 'assigned': {
      const owner = text(e.after, 'ownerId') ?? text(e.after, 'assigneeId') ?? d.ownerId
      const previous = text(e.before, 'ownerId')
      const ownerName = text(e.after, 'ownerName') ?? text(e.after, 'assigneeName')
      return notice(
        [...person(owner), ...(previous && previous !== owner ? person(previous) : [])],
        `Assigned${ownerName ? ` to ${ownerName}` : ''}: ${headline(d)}`,
        [`${by} assigned dispute ${nameOf(d)}${ownerName ? ` to ${ownerName}` : ''}.`, summary(d), why],
      )
    }
    case 'escalated':
      return notice([{ roles: LEADS }, ...person(d.ownerId), ...teamsOf(d.reasonCode)], `Escalated: ${headline(d)}`, [
        `${by} escalated dispute ${nameOf(d)}.`,
        summary(d),
        why,
      ])
    case 'approval_needed': {
      const role = text(e.after, 'requiredRole')
      const approvers: readonly Role[] = role === 'finance_controller' ? ['finance_controller'] : LEADS
      const what = e.type.replace(/_requested$/, '').replaceAll('_', ' ')
      const amount = text(e.after, 'amount')
      return notice(
        [{ roles: approvers }],
        `Approval needed: ${what}${amount ? ` of ${amount} ${d.currency}` : ''} on ${headline(d)}`,
        [
          `${by} requested a ${what}${amount ? ` of ${amount} ${d.currency}` : ''} on dispute ${nameOf(d)}; a ${role ?? 'lead'} other than the requester must decide it.`,
          summary(d),
          why,
        ],
      )
    }
    case 'approval_decided': {
      const verdict = e.type.endsWith('_approved') ? 'approved' : 'rejected'
      const what = e.type.replace(/_(approved|rejected)$/, '').replaceAll('_', ' ')
      return notice(
        [...person(d.requestedBy), ...person(d.ownerId)],
        `${what[0]?.toUpperCase()}${what.slice(1)} ${verdict}: ${headline(d)}`,
        [`${by} ${verdict} the ${what} on dispute ${nameOf(d)}.`, summary(d), why],
      )
    }
    case 'resolved':
      return notice([...person(d.ownerId), ...teamsOf(d.reasonCode)], `Resolved: ${headline(d)}`, [
        `${by} resolved dispute ${nameOf(d)}.`,
        summary(d),
        e.why ? `Outcome: ${e.why}` : null,
      ])
    case 'reminder':
      return notice([...person(text(e.after, 'ownerId') ?? d.ownerId)], `Reminder: ${headline(d)}`, [
        `${by} asks you to look at dispute ${nameOf(d)}.`,
        summary(d),
        why,
      ])
    case 'customer_message': {
      const channel = text(e.after, 'channel') ?? (e.type === 'customer_message' ? 'portal' : 'email')
      const from = text(e.after, 'from')
      return notice([...person(d.ownerId)], `Customer ${channel === 'email' ? 'email' : channel}: ${headline(d)}`, [
        `${channel === 'email' ? 'An email' : `A ${channel} note`}${from ? ` from ${from}` : ''} was added to dispute ${nameOf(d)}.`,
        text(e.after, 'subject') ? `Subject: ${text(e.after, 'subject')}` : null,
        summary(d),
      ])
    }
    default:
      return []
  }
}

function replyNotice(e: EventFacts): Notice[] {
  const to = text(e.after, 'to')
  const messageId = text(e.after, 'messageId')
  if (!to || !messageId) return []
  const refs = field(e.after, 'references')
  const inReplyTo = text(e.after, 'inReplyTo')
  return [
    {
      kind: 'customer_reply',
      disputeId: e.disputeId,
      to: [{ address: to }],
      subject: text(e.after, 'subject') ?? '',
      text: text(e.after, 'text') ?? '',
      thread: {
        messageId,
        ...(inReplyTo ? { inReplyTo } : {}),
        ...(Array.isArray(refs) ? { references: refs.filter((r): r is string => typeof r === 'string') } : {}),
      },
    },
  ]
}

function dedupe(to: Audience[]): Audience[] {
  const seen = new Set<string>()
  return to.filter((a) => {
    const k = JSON.stringify(a)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

const OPEN_STATUSES = new Set(['open', 'investigating', 'awaiting_customer', 'awaiting_approval', 'escalated'])

export const isOpenStatus = (status: string): boolean => OPEN_STATUSES.has(status)

/** A dispute past its SLA date (the target resolution date) while still open: its owner and the leads. */
export function slaBreachNotice(d: DisputeFacts, today: string): Notice | null {
  if (!d.targetDate || d.targetDate >= today || !isOpenStatus(d.status)) return null
  return {
    kind: 'sla_breached',
    disputeId: d.id,
    to: dedupe([...person(d.ownerId), { roles: LEADS }]),
    subject: `[DisputeDesk] SLA breached: ${headline(d)}`,
    text: body([
      `Dispute ${nameOf(d)} was due by ${d.targetDate} and is still ${d.status.replaceAll('_', ' ')}.`,
      summary(d),
    ]),
  }
}

export interface DigestInput {
  today: string
  open: DisputeFacts[]
  /** Credit requests waiting for a decision. */
  awaitingApproval: {
    disputeId: string
    number?: number | null
    kind: string
    amount: string
    currency: string
    requestedBy: string
  }[]
}

/** The leads' daily digest: open, overdue and awaiting approval, as one email. */
export function digestNotice(input: DigestInput): Notice {
  const overdue = input.open.filter((d) => d.targetDate !== null && d.targetDate < input.today)
  const line = (d: DisputeFacts) =>
    `- ${nameOf(d)} · ${d.invoiceNumber} · ${d.customerName} · ${d.amount} ${d.currency} · ${d.status.replaceAll('_', ' ')}${d.targetDate ? ` · due ${d.targetDate}` : ''}`
  const cap = <T>(xs: T[], show: (x: T) => string) => [
    ...xs.slice(0, 50).map(show),
    ...(xs.length > 50 ? [`… and ${xs.length - 50} more`] : []),
  ]
  return {
    kind: 'digest',
    disputeId: null,
    to: [{ roles: LEADS }],
    subject: `[DisputeDesk] Daily digest ${input.today}: ${input.open.length} open, ${overdue.length} overdue, ${input.awaitingApproval.length} awaiting approval`,
    text: body([
      `Disputes on ${input.today}: ${input.open.length} open, ${overdue.length} overdue, ${input.awaitingApproval.length} awaiting approval.`,
      '',
      `Overdue (${overdue.length}):`,
      ...cap(overdue, line),
      '',
      `Awaiting approval (${input.awaitingApproval.length}):`,
      ...cap(
        input.awaitingApproval,
        (a) =>
          `- ${a.number ? disputeNumber(a.number) : a.disputeId} · ${a.kind.replaceAll('_', ' ')} ${a.amount} ${a.currency} · requested by ${a.requestedBy}`,
      ),
      '',
      `Open (${input.open.length}):`,
      ...cap(input.open, line),
    ]),
  }
}
