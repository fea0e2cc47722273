/**
 * Prepared statements for PGlite. `PGlite.query` parses, describes and plans a statement on every
 * call, in six calls into the WebAssembly (Parse, Describe, Bind, Describe, Execute, Sync). A
 * statement sent a second time is prepared here once per database session under a name (Parse and
 * Describe, once), and every later call is one message: Bind, Execute, Sync. PostgreSQL then skips
 * parsing and analysis, and plans once (a generic plan) when that plan costs no more than the custom
 * ones it made for the first five calls: its own rule for named statements.
 *
 * Results are the same as `PGlite.query`'s: the parameters are serialized by the types PostgreSQL
 * inferred (as `query` does after its Describe), the rows decoded by the same parsers.
 */
import { type PGlite, parse, protocol } from '@electric-sql/pglite'

type Messages = Awaited<ReturnType<PGlite['execProtocol']>>['messages']

interface Statement {
  readonly name: string
  readonly paramTypes: readonly number[]
  /** The statement's row description (or noData), put before each call's rows for the decoder. */
  readonly head: Messages
}

/** A statement is prepared the second time it is sent: a one-off (DDL, a migration) costs nothing. */
const PREPARE_AT = 2
/** At most this many per session; later statements run unprepared (texts built with literals). */
const MAX_PREPARED = 400
/** The sighting counts are forgotten past this many texts, so they stay bounded too. */
const MAX_SEEN = 4000

/** SQLSTATE 0A000 with this text: a table the statement reads changed its columns (a migration). */
const RESULT_TYPE_CHANGED = 'cached plan must not change result type'

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** As PGlite's `query` reports a failed statement: the database's error with the query attached. */
function withQuery(err: unknown, sql: string, params: readonly unknown[]): unknown {
  if (err && typeof err === 'object' && 'code' in err) Object.assign(err, { query: sql, params })
  return err
}

class SessionStatements {
  readonly #pg: PGlite
  readonly #prepared = new Map<string, Statement>()
  readonly #seen = new Map<string, number>()
  #next = 0

  constructor(pg: PGlite) {
    this.#pg = pg
  }

  get size(): number {
    return this.#prepared.size
  }

  /**
   * The rows of `sql` run as a prepared statement, or undefined when it is not (yet) worth
   * preparing: the caller runs it the usual way. `inTransaction`: PGlite's own transaction is open
   * (the statement joins it; the folder is synced at its end, not after each statement).
   */
  async query<T>(sql: string, params: readonly unknown[], inTransaction: boolean): Promise<T[] | undefined> {
    let statement = this.#prepared.get(sql)
    if (!statement) {
      if (this.#prepared.size >= MAX_PREPARED) return undefined
      const seen = (this.#seen.get(sql) ?? 0) + 1
      if (seen < PREPARE_AT) {
        if (this.#seen.size >= MAX_SEEN) this.#seen.clear()
        this.#seen.set(sql, seen)
        return undefined
      }
      this.#seen.delete(sql)
      statement = await this.#prepare(sql, params, inTransaction)
    }
    try {
      return await this.#run<T>(statement, params, inTransaction)
    } catch (err) {
      if ((err as Error).message?.includes(RESULT_TYPE_CHANGED)) {
        // Planned against the old columns: drop it, and prepare it afresh when it is sent again.
        await this.#close(statement, inTransaction)
        if (!inTransaction) return undefined
      }
      throw withQuery(err, sql, params)
    }
  }

  /**
   * After a schema change by this session (a migration's `exec`, an ALTER sent as a statement):
   * every statement is prepared afresh, so none fails for a table whose columns changed.
   */
  async forgetAll(inTransaction: boolean): Promise<void> {
    if (!this.#prepared.size) return
    const names = [...this.#prepared.values()].map((s) => s.name)
    this.#prepared.clear()
    await this.#exec(
      concat([...names.map((name) => protocol.serialize.close({ type: 'S', name })), protocol.serialize.sync()]),
      inTransaction,
    )
  }

  async #prepare(sql: string, params: readonly unknown[], inTransaction: boolean): Promise<Statement> {
    const name = `dd_${(this.#next++).toString(36)}`
    let messages: Messages
    try {
      messages = await this.#exec(
        concat([
          protocol.serialize.parse({ name, text: sql }),
          protocol.serialize.describe({ type: 'S', name }),
          protocol.serialize.sync(),
        ]),
        inTransaction,
      )
    } catch (err) {
      throw withQuery(err, sql, params)
    }
    let paramTypes: number[] = []
    const head: Messages = []
    for (const m of messages) {
      if (m.name === 'parameterDescription') paramTypes = (m as unknown as { dataTypeIDs: number[] }).dataTypeIDs
      else if (m.name === 'rowDescription' || m.name === 'noData') head.push(m)
    }
    const statement: Statement = { name, paramTypes, head }
    this.#prepared.set(sql, statement)
    return statement
  }

  async #run<T>(statement: Statement, params: readonly unknown[], inTransaction: boolean): Promise<T[]> {
    const serializers = this.#pg.serializers
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null
      const serialize = serializers[statement.paramTypes[i] ?? 0]
      return serialize ? serialize(value) : String(value)
    })
    const messages = await this.#exec(
      concat([
        protocol.serialize.bind({ statement: statement.name, values }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ]),
      inTransaction,
    )
    const [result] = parse.parseResults([...statement.head, ...messages], this.#pg.parsers)
    return (result?.rows ?? []) as T[]
  }

  async #close(statement: Statement, inTransaction: boolean): Promise<void> {
    for (const [sql, s] of this.#prepared) if (s === statement) this.#prepared.delete(sql)
    await this.#exec(
      concat([protocol.serialize.close({ type: 'S', name: statement.name }), protocol.serialize.sync()]),
      inTransaction,
    ).catch(() => {})
  }

  #exec(message: Uint8Array, inTransaction: boolean): Promise<Messages> {
    // The query lock only: a PGlite transaction holds the other one while its statements run.
    return this.#pg.runExclusive(
      async () => (await this.#pg.execProtocol(message, { syncToFs: !inTransaction })).messages,
    )
  }
}

const sessions = new WeakMap<PGlite, SessionStatements>()

/** The prepared statements of one PGlite instance (one session), shared by every wrapper of it. */
export function sessionStatements(pg: PGlite): SessionStatements {
  let s = sessions.get(pg)
  if (!s) {
    s = new SessionStatements(pg)
    sessions.set(pg, s)
  }
  return s
}
