import { describe, expect, it } from 'vitest'
import { createStore } from '../src/adapters/store/store.ts'
import { memoryDb } from '../src/adapters/store/testing.ts'
import { investigatedDispute } from '../src/adapters/store/testing-disputes.ts'
import type { Actor } from '../src/services/ports.ts'
import { exampleLedger } from '../src/testing/example-ledger.ts'
import { snapshotDb } from './db-snapshot.ts'

const actor: Actor = { id: 'snap', name: 'Snap', role: 'specialist' }

/** Every table's rows, as text, so two states compare whole. */
async function contents(db: Awaited<ReturnType<typeof memoryDb>>, tables: string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {}
  for (const t of tables) {
    const rows = await db.query<{ r: string }>(`SELECT row_to_json(x)::text AS r FROM public."${t}" x`)
    out[t] = rows.rows.map((r) => r.r).sort()
  }
  return out
}

describe('snapshotDb', () => {
  it('puts every table back as it was after the import, audit trail included, case after case', async () => {
    const db = await memoryDb()
    const store = createStore(db)
    const imported = await store.imports.importLedger(exampleLedger(), actor)
    expect(imported.ok).toBe(true)
    const snapshot = await snapshotDb(db)
    const before = await contents(db, snapshot.tables)

    await investigatedDispute(store, { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error' }, actor)
    expect(await contents(db, snapshot.tables)).not.toEqual(before)

    await snapshot.restore()
    expect(await contents(db, snapshot.tables)).toEqual(before)
    // A second case on the restored database starts from the same state again.
    await investigatedDispute(store, { invoiceNumber: 'INV-1002', reasonCode: 'pricing_error' }, actor)
    await snapshot.restore()
    expect(await contents(db, snapshot.tables)).toEqual(before)
  })
  it('refills only the tables written since, and every table when another snapshot was restored between', async () => {
    const db = await memoryDb()
    const store = createStore(db)
    expect((await store.imports.importLedger(exampleLedger(), actor)).ok).toBe(true)
    const imported = await snapshotDb(db)
    const atImport = await contents(db, imported.tables)
    await investigatedDispute(store, { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error' }, actor)
    const withDispute = await snapshotDb(db)
    const afterDispute = await contents(db, withDispute.tables)
    expect(afterDispute).not.toEqual(atImport)

    await imported.restore()
    expect(await contents(db, imported.tables)).toEqual(atImport)
    await investigatedDispute(store, { invoiceNumber: 'INV-1002', reasonCode: 'pricing_error' }, actor)
    await withDispute.restore()
    expect(await contents(db, withDispute.tables)).toEqual(afterDispute)
    await investigatedDispute(store, { invoiceNumber: 'INV-1002', reasonCode: 'pricing_error' }, actor)
    const written = async () =>
      (await db.query<{ name: string }>('SELECT name FROM evals_kept.written')).rows.map((r) => r.name)
    expect(await written()).toContain('disputes')
    expect(await written()).not.toContain('invoices')
    await withDispute.restore()
    expect(await written()).toEqual([])
    expect(await contents(db, withDispute.tables)).toEqual(afterDispute)
    await imported.restore()
    expect(await contents(db, imported.tables)).toEqual(atImport)
  })
  it("leaves the product's triggers and keys on after a restore (check)", async () => {
    const db = await memoryDb()
    const store = createStore(db)
    expect((await store.imports.importLedger(exampleLedger(), actor)).ok).toBe(true)
    const snapshot = await snapshotDb(db)
    await investigatedDispute(store, { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error' }, actor)
    await snapshot.restore()
    await investigatedDispute(store, { invoiceNumber: 'INV-1002', reasonCode: 'pricing_error' }, actor)
    // The audit trail is append-only, and a dispute names an invoice the ledger holds, as in the product.
    await expect(db.query('UPDATE dispute_events SET at = at')).rejects.toThrow(/append-only/)
    await expect(
      db.query("UPDATE disputes SET invoice_number = 'NO-SUCH-INVOICE' WHERE invoice_number = 'INV-1002'"),
    ).rejects.toThrow(/foreign key/i)
    // The restore never sets session_replication_role, which would flush every cached plan of the session.
    const role = await db.query<{ r: string }>('SELECT current_setting($1) AS r', ['session_replication_role'])
    expect(role.rows[0]?.r).toBe('origin')
  })
})
