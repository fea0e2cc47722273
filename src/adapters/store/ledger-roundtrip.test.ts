import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FULL_LEDGER } from '../../core/testing/full-ledger.ts'
import type { Actor, Store } from '../../services/ports.ts'
import { createStore } from './store.ts'
import { STORE_DRIVERS } from './testing-drivers.ts'

const system: Actor = { id: 'system', name: 'Import', role: 'admin' }

describe.each(STORE_DRIVERS)('a ledger using every field of the contract, imported on %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  beforeEach(async () => {
    const { db } = await open()
    close = () => db.close()
    store = createStore(db)
    const r = await store.imports.importLedger(FULL_LEDGER, system)
    expect(r.ok).toBe(true)
  })
  afterEach(async () => close())

  it('reads back the policy with holidays, holiday calendar and the finance controller limit', async () => {
    expect(await store.ledger.policy()).toEqual(FULL_LEDGER.policy)
    expect(await store.ledger.company()).toEqual(FULL_LEDGER.company)
  })

  it('reads back the fx rates exactly, as decimal strings', async () => {
    expect(await store.ledger.fxRates()).toEqual(FULL_LEDGER.fxRates)
  })

  it('reads back every record as imported, remittance advice included', async () => {
    const l = store.ledger
    const all = { limit: 500 }
    expect(await l.getCustomer('C-1')).toEqual(FULL_LEDGER.customers[0])
    expect(await l.getContract('CT-1')).toEqual(FULL_LEDGER.contracts?.[0])
    expect((await l.purchaseOrders(all)).items).toEqual(FULL_LEDGER.purchaseOrders)
    expect(await l.getInvoice('INV-1')).toMatchObject(FULL_LEDGER.invoices[0] ?? {})
    expect((await l.deliveries(all)).items).toEqual(FULL_LEDGER.deliveries)
    expect((await l.serviceLogs(all)).items).toEqual(FULL_LEDGER.serviceLogs)
    expect((await l.payments(all)).items).toEqual(FULL_LEDGER.payments?.map((p) => ({ ...p, applied: true })))
    expect((await l.creditMemos(all)).items).toEqual(FULL_LEDGER.creditMemos)
    expect((await l.pastDisputes(all)).items).toEqual(FULL_LEDGER.pastDisputes)
  })

  it('leaves everything unchanged when the same ledger is imported again', async () => {
    const again = await store.imports.importLedger(FULL_LEDGER, system)
    expect(again.ok && again.value.inserted).toEqual({})
    expect((await store.ledger.payments({})).items[0]?.remittance).toEqual(FULL_LEDGER.payments?.[0]?.remittance)
  })
})
