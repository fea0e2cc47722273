/**
 * list_deductions, open_deductions and record_payment through callTool, the path every adapter uses,
 * on the real store: a short payment recorded after start-up is listed without a dispute until the
 * tool opens it; a remittance advice recorded through the tool opens its disputes at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger, Payment } from '../src/core/ledger.ts'
import type { Actor } from '../src/services/ports.ts'
import { createTestApp, type TestApp } from '../src/testing/test-app.ts'
import { callByName, SPECIALIST, toolContext } from './testing.ts'

let t: TestApp
const ctx = (readOnly = false, actor?: Actor) => toolContext(t, readOnly, actor)

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

describe('record_payment', () => {
  const LEAD: Actor = { id: 'k-lead', name: 'Lee', role: 'lead' }
  // Globex pays INV-1002 less 320.00: their advice says 8 pieces of widget B never arrived.
  const advice: Payment = {
    id: 'PMT-77',
    customerId: 'C-100',
    amount: '1680.00',
    currency: 'USD',
    date: '2026-03-05',
    reference: 'ACH 0305',
    remittance: [{ invoiceNumber: 'INV-1002', paid: '1680.00', deducted: '320.00', reasonText: 'SHORT 8 PCS' }],
  }

  it('is a lead’s change: a specialist is refused and nothing is recorded', async () => {
    expect(await call('record_payment', advice)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect((await t.runtime.services.deductions.list({ paymentId: 'PMT-77' })).total).toBe(0)
  })

  it('refuses an advice naming an invoice that is not the payer’s, by its field', async () => {
    const r = await call(
      'record_payment',
      { ...advice, id: 'PMT-78', remittance: [{ ...advice.remittance?.[0], invoiceNumber: 'INV-2002' }] },
      ctx(false, LEAD),
    )
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'remittance[0].invoiceNumber' } })
    const unknown = await call(
      'record_payment',
      { ...advice, id: 'PMT-79', invoiceNumber: 'INV-9999' },
      ctx(false, LEAD),
    )
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invoice_not_found', field: 'invoiceNumber' } })
  })

  it('records the payment and opens the short-paid invoice’s dispute with its figures; again, records nothing', async () => {
    const r = await call('record_payment', advice, ctx(false, LEAD))
    expect(r).toMatchObject({
      ok: true,
      value: {
        payment: 'recorded',
        deductions: {
          opened: [
            {
              paymentId: 'PMT-77',
              invoiceNumber: 'INV-1002',
              deducted: '320.00',
              reason: { by: 'code', reasonCode: 'quantity_discrepancy' },
              classification: 'valid',
              supportedAmount: '320.00',
            },
          ],
        },
      },
    })
    const paid = await call('get_payments', { customerId: 'C-100' })
    expect(JSON.stringify(paid)).toContain('PMT-77')
    expect(await call('record_payment', advice, ctx(false, LEAD))).toMatchObject({
      ok: true,
      value: { payment: 'already_recorded', deductions: { opened: [], alreadyOpen: 1 } },
    })
    expect(await call('list_disputes', { invoiceNumber: 'INV-1002' })).toMatchObject({ ok: true, value: { total: 1 } })
  })
})
