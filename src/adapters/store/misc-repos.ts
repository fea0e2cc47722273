/** API keys (stored hashed), conversations and eval runs: the small repositories. */
import type {
  Actor,
  ApiKeyRecord,
  ApiKeyRepository,
  ConversationRepository,
  EvalRunRecord,
  EvalRunRepository,
} from '../../services/ports.ts'
import { sha256Hex } from './audit.ts'
import type { Db } from './db.ts'
import { pageArgs } from './rows.ts'

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
type Row = Record<string, any>

const KEY_PREFIX = 'ddk_'

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24))
  return KEY_PREFIX + [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
}

const keyOf = (r: Row): ApiKeyRecord => ({ id: r.id, name: r.name, role: r.role, readOnly: r.read_only })

export function apiKeyRepository(db: Db): ApiKeyRepository {
  return {
    async create(input) {
      const key = randomKey()
      const r = await db.query<Row>(
        'INSERT INTO api_keys (id, name, role, read_only, key_hash, prefix) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
        [
          `key-${crypto.randomUUID()}`,
          input.name,
          input.role,
          input.readOnly ?? false,
          await sha256Hex(key),
          key.slice(0, KEY_PREFIX.length + 6),
        ],
      )
      return { key, record: keyOf(r.rows[0] as Row) }
    },
    async verify(key) {
      const r = await db.query<Row>('SELECT * FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL', [
        await sha256Hex(key),
      ])
      return r.rows[0] ? keyOf(r.rows[0]) : null
    },
    async count() {
      const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_keys WHERE revoked_at IS NULL')
      return r.rows[0]?.n ?? 0
    },
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
        const last = await tx.query<{ n: number }>(
          'SELECT COALESCE(max(position), -1)::int AS n FROM conversation_messages WHERE session_id = $1',
          [sessionId],
        )
        let pos = (last.rows[0]?.n ?? -1) + 1
        for (const msg of newMessages) {
          await tx.query(
            'INSERT INTO conversation_messages (session_id, position, role, content, at) VALUES ($1, $2, $3, $4, $5)',
            [sessionId, pos++, msg.role, msg.content, msg.at],
          )
        }
      })
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
