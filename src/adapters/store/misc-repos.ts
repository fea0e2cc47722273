/** API keys (stored hashed) and the people they belong to, conversations and eval runs: the small repositories. */
import type {
  Actor,
  ApiKeyListing,
  ApiKeyRecord,
  ApiKeyRepository,
  ConversationRepository,
  EvalRunRecord,
  EvalRunRepository,
  Person,
} from '../../services/ports.ts'
import { sha256Hex } from './audit.ts'
import type { Db } from './db.ts'
import { pageArgs } from './rows.ts'

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
type Row = Record<string, any>

const KEY_PREFIX = 'ddk_'
/** What a list shows of a key: "ddk_" and 6 hex digits, enough to tell a team's keys apart. */
const SHOWN_PREFIX_LENGTH = KEY_PREFIX.length + 6

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24))
  return KEY_PREFIX + [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
}

const iso = (v: unknown): string | null => (v == null ? null : new Date(v as string).toISOString())

const keyOf = (r: Row): ApiKeyRecord => ({
  id: r.id,
  personId: r.person_id,
  name: r.name,
  role: r.role,
  readOnly: r.read_only,
  customerId: r.customer_id ?? null,
})

const listingOf = (r: Row): ApiKeyListing => ({
  ...keyOf(r),
  email: r.email ?? null,
  prefix: r.prefix,
  createdAt: iso(r.created_at) as string,
  lastUsedAt: iso(r.last_used_at),
  revokedAt: iso(r.revoked_at),
})

const personOf = (r: Row): Person => ({
  id: r.id,
  name: r.name,
  email: r.email ?? null,
  role: r.role,
  customerId: r.customer_id ?? null,
})

const KEYS_WITH_PEOPLE = `SELECT k.id, k.person_id, k.read_only, k.prefix, k.created_at, k.last_used_at, k.revoked_at,
  p.name, p.email, p.role, p.customer_id FROM api_keys k JOIN people p ON p.id = k.person_id`

export function apiKeyRepository(db: Db): ApiKeyRepository {
  const get = async (tx: Db, id: string) => {
    const r = await tx.query<Row>(`${KEYS_WITH_PEOPLE} WHERE k.id = $1`, [id])
    return r.rows[0] ? listingOf(r.rows[0]) : null
  }
  return {
    async create(input) {
      const key = randomKey()
      const id = `key-${crypto.randomUUID()}`
      await db.transaction(async (tx) => {
        let personId = input.personId
        if (!personId) {
          // An email names one person: a second key for it joins them (a race included).
          const p = await tx.query<Row>(
            input.email
              ? `INSERT INTO people (id, name, email, role, customer_id) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (lower(email)) WHERE email IS NOT NULL DO UPDATE SET email = people.email RETURNING id`
              : 'INSERT INTO people (id, name, email, role, customer_id) VALUES ($1, $2, $3, $4, $5) RETURNING id',
            [`person-${crypto.randomUUID()}`, input.name, input.email ?? null, input.role, input.customerId ?? null],
          )
          personId = p.rows[0]?.id as string
        }
        await tx.query(
          'INSERT INTO api_keys (id, person_id, read_only, key_hash, prefix) VALUES ($1, $2, $3, $4, $5)',
          [id, personId, input.readOnly ?? false, await sha256Hex(key), key.slice(0, SHOWN_PREFIX_LENGTH)],
        )
      })
      const r = await db.query<Row>(`${KEYS_WITH_PEOPLE} WHERE k.id = $1`, [id])
      if (!r.rows[0]) throw new Error(`key ${id} vanished after insert`)
      return { key, record: keyOf(r.rows[0]) }
    },
    async verify(key) {
      // Last use is noted at most once a minute, so a busy key does not write on every request.
      const r = await db.query<Row>(
        `WITH k AS (${KEYS_WITH_PEOPLE} WHERE k.key_hash = $1 AND k.revoked_at IS NULL),
         touched AS (UPDATE api_keys SET last_used_at = now() WHERE id IN (SELECT id FROM k)
           AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute'))
         SELECT * FROM k`,
        [await sha256Hex(key)],
      )
      return r.rows[0] ? keyOf(r.rows[0]) : null
    },
    async count() {
      const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_keys WHERE revoked_at IS NULL')
      return r.rows[0]?.n ?? 0
    },
    async findPerson(q) {
      if (q.email) {
        const r = await db.query<Row>('SELECT * FROM people WHERE lower(email) = lower($1)', [q.email])
        return r.rows[0] ? personOf(r.rows[0]) : null
      }
      const r = await db.query<Row>('SELECT * FROM people WHERE lower(name) = lower($1) LIMIT 2', [q.name.trim()])
      return r.rows.length === 1 ? personOf(r.rows[0] as Row) : null
    },
    async list(filter = {}) {
      const r = await db.query<Row>(
        `${KEYS_WITH_PEOPLE} ${filter.includeRevoked ? '' : 'WHERE k.revoked_at IS NULL'} ORDER BY k.created_at, k.id`,
      )
      return r.rows.map(listingOf)
    },
    async get(idOrPrefix) {
      const byId = await get(db, idOrPrefix)
      if (byId || !idOrPrefix.startsWith(KEY_PREFIX)) return byId
      const r = await db.query<Row>(`${KEYS_WITH_PEOPLE} WHERE k.prefix = $1 LIMIT 2`, [idOrPrefix.replace(/…$/, '')])
      return r.rows.length === 1 ? listingOf(r.rows[0] as Row) : null
    },
    revoke: (id, options = {}) =>
      db.transaction(async (tx) => {
        const key = await get(tx, id)
        if (!key) return { ok: false, error: { code: 'not_found', message: `No API key ${id}.`, field: 'id' } }
        if (key.revokedAt) return { ok: true, value: key }
        if (options.keepLastOf === key.personId) {
          // Locks the person's keys, so two concurrent revocations cannot both pass this check.
          const active = await tx.query<Row>(
            'SELECT id FROM api_keys WHERE person_id = $1 AND revoked_at IS NULL FOR UPDATE',
            [key.personId],
          )
          if (active.rows.length <= 1) {
            return {
              ok: false,
              error: {
                code: 'last_key',
                message: `${key.id} is ${key.name}'s last key; create another one first, or ask someone else to revoke it.`,
                field: 'id',
              },
            }
          }
        }
        await tx.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [key.id])
        return { ok: true, value: (await get(tx, key.id)) as ApiKeyListing }
      }),
  }
}

