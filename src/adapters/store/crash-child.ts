/**
 * The crash test's child: opens the data folder named in argv, checks that every id the parent saw
 * committed before is there and the audit chain verifies (prints CHECK ...), then writes disputes
 * and events in a loop, printing each dispute id after its commit, until it is killed.
 */
import { readFileSync } from 'node:fs'
import type { Actor } from '../../services/ports.ts'
import { openDb } from './open-db.ts'
import { createStore } from './store.ts'

const [dataDir, idsFile] = process.argv.slice(2)
if (!dataDir || !idsFile) throw new Error('usage: crash-child DATA_DIR IDS_FILE')
const actor: Actor = { id: 'crash', name: 'crash test', role: 'specialist' }

const db = await openDb({ dataDir })
const store = createStore(db)
if (!(await store.ledger.getInvoice('INV-C1'))) {
  const r = await store.imports.importLedger(
    {
      format: 'dispute-desk.ledger/v1',
      customers: [{ id: 'C-C1', name: 'Crash Co' }],
      invoices: [
        {
          number: 'INV-C1',
          customerId: 'C-C1',
          issueDate: '2026-01-01',
          dueDate: '2026-01-31',
          currency: 'USD',
          lines: [{ line: 1, sku: 'X', quantity: 1, unitPrice: '1000.00' }],
        },
      ],
    },
    actor,
  )
  if (!r.ok) throw new Error(r.error.message)
}
const expected = readFileSync(idsFile, 'utf8').split('\n').filter(Boolean)
const found = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM disputes WHERE id = ANY($1)', [expected])
const chain = await store.disputes.verifyChain()
console.log(
  `CHECK ${found.rows[0]?.n}/${expected.length} ${chain.ok ? `chain-ok ${chain.events}` : `chain-broken ${chain.reason}`}`,
)

for (let i = 0; ; i++) {
  const d = await store.disputes.open(
    {
      invoiceNumber: 'INV-C1',
      reasonCode: 'other',
      description: `crash loop ${i}`,
      disputedAmount: '1.00',
      openedOn: '2026-02-01',
    },
    actor,
  )
  if (!d.ok) throw new Error(d.error.message)
  console.log(`D ${d.value.id}`)
  await store.disputes.note(d.value.id, `note ${i}`, actor)
  await store.disputes.transition(d.value.id, 'investigating', actor, 'looking')
}
