/**
 * Approval limits are in the company currency (DOMAIN.md "Currencies"): a credit on an invoice in
 * another currency is converted at the ledger's rate on or before the invoice date before it is
 * compared, and without a rate only a finance controller can approve it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import type { Actor, Store } from '../../services/ports.ts'
import type { Db } from './db.ts'
import { createStore } from './store.ts'
import { STORE_DRIVERS } from './testing-drivers.ts'
import { investigatedDispute } from './testing-disputes.ts'

const system: Actor = { id: 'system', name: 'Import', role: 'admin' }
const ana: Actor = { id: 'u-ana', name: 'Ana', role: 'specialist' }

function yenLedger(withRate: boolean): Ledger {
  return {
    format: 'dispute-desk.ledger/v1',
    company: { name: 'Meridian', currency: 'USD' },
    ...(withRate ? { fxRates: [{ currency: 'JPY', date: '2026-01-01', rate: '0.0067' }] } : {}),
    customers: [{ id: 'C-J', name: 'Sakura Trading' }],
    contracts: [
      {
        id: 'CT-J',
        customerId: 'C-J',
        startDate: '2025-01-01',
        currency: 'JPY',
        paymentTermsDays: 30,
        prices: [{ sku: 'PUMP', unitPrice: '100000' }],
      },
    ],
    invoices: [
      {
        number: 'INV-J1',
        customerId: 'C-J',
        contractId: 'CT-J',
        issueDate: '2026-02-01',
        dueDate: '2026-03-03',
        currency: 'JPY',
        lines: [{ line: 1, sku: 'PUMP', quantity: 20, unitPrice: '150000' }],
      },
    ],
  }
}

describe.each(STORE_DRIVERS)('approval limits in the company currency, on %s', (_name, open) => {
  let db: Db
  let store: Store
  beforeEach(async () => {
    db = (await open()).db
    store = createStore(db)
  })
  afterEach(async () => {
    await db.close()
  })

  it('asks a lead, not a finance controller, for ¥1,000,000 worth 6,700.00 USD', async () => {
    expect((await store.imports.importLedger(yenLedger(true), system)).ok).toBe(true)
    const d = await investigatedDispute(
      store,
      { invoiceNumber: 'INV-J1', reasonCode: 'pricing_error' },
      ana,
      '2026-03-15',
    )
    const r = await store.creditMemos.request(
      { disputeId: d.id, reason: 'contract price', kind: 'credit_memo', amount: '1000000' },
      ana,
    )
    expect(r.ok && r.value.requiredRole).toBe('lead')
  })

  it('asks a finance controller when the ledger has no rate to convert with', async () => {
    expect((await store.imports.importLedger(yenLedger(false), system)).ok).toBe(true)
    const d = await investigatedDispute(
      store,
      { invoiceNumber: 'INV-J1', reasonCode: 'pricing_error' },
      ana,
      '2026-03-15',
    )
    const r = await store.creditMemos.request(
      { disputeId: d.id, reason: 'contract price', kind: 'credit_memo', amount: '1000' },
      ana,
    )
    expect(r.ok && r.value.requiredRole).toBe('finance_controller')
  })
})
