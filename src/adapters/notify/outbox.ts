/**
 * The outbox's SQL: the audit events past the cursor with the facts of their disputes, the people
 * and roles behind an audience, and the delivery rows (planned, due, delivered, retried, skipped).
 */
import type { DigestInput, DisputeFacts, EventFacts } from '../../core/notification-rules.ts'
import type { Role } from '../../core/resolution.ts'
import type { Db } from '../store/db.ts'

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
type Row = Record<string, any>

const OPEN = `('open', 'investigating', 'awaiting_customer', 'awaiting_approval', 'escalated')`

const DISPUTE_COLUMNS = `d.id, d.number, d.invoice_number, d.reason_code, d.status, d.owner_id, d.original_disputed, d.currency,
  d.target_date::text AS target_date, c.name AS customer_name`

const factsOf = (r: Row): DisputeFacts => ({
  id: r.id,
  number: r.number == null ? null : Number(r.number),
  invoiceNumber: r.invoice_number,
  customerName: r.customer_name,
  reasonCode: r.reason_code,
  status: r.status,
  ownerId: r.owner_id ?? null,
  amount: String(r.original_disputed),
  currency: r.currency,
  targetDate: r.target_date ?? null,
})

export async function cursor(db: Db, lock = false): Promise<number> {
  const r = await db.query<{ seq: number }>(`SELECT seq FROM notification_cursor${lock ? ' FOR UPDATE' : ''}`)
  return Number(r.rows[0]?.seq ?? 0)
}

export async function moveCursor(tx: Db, seq: number): Promise<void> {
  await tx.query('UPDATE notification_cursor SET seq = $1', [seq])
}

export interface EventWithDispute {
  event: EventFacts
  dispute: DisputeFacts | null
}

export async function eventsAfter(db: Db, seq: number, limit: number): Promise<EventWithDispute[]> {
  const r = await db.query<Row>(
    `SELECT e.seq, e.type, e.dispute_id, e.actor_id, e.actor_name, e.why, e.before, e.after,
       r.requested_by, ${DISPUTE_COLUMNS}
     FROM dispute_events e
     LEFT JOIN disputes d ON d.id = e.dispute_id
     LEFT JOIN customers c ON c.id = d.customer_id
     LEFT JOIN credit_memo_requests r ON r.id = e.after->>'requestId'
     WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`,
    [seq, limit],
  )
  return r.rows.map((x) => ({
    event: {
      seq: Number(x.seq),
      type: x.type,
      disputeId: x.dispute_id,
      actorId: x.actor_id,
      actorName: x.actor_name,
      why: x.why,
      before: x.before,
      after: x.after,
    },
    dispute: x.id ? { ...factsOf(x), requestedBy: x.requested_by ?? null } : null,
  }))
}

/** Open disputes past their target date whose breach of that date was not planned yet. */
export async function newlyOverdue(db: Db, today: string): Promise<DisputeFacts[]> {
  const r = await db.query<Row>(
    `SELECT ${DISPUTE_COLUMNS} FROM disputes d JOIN customers c ON c.id = d.customer_id
     WHERE d.status IN ${OPEN} AND d.target_date < $1::date
       AND NOT EXISTS (SELECT 1 FROM notification_deliveries n
         WHERE n.dispute_id = d.id AND n.kind = 'sla_breached' AND n.key LIKE 'sla:' || d.id || ':' || d.target_date::text || ':%')
     ORDER BY d.target_date, d.id LIMIT 500`,
    [today],
  )
  return r.rows.map(factsOf)
}

export async function digestPlanned(db: Db, today: string): Promise<boolean> {
  const r = await db.query("SELECT 1 FROM notification_deliveries WHERE kind = 'digest' AND key LIKE $1 LIMIT 1", [
    `digest:${today}:%`,
  ])
  return r.rows.length > 0
}

export async function digestInput(db: Db, today: string): Promise<DigestInput> {
  const open = await db.query<Row>(
    `SELECT ${DISPUTE_COLUMNS} FROM disputes d JOIN customers c ON c.id = d.customer_id
     WHERE d.status IN ${OPEN} ORDER BY d.target_date NULLS LAST, d.id`,
  )
  const pending = await db.query<Row>(
    `SELECT r.dispute_id, d.number, r.kind, r.amount, r.currency, coalesce(p.name, r.requested_by) AS requested_by
     FROM credit_memo_requests r JOIN disputes d ON d.id = r.dispute_id LEFT JOIN people p ON p.id = r.requested_by
     WHERE r.status = 'pending' ORDER BY r.requested_at, r.id`,
  )
  return {
    today,
    open: open.rows.map(factsOf),
    awaitingApproval: pending.rows.map((x) => ({
      disputeId: x.dispute_id,
      number: x.number == null ? null : Number(x.number),
      kind: x.kind,
      amount: String(x.amount),
      currency: x.currency,
      requestedBy: x.requested_by,
    })),
  }
}

export interface Recipient {
  /** Who, for the delivery row: an address, or "person:<id>" when the person has none. */
  label: string
  address: string | null
}

