/**
 * The audit chain's external anchor: an append-only text file outside the database (in the data
 * folder, for PGlite and for `pg` alike) that holds what the chain must contain. Someone who can
 * write the database (triggers off) can rewrite the chain and its head consistently; they cannot
 * make it agree with this file as well.
 *
 * Two kinds of line, `P seq hash` and `C seq hash`:
 * - P (announced) is written by appendEvent before its transaction commits: every event this
 *   application wrote was announced, so an event in the database beyond the last C that no P line
 *   names was forged (or rehashed) outside the application;
 * - C (confirmed) is written after the commit, for the transaction's last event: the chain must
 *   still hold that event with that hash, so truncating the tail, rolling the head back or
 *   rehashing after an edit are found.
 * A crash between the commit and the C line leaves events that only a P line names: allowed, as a
 * rolled-back transaction leaves a P line that nothing in the database matches.
 * Protect the file like a log you keep for auditors: ship it to WORM storage or another host.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import type { AnchorLink, Db } from './db.ts'

export interface Head {
  seq: number
  hash: string
}

export interface AnchorState {
  /** The highest confirmed event, or null before the first write. */
  confirmed: Head | null
  /** Hashes announced for each seq above the confirmed one. */
  announced: ReadonlyMap<number, ReadonlySet<string>>
}

export interface AuditAnchor {
  readonly path: string | null
  announce(seq: number, hash: string): void
  confirm(seq: number, hash: string): void
  /** This process's view: everything it wrote or read at start-up. */
  state(): AnchorState
  /** Re-reads the file (another process sharing the folder may have appended). */
  reload(): AnchorState
  close(): void
}

class AnchorLog implements AuditAnchor {
  #confirmed: Head | null = null
  #announced = new Map<number, Set<string>>()
  #fd: number | null = null

  constructor(readonly path: string | null) {
    if (path) {
      mkdirSync(dirname(path), { recursive: true })
      this.reload()
    }
  }

  #apply(kind: string, seq: number, hash: string): void {
    if (kind === 'P') {
      if (this.#confirmed && seq <= this.#confirmed.seq) return
      const set = this.#announced.get(seq) ?? new Set<string>()
      set.add(hash)
      this.#announced.set(seq, set)
    } else if (kind === 'C' && (!this.#confirmed || seq >= this.#confirmed.seq)) {
      this.#confirmed = { seq, hash }
      for (const s of this.#announced.keys()) if (s <= seq) this.#announced.delete(s)
    }
  }

  #write(line: string): void {
    if (!this.path) return
    this.#fd ??= openSync(this.path, 'a')
    // One small write on an O_APPEND descriptor: lines from two processes never interleave.
    writeSync(this.#fd, line)
  }

  announce(seq: number, hash: string): void {
    this.#write(`P ${seq} ${hash}\n`)
    this.#apply('P', seq, hash)
  }

  confirm(seq: number, hash: string): void {
    this.#write(`C ${seq} ${hash}\n`)
    this.#apply('C', seq, hash)
  }

  state(): AnchorState {
    return { confirmed: this.#confirmed, announced: this.#announced }
  }

  reload(): AnchorState {
    if (!this.path || !existsSync(this.path)) return this.state()
    for (const line of readFileSync(this.path, 'utf8').split('\n')) {
      const m = /^([PC]) (\d+) ([0-9a-f]{64})$/.exec(line)
      if (m) this.#apply(m[1] as string, Number(m[2]), m[3] as string)
    }
    return this.state()
  }

  close(): void {
    if (this.#fd !== null) closeSync(this.#fd)
    this.#fd = null
  }
}

export const fileAnchor = (path: string): AuditAnchor => new AnchorLog(path)
/** For an in-memory database: the anchor lives as long as the process, like the data. */
export const memoryAnchor = (): AuditAnchor => new AnchorLog(null)

/**
 * Wraps a Db so appendEvent can announce to the anchor, and each transaction that appended events
 * confirms its last one once it has committed.
 */
export function withAnchor(db: Db, log: AuditAnchor): Db {
  const inTx = (tx: Db, pending: { last: Head | null }): Db => {
    const self: Db = {
      ...tx,
      anchor: {
        log,
        announce(seq, hash) {
          log.announce(seq, hash)
          pending.last = { seq, hash }
        },
      },
      transaction: (fn) => fn(self),
    }
    return self
  }
  // Outside a transaction each statement commits on its own: announce and confirm at once.
  const autocommit: AnchorLink = {
    log,
    announce(seq, hash) {
      log.announce(seq, hash)
      log.confirm(seq, hash)
    },
  }
  return {
    ...db,
    anchor: autocommit,
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const pending: { last: Head | null } = { last: null }
      const out = await db.transaction((tx) => fn(inTx(tx, pending)))
      if (pending.last) log.confirm(pending.last.seq, pending.last.hash)
      return out
    },
    async close() {
      await db.close()
      log.close()
    },
  }
}

/**
 * Anchors a chain that has none yet (a data folder from before anchoring, or a new one): its
 * current head is trusted on first use. Verification from then on holds the chain to it.
 */
export async function adoptHead(db: Db): Promise<void> {
  const log = db.anchor?.log
  if (!log || log.state().confirmed) return
  const r = await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head')
  const head = r.rows[0]
  if (head) log.confirm(head.seq, head.hash)
}
