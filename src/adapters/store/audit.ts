/**
 * The audit trail: an append-only chain where each event's hash = sha256(prevHash + canonical JSON
 * of the event). Appends lock the chain head, so events of concurrent transactions chain in commit
 * order; a database trigger refuses UPDATE and DELETE, and audit-verify.ts finds what a writer with
 * the triggers off could still do. Web Crypto keeps it portable (Workers too).
 */
import type { Role } from '../../core/resolution.ts'
import type { Actor, DisputeEvent } from '../../services/ports.ts'
import type { Db } from './db.ts'
import { storedForm } from './stored-text.ts'

/** JSON with object keys sorted at every depth, undefined dropped: one text per value. */
export function canonicalJson(value: unknown): string {
  const plain = value === undefined ? null : JSON.parse(JSON.stringify(value))
  const walk = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(walk).join(',')}]`
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>
      return `{${Object.keys(o)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${walk(o[k])}`)
        .join(',')}}`
    }
    return JSON.stringify(v)
  }
  return walk(plain)
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

export interface NewEvent {
  disputeId: string | null
  type: string
  why?: string | null
  before?: unknown
  after?: unknown
}

export type HashedEvent = Omit<DisputeEvent, 'hash' | 'prevHash'> & { actorName: string }

/** The hashed content of an event: everything but the hash itself. */
function hashedContent(e: HashedEvent): unknown {
  return {
    seq: e.seq,
    disputeId: e.disputeId,
    at: e.at,
    actorId: e.actorId,
    actorName: e.actorName,
    actorRole: e.actorRole,
    type: e.type,
    why: e.why,
    before: e.before,
    after: e.after,
  }
}

export const eventHash = (prevHash: string, e: HashedEvent) => sha256Hex(prevHash + canonicalJson(hashedContent(e)))

/**
 * Appends one event; call it inside the transaction that makes the change it records. Text is
 * hashed in the form the database will give back (storedForm), and the event is announced to the
 * external anchor before the commit.
 */
export async function appendEvent(tx: Db, actor: Actor, e: NewEvent): Promise<DisputeEvent> {
  const head = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head FOR UPDATE')
  const prev = head.rows[0]
  if (!prev) throw new Error('audit_head row missing: migrations did not run')
  // JSON round trip now, so the hashed values are exactly what jsonb gives back later.
  const norm = (v: unknown) => storedForm(v === undefined ? null : JSON.parse(JSON.stringify(v)))
  const text = (v: string) => storedForm(v) as string
  const event = {
    seq: prev.seq + 1,
    disputeId: e.disputeId,
    at: new Date().toISOString(),
    actorId: text(actor.id),
    actorName: text(actor.name),
    actorRole: actor.role,
    type: e.type,
    why: e.why == null ? null : text(e.why),
    before: norm(e.before),
    after: norm(e.after),
    prevHash: prev.hash,
  }
  const hash = await eventHash(prev.hash, event)
  await tx.query(
    `INSERT INTO dispute_events (seq, dispute_id, at, actor_id, actor_name, actor_role, type, why, before, after, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12)`,
    [
      event.seq,
      event.disputeId,
      event.at,
      event.actorId,
      event.actorName,
      event.actorRole,
      event.type,
      event.why,
      JSON.stringify(event.before),
      JSON.stringify(event.after),
      event.prevHash,
      hash,
    ],
  )
  await tx.query('UPDATE audit_head SET seq = $1, hash = $2', [event.seq, hash])
  tx.anchor?.announce(event.seq, hash)
  return { ...event, hash }
}

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
export const eventOf = (r: Record<string, any>): DisputeEvent => ({
  seq: r.seq,
  disputeId: r.dispute_id,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  actorRole: r.actor_role as Role,
  type: r.type,
  why: r.why,
  before: r.before,
  after: r.after,
  prevHash: r.prev_hash,
  hash: r.hash,
})
