/**
 * list_deductions and open_deductions through callTool, the path every adapter uses, on the real
 * store: a short payment recorded after start-up is listed without a dispute until the tool opens it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../src/core/ledger.ts'
import { createTestApp, type TestApp } from '../src/testing/test-app.ts'
import { callByName, SPECIALIST, toolContext } from './testing.ts'

let t: TestApp
const ctx = (readOnly = false) => toolContext(t, readOnly)

// A remittance advice recorded after start-up: 22.00 held back from INV-5001, its late fee.
const shortPayment: Ledger = {
  format: 'dispute-desk.ledger/v1',
  customers: [],
  invoices: [],
  payments: [
    {
      id: 'P-5002',
      customerId: 'C-500',
      invoiceNumber: 'INV-5001',
      amount: '0.00',
      currency: 'USD',
      date: '2026-03-01',
      reference: 'WF-0301',
      remittance: [{ invoiceNumber: 'INV-5001', paid: '0.00', deducted: '22.00', reasonText: 'LATE FEE NOT AGREED' }],
    },
  ],
}

beforeAll(async () => {
  t = await createTestApp()
  const r = await t.runtime.store.imports.importLedger(shortPayment, SPECIALIST)
  if (!r.ok) throw new Error(r.error.message)
}, 60_000)
afterAll(() => t?.close())

const call = (name: string, input: unknown, c = ctx()) => callByName(name, input, c)

describe('the deduction tools', () => {
  it('list_deductions shows a deduction without a dispute until one is opened', async () => {
    const r = await call('list_deductions', { opened: false })
    expect(r).toMatchObject({
      ok: true,
      value: {
        total: 1,
        items: [{ paymentId: 'P-5002', invoiceNumber: 'INV-5001', deducted: '22.00', disputeId: null }],
      },
    })
  })

  it('open_deductions refuses a read-only key and opens nothing', async () => {
    const r = await call('open_deductions', {}, ctx(true))
    expect(r).toMatchObject({ ok: false, error: { code: 'read_only' } })
    expect((await t.runtime.services.deductions.list({ opened: true })).total).toBe(0)
  })

  it('open_deductions opens it once, mapped by the customer code, and a second call opens nothing', async () => {
    const r = await call('open_deductions', { customerId: 'C-500' })
    if (!r.ok) throw new Error(r.error.message)
    const value = r.value as { opened: { invoiceNumber: string; reason: unknown; disputeId: string }[] }
    expect(value.opened).toHaveLength(1)
    expect(value.opened[0]).toMatchObject({
      invoiceNumber: 'INV-5001',
      reason: { by: 'code', customerCode: 'LATE FEE', reasonCode: 'late_fee' },
    })
    expect(await call('open_deductions', { customerId: 'C-500' })).toMatchObject({
      ok: true,
      value: { opened: [], failed: [], alreadyOpen: 1 },
    })
    const listed = await call('list_disputes', { invoiceNumber: 'INV-5001' })
    expect(listed).toMatchObject({ ok: true, value: { total: 1, items: [{ id: value.opened[0]?.disputeId }] } })
  })
})