export async function personRecipient(db: Db, id: string): Promise<Recipient> {
  const r = await db.query<Row>('SELECT email FROM people WHERE id = $1', [id])
  const email = r.rows[0]?.email ?? null
  return { label: email ?? `person:${id}`, address: email }
}

/** People of these roles with an email address and at least one key that is not revoked. */
export async function roleRecipients(db: Db, roles: readonly Role[]): Promise<Recipient[]> {
  const r = await db.query<Row>(
    `SELECT DISTINCT p.email FROM people p
     WHERE p.role = ANY($1::text[]) AND p.email IS NOT NULL
       AND EXISTS (SELECT 1 FROM api_keys k WHERE k.person_id = p.id AND k.revoked_at IS NULL)
     ORDER BY p.email`,
    [roles],
  )
  return r.rows.map((x) => ({ label: x.email, address: x.email }))
}

export interface DeliveryRow {
  id: string
  key: string
  eventSeq: number | null
  disputeId: string | null
  kind: string
  channel: 'email' | 'webhook'
  recipient: string
  payload: Record<string, unknown>
  status: 'pending' | 'delivered' | 'failed' | 'skipped'
  attempts: number
  lastError: string | null
  /** When it was planned, its last delivery and its next try (ISO instants; the dashboard shows them). */
  createdAt: string
  deliveredAt: string | null
  nextAttemptAt: string
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString())

const deliveryOf = (r: Row): DeliveryRow => ({
  id: r.id,
  key: r.key,
  eventSeq: r.event_seq == null ? null : Number(r.event_seq),
  disputeId: r.dispute_id,
  kind: r.kind,
  channel: r.channel,
  recipient: r.recipient,
  payload: r.payload,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: iso(r.created_at),
  deliveredAt: r.delivered_at == null ? null : iso(r.delivered_at),
  nextAttemptAt: iso(r.next_attempt_at),
})

export type NewDelivery = Omit<DeliveryRow, 'id' | 'attempts' | 'createdAt' | 'deliveredAt' | 'nextAttemptAt'>

export async function insertDeliveries(tx: Db, rows: NewDelivery[], now: Date): Promise<void> {
  for (const d of rows) {
    await tx.query(
      `INSERT INTO notification_deliveries (id, key, event_seq, dispute_id, kind, channel, recipient, payload, status,
         last_error, created_at, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $11) ON CONFLICT (key) DO NOTHING`,
      [
        `NTF-${crypto.randomUUID()}`,
        d.key,
        d.eventSeq,
        d.disputeId,
        d.kind,
        d.channel,
        d.recipient,
        JSON.stringify(d.payload),
        d.status,
        d.lastError,
        now.toISOString(),
      ],
    )
  }
}

export async function dueDeliveries(db: Db, now: Date, limit: number): Promise<DeliveryRow[]> {
  const r = await db.query<Row>(
    `SELECT * FROM notification_deliveries WHERE status = 'pending' AND next_attempt_at <= $1
     ORDER BY next_attempt_at, created_at, id LIMIT $2`,
    [now.toISOString(), limit],
  )
  return r.rows.map(deliveryOf)
}

export async function recordAttempt(
  db: Db,
  id: string,
  outcome: { ok: true; at: Date } | { ok: false; error: string; retryAt: Date | null },
): Promise<void> {
  if (outcome.ok) {
    await db.query(
      `UPDATE notification_deliveries SET status = 'delivered', attempts = attempts + 1, delivered_at = $2 WHERE id = $1`,
      [id, outcome.at.toISOString()],
    )
    return
  }
  await db.query(
    `UPDATE notification_deliveries SET attempts = attempts + 1, last_error = $2,
       status = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
       next_attempt_at = coalesce($3::timestamptz, next_attempt_at) WHERE id = $1`,
    [id, outcome.error.slice(0, 1000), outcome.retryAt?.toISOString() ?? null],
  )
}

export async function listDeliveries(
  db: Db,
  filter: { disputeId?: string; status?: DeliveryRow['status']; limit?: number } = {},
): Promise<DeliveryRow[]> {
  const where: string[] = []
  const params: unknown[] = []
  if (filter.disputeId) where.push(`dispute_id = $${params.push(filter.disputeId)}`)
  if (filter.status) where.push(`status = $${params.push(filter.status)}`)
  const r = await db.query<Row>(
    `SELECT * FROM notification_deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY created_at DESC, key LIMIT $${params.push(Math.min(filter.limit ?? 100, 500))}`,
    params,
  )
  return r.rows.map(deliveryOf)
}

export async function getDelivery(db: Db, id: string): Promise<DeliveryRow | null> {
  const r = await db.query<Row>('SELECT * FROM notification_deliveries WHERE id = $1', [id])
  const row = r.rows[0]
  return row ? deliveryOf(row) : null
}

/** A failed delivery due again now (one more attempt; attempts keep counting). False when it is not failed. */
export async function requeueFailed(db: Db, id: string, now: Date): Promise<boolean> {
  const r = await db.query(
    `UPDATE notification_deliveries SET status = 'pending', next_attempt_at = $2 WHERE id = $1 AND status = 'failed'
     RETURNING id`,
    [id, now.toISOString()],
  )
  return r.rows.length > 0
}
