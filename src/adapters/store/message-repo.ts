/**
 * Customer messages on every channel (src/services/customer-messages.ts): a row per message, and
 * for a message on a dispute its audit event in the same transaction, so the timeline and the
 * notification outbox see it exactly when it is stored.
 */
import type { Channel, MessageRepository, StoredMessage } from '../../services/customer-messages.ts'
import { appendEvent } from './audit.ts'
import type { Db } from './db.ts'
import { lockDispute } from './dispute-repo.ts'

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
type Row = Record<string, any>

const messageOf = (r: Row): StoredMessage => ({
  id: r.id,
  messageId: r.message_id,
  disputeId: r.dispute_id,
  customerId: r.customer_id,
  direction: r.direction,
  channel: r.channel as Channel,
  from: r.from_address,
  to: r.to_address,
  subject: r.subject,
  text: r.body,
  inReplyTo: r.in_reply_to,
  references: r.refs ?? [],
  eventSeq: r.event_seq == null ? null : Number(r.event_seq),
  openedDraft: r.opened_draft,
  at: new Date(r.at).toISOString(),
})

export function messageRepository(db: Db): MessageRepository {
  return {
    async byMessageId(messageId) {
      const r = await db.query<Row>('SELECT * FROM customer_messages WHERE message_id = $1', [messageId])
      return r.rows[0] ? messageOf(r.rows[0]) : null
    },
    async disputeOfThread(ids) {
      const r = await db.query<{ dispute_id: string }>(
        `SELECT dispute_id FROM customer_messages WHERE message_id = ANY($1::text[]) AND dispute_id IS NOT NULL
         ORDER BY at DESC LIMIT 1`,
        [ids],
      )
      return r.rows[0]?.dispute_id ?? null
    },
    async customersByContact(address) {
      const domain = address.split('@')[1] ?? ''
      const r = await db.query<{ id: string; exact: boolean }>(
        `SELECT id, lower(email) = $1 AS exact FROM customers
         WHERE lower(email) = $1 OR lower(split_part(email, '@', 2)) = $2 ORDER BY id`,
        [address.toLowerCase(), domain.toLowerCase()],
      )
      return { exact: r.rows.filter((x) => x.exact).map((x) => x.id), domain: r.rows.map((x) => x.id) }
    },
    record: (m, actor) =>
      db.transaction(async (tx) => {
        if (m.messageId) {
          const seen = await tx.query<Row>('SELECT * FROM customer_messages WHERE message_id = $1', [m.messageId])
          if (seen.rows[0]) return { ok: true, value: { message: messageOf(seen.rows[0]), duplicate: true } }
        }
        let seq: number | null = null
        if (m.disputeId) {
          const d = await lockDispute(tx, m.disputeId)
          if (!d)
            return {
              ok: false,
              error: { code: 'not_found', message: `No dispute ${m.disputeId}.`, field: 'disputeId' },
            } as const
          const event = await appendEvent(tx, actor, {
            disputeId: m.disputeId,
            type: m.direction === 'in' ? 'dispute.message_received' : 'dispute.message_sent',
            why: m.subject ?? `${m.channel} ${m.direction === 'in' ? 'from' : 'to'} the customer`,
            before: null,
            after: {
              channel: m.channel,
              from: m.from,
              to: m.to,
              subject: m.subject,
              text: m.text,
              messageId: m.messageId,
              inReplyTo: m.inReplyTo,
              references: m.references,
              at: m.at,
              matchedBy: m.matchedBy,
              ...(m.openedDraft ? { openedDraft: true } : {}),
              ...(m.attachments?.length ? { attachments: m.attachments } : {}),
            },
          })
          seq = event.seq
        }
        const r = await tx.query<Row>(
          `INSERT INTO customer_messages (id, message_id, dispute_id, customer_id, direction, channel, from_address,
             to_address, subject, body, in_reply_to, refs, event_seq, opened_draft, at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14, $15) RETURNING *`,
          [
            `MSG-${crypto.randomUUID()}`,
            m.messageId,
            m.disputeId,
            m.customerId,
            m.direction,
            m.channel,
            m.from,
            m.to,
            m.subject,
            m.text,
            m.inReplyTo,
            JSON.stringify(m.references),
            seq,
            m.openedDraft,
            m.at,
          ],
        )
        return { ok: true, value: { message: messageOf(r.rows[0] as Row), duplicate: false } }
      }),
    async thread(disputeId) {
      const r = await db.query<Row>('SELECT * FROM customer_messages WHERE dispute_id = $1 ORDER BY at, id', [
        disputeId,
      ])
      return r.rows.map(messageOf)
    },
  }
}
