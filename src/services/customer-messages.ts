/**
 * Every channel in one thread: a customer's email, a call or a chat note lands on the dispute it is
 * about. A message is matched, in order, by the dispute it names, by the thread (In-Reply-To /
 * References of a message we sent or received), by the sender (address, then domain, against the
 * ledger's customer contacts, then a customer name in the text) and by an invoice number in the
 * subject or text (resolved like the chat's references). It is then added to that invoice's open
 * dispute as a `dispute.message_received` audit event, or opens a DRAFT dispute on the invoice:
 * status open, nothing decided, nothing disputed yet (0.00), so no figure or money changes until a
 * specialist investigates it. A message matched to nothing is kept (unmatched), never lost.
 * Replies from the product are `dispute.message_sent` events the notification outbox delivers,
 * carrying Message-ID, In-Reply-To and References so the customer's client threads them.
 */
import type { ReasonReader } from './deductions.ts'
import type { Customer, ReasonCode } from '../core/ledger.ts'
import type { Actor, DisputeRecord, Store, StoreResult } from './ports.ts'
import { normaliseName } from './customer-match.ts'
import { customersToMatch } from './customers-to-match.ts'
import type { InvoiceLookup } from './services.ts'

export const CHANNELS = ['email', 'call', 'chat'] as const
export type Channel = (typeof CHANNELS)[number]

export interface CustomerMessageInput {
  channel: Channel
  /** The sender's address ("ap@globex.example") or, for a call, who called. */
  from?: string | undefined
  fromName?: string | undefined
  to?: string | undefined
  subject?: string | undefined
  text: string
  messageId?: string | undefined
  inReplyTo?: string | undefined
  references?: string[] | undefined
  /** When it was sent or happened (ISO); now when absent. */
  at?: string | undefined
  /** What was attached (names and sizes; the files themselves are not kept). */
  attachments?: Attachment[] | undefined
  /** Known already (a call logged from the dispute page): skips matching. */
  disputeId?: string | undefined
  invoiceReference?: string | undefined
  customerId?: string | undefined
}

export interface Attachment {
  filename: string | null
  contentType: string
  size: number
}

export interface StoredMessage {
  id: string
  messageId: string | null
  disputeId: string | null
  customerId: string | null
  direction: 'in' | 'out'
  channel: Channel
  from: string | null
  to: string | null
  subject: string | null
  text: string
  inReplyTo: string | null
  references: string[]
  eventSeq: number | null
  openedDraft: boolean
  at: string
}

export type NewMessage = Omit<StoredMessage, 'id' | 'eventSeq'> & { matchedBy: string[]; attachments?: Attachment[] }

/** The store's side (src/adapters/store/message-repo.ts). */
export interface MessageRepository {
  byMessageId(messageId: string): Promise<StoredMessage | null>
  /** The dispute of the latest recorded message among these Message-IDs. */
  disputeOfThread(messageIds: string[]): Promise<string | null>
  /** Customers whose contact address is this address; else whose address has this domain. */
  customersByContact(address: string): Promise<{ exact: string[]; domain: string[] }>
  /**
   * Stores the message; with a dispute, appends its audit event (dispute.message_received or
   * dispute.message_sent) in the same transaction. A Message-ID seen before stores nothing again.
   */
  record(message: NewMessage, actor: Actor): Promise<StoreResult<{ message: StoredMessage; duplicate: boolean }>>
  thread(disputeId: string): Promise<StoredMessage[]>
}

export type ContactStatus = 'added' | 'draft_opened' | 'unmatched' | 'duplicate'

export interface ContactOutcome {
  status: ContactStatus
  disputeId: string | null
  customerId: string | null
  invoiceNumber: string | null
  /** How the message was matched: dispute, thread, sender, domain, name, invoice. */
  matchedBy: string[]
  messageId: string | null
  eventSeq: number | null
}