export function conversationRepository(db: Db): ConversationRepository {
  return {
    async load(sessionId) {
      const c = await db.query<Row>('SELECT * FROM conversations WHERE session_id = $1', [sessionId])
      const row = c.rows[0]
      if (!row) return null
      const m = await db.query<Row>(
        'SELECT role, content, at FROM conversation_messages WHERE session_id = $1 ORDER BY position',
        [sessionId],
      )
      return {
        sessionId,
        state: row.state,
        messages: m.rows.map((r) => ({ role: r.role, content: r.content, at: r.at })),
      }
    },
    async save(sessionId, state, newMessages, actor: Actor) {
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO conversations (session_id, state, actor_id) VALUES ($1, $2::jsonb, $3)
           ON CONFLICT (session_id) DO UPDATE SET state = $2::jsonb, updated_at = now()`,
          [sessionId, JSON.stringify(state ?? null), actor.id],
        )
        if (!newMessages.length) return
        // One statement for the turn's messages, numbered after the last: a statement of its own, so it
        // reads the messages a concurrent save committed while this one waited on the conversation's row.
        await tx.query(
          `INSERT INTO conversation_messages (session_id, position, role, content, at)
           SELECT $1, (SELECT COALESCE(max(position), -1) FROM conversation_messages WHERE session_id = $1) + m.n, m.role, m.content, m.at
           FROM unnest($2::text[], $3::text[], $4::timestamptz[]) WITH ORDINALITY AS m(role, content, at, n)`,
          [sessionId, newMessages.map((m) => m.role), newMessages.map((m) => m.content), newMessages.map((m) => m.at)],
        )
      })
    },
    async open(sessionId, ownerKeyId, actor) {
      await db.query(
        'INSERT INTO conversations (session_id, state, actor_id, owner_key_id) VALUES ($1, NULL, $2, $3)',
        [sessionId, actor.id, ownerKeyId],
      )
    },
    async ownerOf(sessionId) {
      const r = await db.query<Row>('SELECT owner_key_id FROM conversations WHERE session_id = $1', [sessionId])
      return r.rows[0] ? (r.rows[0].owner_key_id ?? '') : null
    },
  }
}

const runOf = (r: Row): EvalRunRecord => ({
  id: r.id,
  startedAt: r.started_at,
  engine: r.engine,
  commit: r.commit,
  report: r.report,
  passRate: Number(r.pass_rate),
})

export function evalRunRepository(db: Db): EvalRunRepository {
  return {
    async save(run) {
      const r = await db.query<Row>(
        'INSERT INTO eval_runs (id, started_at, engine, commit, report, pass_rate) VALUES ($1, $2, $3, $4, $5::jsonb, $6) RETURNING *',
        [`run-${crypto.randomUUID()}`, run.startedAt, run.engine, run.commit, JSON.stringify(run.report), run.passRate],
      )
      return runOf(r.rows[0] as Row)
    },
    async list(page = {}) {
      const { limit, offset } = pageArgs(page)
      const n = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM eval_runs')
      const r = await db.query<Row>('SELECT * FROM eval_runs ORDER BY started_at DESC, id LIMIT $1 OFFSET $2', [
        limit,
        offset,
      ])
      return { items: r.rows.map(runOf), total: n.rows[0]?.n ?? 0, limit, offset }
    },
    async get(id) {
      const r = await db.query<Row>('SELECT * FROM eval_runs WHERE id = $1', [id])
      return r.rows[0] ? runOf(r.rows[0]) : null
    },
  }
}