export interface ReplyInput {
  disputeId: string
  text: string
  subject?: string | undefined
  /** The customer's address; else the sender of their last email on the dispute, else the customer's contact. */
  to?: string | undefined
}

export interface SentReply {
  disputeId: string
  messageId: string
  to: string
  subject: string
  inReplyTo: string | null
  references: string[]
  eventSeq: number | null
}

export type MessageResult<T> = StoreResult<T>

export interface CustomerMessages {
  /** An inbound message (or a call or chat note) matched and recorded; `today` dates a draft dispute. */
  receive(input: CustomerMessageInput, actor: Actor, today: string): Promise<MessageResult<ContactOutcome>>
  /** A threaded reply to the customer, recorded now and sent by the notification outbox. */
  reply(input: ReplyInput, actor: Actor): Promise<MessageResult<SentReply>>
  thread(disputeId: string): Promise<StoredMessage[]>
}

export interface CustomerMessageDeps {
  store: Store
  resolveInvoice(reference: string, customerId?: string): Promise<InvoiceLookup>
  readReason?: ReasonReader | undefined
  /** The domain of the Message-IDs we generate. */
  messageDomain?: string
}

const OPEN = new Set(['open', 'investigating', 'awaiting_customer', 'awaiting_approval', 'escalated'])
/** Mailbox providers: a sender's domain there says nothing about their company. */
const PUBLIC_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'web.de',
])
/** Invoice-like tokens: "INV-102721", "invoice 102721", "#0451", "XX26-0007". */
const DISPUTE_NUMBER = /\bDSP-\d{3,9}\b/i
const INVOICE_TOKEN = /\b(?:inv(?:oice)?\.?\s*(?:no\.?|number|#)?\s*[:#]?\s*)?([a-z]{0,5}[-/]?\d[\d-]{2,15})\b/gi
const MAX_TEXT = 20_000

/** Text as the database can store it: no NUL, no lone surrogates, capped. */
export function storableText(s: string, max = MAX_TEXT): string {
  const clean = s
    .replaceAll(String.fromCharCode(0), '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
  return clean.length > max ? `${clean.slice(0, max)}…` : clean
}

export function addressOf(s: string | undefined | null): string | null {
  const m = /<([^<>\s@]+@[^<>\s@]+)>/.exec(s ?? '') ?? /([^<>\s@"]+@[^<>\s@"]+)/.exec(s ?? '')
  return m?.[1]?.toLowerCase() ?? null
}

export function invoiceTokens(text: string): string[] {
  const out: string[] = []
  for (const m of text.matchAll(INVOICE_TOKEN)) {
    const t = m[1]
    if (t && !out.includes(t) && out.length < 10) out.push(t)
  }
  return out
}

export function createCustomerMessages(deps: CustomerMessageDeps): CustomerMessages {
  const { store } = deps
  const domain = deps.messageDomain ?? 'dispute-desk.local'
  const repo = store.messages

  const openDisputeOn = async (invoiceNumber: string): Promise<DisputeRecord | null> => {
    const page = await store.disputes.list({ invoiceNumber, limit: 50, sort: 'opened_at', order: 'desc' })
    return page.items.find((d) => OPEN.has(d.status)) ?? null
  }

  const customerByName = async (text: string): Promise<Customer | null> => {
    const words = ` ${normaliseName(text)} `
    // Read whole only when small, else searched by the message's words: one page of 500 missed the rest.
    const hits = (await customersToMatch(store.ledger, text)).filter((c) => {
      const n = normaliseName(c.name)
      return n.length >= 4 && words.includes(` ${n} `)
    })
    return hits.length === 1 ? (hits[0] as Customer) : null
  }

  /** Who the message is from and what it is about: dispute, customer, invoice, and how each was found. */
  const match = async (m: CustomerMessageInput) => {
    const matchedBy: string[] = []
    let dispute: DisputeRecord | null = null
    if (m.disputeId) {
      dispute = await store.disputes.get(m.disputeId)
      if (!dispute) return { missing: m.disputeId } as const
      matchedBy.push('dispute')
    }
    const threadIds = [m.inReplyTo, ...(m.references ?? [])].filter((x): x is string => !!x)
    if (!dispute && threadIds.length) {
      const id = await repo.disputeOfThread(threadIds)
      dispute = id ? await store.disputes.get(id) : null
      if (dispute) matchedBy.push('thread')
    }
    // "Re: DSP-000123 …": the dispute's readable number quoted in the subject or the text.
    const quoted = dispute ? undefined : DISPUTE_NUMBER.exec(`${m.subject ?? ''}\n${m.text}`)?.[0]
    if (quoted) {
      dispute = await store.disputes.get(quoted.toUpperCase())
      if (dispute) matchedBy.push('number')
    }
    let customerId = dispute?.customerId ?? m.customerId ?? null
    const sender = addressOf(m.from)
    if (!customerId && sender) {
      const found = await repo.customersByContact(sender)
      const senderDomain = sender.split('@')[1] ?? ''
      if (found.exact.length === 1) {
        customerId = found.exact[0] ?? null
        matchedBy.push('sender')
      } else if (found.domain.length === 1 && !PUBLIC_DOMAINS.has(senderDomain)) {
        customerId = found.domain[0] ?? null
        matchedBy.push('domain')
      }
    }
    const words = [m.fromName, m.from, m.subject, m.text].filter(Boolean).join('\n')
    if (!customerId) {
      const byName = await customerByName(words)
      if (byName) {
        customerId = byName.id
        matchedBy.push('name')
      }
    }
    let invoiceNumber = dispute?.invoiceNumber ?? null
    if (!invoiceNumber) {
      const refs = [m.invoiceReference, ...invoiceTokens(`${m.subject ?? ''}\n${m.text}`)].filter(
        (x): x is string => !!x,
      )
      for (const ref of refs) {
        const r = await deps.resolveInvoice(ref, customerId ?? undefined)
        if (!r.ok) continue
        const inv = await store.ledger.getInvoice(r.number)
        // An invoice of another customer than the sender's is not theirs to dispute.
        if (!inv || (customerId && inv.customerId !== customerId)) continue
        invoiceNumber = inv.number
        customerId ??= inv.customerId
        matchedBy.push('invoice')
        break
      }
    }
    if (!dispute && invoiceNumber) dispute = await openDisputeOn(invoiceNumber)
    if (!dispute && !invoiceNumber && customerId) {
      // No invoice named: the customer's only open dispute, if there is exactly one.
      const open = (await store.disputes.list({ customerId, limit: 50 })).items.filter((d) => OPEN.has(d.status))
      if (open.length === 1) dispute = open[0] ?? null
    }
    return { dispute, customerId, invoiceNumber, matchedBy } as const
  }

  const draftReason = async (text: string): Promise<ReasonCode> => {
    if (!deps.readReason) return 'other'
    return (await deps.readReason())(text).code ?? 'other'
  }

  return {
    async receive(input, actor, today) {
      if (!input.text.trim() && !input.subject?.trim())
        return { ok: false, error: { code: 'invalid_input', message: 'text: the message is empty', field: 'text' } }
      if (input.messageId) {
        const seen = await repo.byMessageId(input.messageId)
        if (seen)
          return {
            ok: true,
            value: {
              status: 'duplicate',
              disputeId: seen.disputeId,
              customerId: seen.customerId,
              invoiceNumber: null,
              matchedBy: [],
              messageId: seen.messageId,
              eventSeq: seen.eventSeq,
            },
          }
      }
      const found = await match(input)
      if ('missing' in found)
        return { ok: false, error: { code: 'not_found', message: `No dispute ${found.missing}.`, field: 'disputeId' } }
      let { dispute } = found
      let opened = false
      const subject = input.subject ? storableText(input.subject, 500) : null
      const text = storableText(input.text)
      if (!dispute && found.invoiceNumber) {
        const draft = await store.disputes.open(
          {
            invoiceNumber: found.invoiceNumber,
            reasonCode: await draftReason(`${subject ?? ''}\n${text}`),
            description: storableText(
              `Draft from a customer ${input.channel}${input.from ? ` from ${input.from}` : ''}${subject ? `: ${subject}` : ''}. Not investigated yet.`,
              1000,
            ),
            disputedAmount: '0',
            openedOn: today,
          },
          actor,
        )
        if (!draft.ok) return draft
        dispute = draft.value
        opened = true
      }
      const recorded = await repo.record(
        {
          messageId: input.messageId ?? null,
          disputeId: dispute?.id ?? null,
          customerId: found.customerId,
          direction: 'in',
          channel: input.channel,
          from: input.from ? storableText(input.from, 500) : null,
          to: input.to ? storableText(input.to, 500) : null,
          subject,
          text,
          inReplyTo: input.inReplyTo ?? null,
          references: (input.references ?? []).slice(0, 50),
          openedDraft: opened,
          at: input.at ?? new Date().toISOString(),
          matchedBy: found.matchedBy,
          ...(input.attachments?.length
            ? {
                attachments: input.attachments.slice(0, 50).map((a) => ({
                  ...a,
                  filename: a.filename === null ? null : storableText(a.filename, 255),
                })),
              }
            : {}),
        },
        actor,
      )
      if (!recorded.ok) return recorded
      const { message, duplicate } = recorded.value
      return {
        ok: true,
        value: {
          status: duplicate ? 'duplicate' : opened ? 'draft_opened' : dispute ? 'added' : 'unmatched',
          disputeId: message.disputeId,
          customerId: message.customerId,
          invoiceNumber: found.invoiceNumber,
          matchedBy: found.matchedBy,
          messageId: message.messageId,
          eventSeq: message.eventSeq,
        },
      }
    },

    async reply(input, actor) {
      const dispute = await store.disputes.get(input.disputeId)
      if (!dispute)
        return {
          ok: false,
          error: { code: 'not_found', message: `No dispute ${input.disputeId}.`, field: 'disputeId' },
        }
      const thread = await repo.thread(dispute.id)
      const lastIn = [...thread].reverse().find((m) => m.direction === 'in' && m.channel === 'email')
      const customer = await store.ledger.getCustomer(dispute.customerId)
      const to = addressOf(input.to) ?? addressOf(lastIn?.from) ?? addressOf(customer?.email)
      if (!to)
        return {
          ok: false,
          error: { code: 'invalid_input', message: 'to: no address for this customer; give one', field: 'to' },
        }
      const refs = [
        ...thread.filter((m) => m.channel === 'email' && m.messageId).map((m) => m.messageId as string),
      ].slice(-20)
      const inReplyTo = lastIn?.messageId ?? null
      const base = lastIn?.subject ?? `Invoice ${dispute.invoiceNumber}`
      const subject = storableText(input.subject ?? (/^re:/i.test(base) ? base : `Re: ${base}`), 500)
      const messageId = `<${crypto.randomUUID()}.${dispute.id.toLowerCase()}@${domain}>`
      const recorded = await repo.record(
        {
          messageId,
          disputeId: dispute.id,
          customerId: dispute.customerId,
          direction: 'out',
          channel: 'email',
          from: null,
          to,
          subject,
          text: storableText(input.text),
          inReplyTo,
          references: refs,
          openedDraft: false,
          at: new Date().toISOString(),
          matchedBy: ['dispute'],
        },
        actor,
      )
      if (!recorded.ok) return recorded
      return {
        ok: true,
        value: {
          disputeId: dispute.id,
          messageId,
          to,
          subject,
          inReplyTo,
          references: refs,
          eventSeq: recorded.value.message.eventSeq,
        },
      }
    },

    thread: (disputeId) => repo.thread(disputeId),
  }
}
